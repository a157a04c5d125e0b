import Foundation

/// Writes a file whole and without following a symbolic link: the bytes go
/// to a new temporary file beside the target (created with `O_EXCL |
/// O_NOFOLLOW`, so it can be neither an existing file nor a link), which is
/// then renamed over the target. A rename replaces a link placed at the path
/// instead of writing through it, and a reader sees the old file or the new
/// one, never half of it. Before anything is written the target is checked:
/// a symbolic link, a folder, a device or a FIFO at the path is refused, and
/// so is the file of an input or a key named in `protecting` (the same file,
/// whatever the path).
///
///     try OutputFile.write("a,b\n1,2\n", to: "out/table.csv")
public enum OutputFile {
    /// Why a file was not written, in one line.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// What may be replaced when a regular file already exists at the path.
    public enum Existing: Sendable {
        /// Any regular file (not one of the protected files).
        case replace
        /// Only a file `isOurs` recognises (e.g. an earlier rejects file);
        /// `what` names such a file in the refusal.
        case replaceOnly(what: String, isOurs: @Sendable (String) -> Bool)
        /// Nothing: the file must be new.
        case never
    }

    /// Checks that `path` may be written (see the type's comment); throws
    /// `Failure` with the reason when it may not.
    public static func checkTarget(_ path: String, protecting protected: [String] = [], existing: Existing = .replace) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return }
            throw Failure(path: path, reason: String(cString: strerror(errno)))
        }
        let kind = st.st_mode & S_IFMT
        if kind == S_IFLNK {
            throw Failure(path: path, reason: "it is a symbolic link; rendement never writes through a link (remove it or choose another path)")
        }
        guard kind == S_IFREG else {
            throw Failure(path: path, reason: "it is \(FileKind.name(of: st.st_mode)), not a regular file")
        }
        for p in protected {
            var other = stat()
            if stat(p, &other) == 0, other.st_dev == st.st_dev, other.st_ino == st.st_ino {
                throw Failure(path: path, reason: "it is the same file as \(p); refusing to overwrite an input, a key or the store")
            }
        }
        switch existing {
        case .replace: return
        case .never: throw Failure(path: path, reason: "it already exists; refusing to overwrite it")
        case let .replaceOnly(what, isOurs):
            if !isOurs(path) { throw Failure(path: path, reason: "it already exists and is not \(what); refusing to overwrite it") }
        }
    }

    /// Writes `text` (UTF-8) whole to `path`: checked, written to a temporary
    /// file beside it and renamed over it. `mode` is the new file's mode
    /// (0600 for person-level data; other modes are reduced by the umask).
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644, protecting: [String] = [],
                             existing: Existing = .replace) throws {
        try write(bytes: Array(text.utf8), to: path, mode: mode, protecting: protecting, existing: existing)
    }

    /// Writes `bytes` whole to `path` (see `write(_:to:...)`).
    public static func write(bytes: [UInt8], to path: String, mode: mode_t = 0o644, protecting: [String] = [],
                             existing: Existing = .replace) throws {
        try checkTarget(path, protecting: protecting, existing: existing)
        let (fd, temporary) = try createTemporary(beside: path, mode: mode)
        do {
            try writeAll(fd, bytes, path: path)
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        try install(temporary, at: path, protecting: protecting, existing: existing)
    }

    /// Creates `path` as a new file holding `bytes`; fails when anything
    /// (a file, a link, even a dangling one) is already there.
    public static func create(bytes: [UInt8], at path: String, mode: mode_t = 0o644) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it already exists (a file or a link); refusing to overwrite it" : String(cString: strerror(errno))
            throw Failure(path: path, reason: reason)
        }
        defer { close(fd) }
        if mode == 0o600 { fchmod(fd, 0o600) }
        try writeAll(fd, bytes, path: path)
    }

    /// A new, empty temporary file in the folder of `path`, named
    /// `.NAME.rendement-RANDOM.tmp`: its descriptor (open for writing) and path.
    public static func createTemporary(beside path: String, mode: mode_t) throws -> (fd: Int32, path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var base = url.lastPathComponent
        while base.utf8.count > 180 { base.removeLast() }
        for _ in 0..<16 {
            let temporary = folder + "/." + base + ".rendement-" + String(UInt64.random(in: 0...UInt64.max), radix: 16) + ".tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 {
                if mode == 0o600 { fchmod(fd, 0o600) }
                return (fd, temporary)
            }
            if errno != EEXIST { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        }
        throw Failure(path: path, reason: "no temporary file could be created beside it")
    }

    /// Renames the finished `temporary` over `path`, after checking the
    /// target again (it may have changed while the file was written). The
    /// temporary file is removed when the target is refused.
    public static func install(_ temporary: String, at path: String, protecting: [String] = [], existing: Existing = .replace) throws {
        do {
            try checkTarget(path, protecting: protecting, existing: existing)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
    }

    /// Writes all of `bytes` to `fd` (retrying short writes and EINTR).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            offset += n
        }
    }
}
