import Foundation

/// Replaces a folder as a whole: the new content is built in a fresh
/// staging folder next to the target (same file system), which is then
/// swapped in with one `renameat2(RENAME_EXCHANGE)` -- atomic: whoever looks,
/// and whenever the process is killed, the target holds the old content or
/// the new, never a mix -- after which the old content (now under the
/// staging name) is removed. A staging folder is named
/// `.NAME.rendement-PID-RANDOM`; one left by a killed run (its process is
/// gone) is removed by the next run for the same target.
///
/// On a file system without the exchange (EINVAL/ENOSYS: some network file
/// systems) the swap is two renames; a kill in the instant between them
/// leaves the old content under `.NAME.rendement-old-PID-RANDOM` and no
/// target (docs/reliability.md).
public enum FolderSwap {
    /// A new empty folder beside `target` for building its next content.
    /// The target's parent folders are created when missing.
    public static func makeStaging(for target: String) throws -> String {
        let (parent, name) = split(target)
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        for _ in 0..<16 {
            let staging = parent + "/" + prefix(name) + "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            if mkdir(staging, 0o777) == 0 { return staging }
            if errno != EEXIST { throw OutputFile.Failure(path: target, reason: "cannot create a folder beside it: \(String(cString: strerror(errno)))") }
        }
        throw OutputFile.Failure(path: target, reason: "cannot create a folder beside it")
    }

    /// Puts `staging` in the place of `target` (absent, or a folder) and
    /// removes the old content.
    public static func swapIn(_ staging: String, for target: String) throws {
        var st = stat()
        if lstat(target, &st) != 0 {
            guard errno == ENOENT else { throw OutputFile.Failure(path: target, reason: String(cString: strerror(errno))) }
            guard rename(staging, target) == 0 else {
                throw OutputFile.Failure(path: target, reason: String(cString: strerror(errno)))
            }
            return
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputFile.Failure(path: target, reason: "it is \(FileKind.name(of: st.st_mode)), not a folder")
        }
        if exchange(staging, target) == 0 {
            remove(staging)
            return
        }
        guard errno == EINVAL || errno == ENOSYS else {
            let busy = errno == EBUSY ? " (the working folder, or a mount point, cannot be replaced: name a folder inside it)" : ""
            throw OutputFile.Failure(path: target, reason: "cannot swap in the new folder: \(String(cString: strerror(errno)))\(busy)")
        }
        let (parent, name) = split(target)
        let old = parent + "/" + prefix(name) + "old-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        guard rename(target, old) == 0 else { throw OutputFile.Failure(path: target, reason: String(cString: strerror(errno))) }
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, target)
            throw OutputFile.Failure(path: target, reason: reason)
        }
        remove(old)
    }

    /// Removes a staging folder that will not be swapped in (a failed run).
    public static func discard(_ staging: String) { remove(staging) }

    /// Removes the staging folders of `target` left by runs whose process
    /// has ended (killed); those of a live process are left alone.
    public static func removeStale(for target: String) {
        let (parent, name) = split(target)
        let start = prefix(name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix(start) {
            let rest = entry.dropFirst(start.count)
            let pidText = rest.hasPrefix("old-") ? rest.dropFirst(4).prefix { $0 != "-" } : rest.prefix { $0 != "-" }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            if rest.hasPrefix("old-") { continue }  // the only copy of an earlier content: kept (see the type's comment)
            var st = stat()
            if lstat(parent + "/" + entry, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { remove(parent + "/" + entry) }
        }
    }

    /// The parent folder and the last component of `target`.
    static func split(_ target: String) -> (parent: String, name: String) {
        let url = URL(fileURLWithPath: target).standardizedFileURL
        return (url.deletingLastPathComponent().path, url.lastPathComponent)
    }

    /// `.NAME.rendement-` (NAME shortened to keep the entry under 255 bytes).
    static func prefix(_ name: String) -> String {
        var base = name
        while base.utf8.count > 180 { base.removeLast() }
        return "." + base + ".rendement-"
    }

    /// Removes a folder tree without following links in it.
    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// `renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)`: glibc has it
    /// since 2.28, but the Swift Glibc module does not export it (it needs
    /// _GNU_SOURCE), so it is looked up once; -1 with ENOSYS when missing.
    static func exchange(_ a: String, _ b: String) -> Int32 {
        guard let call = renameat2 else {
            errno = ENOSYS
            return -1
        }
        return call(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */)
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: Renameat2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: Renameat2.self) }
}
