import Foundation

/// Files a pseudonymisation output must never replace: its input, the key
/// file, and any file that holds a rendement key (64 hexadecimal
/// characters) -- whatever path, link or hard link leads to them.
struct ProtectedPaths {
    let input: String
    let keyPath: String?

    /// Throws when writing `path` would replace a protected file.
    func check(_ path: String) throws {
        if Self.sameFile(path, input) { throw Pseudonymizer.Failure.protectedPath(path, "the input file") }
        if let keyPath, Self.sameFile(path, keyPath) { throw Pseudonymizer.Failure.protectedPath(path, "the key file") }
        if Self.holdsKey(path) { throw Pseudonymizer.Failure.protectedPath(path, "a pseudonymisation key (rendement keygen)") }
    }

    /// Whether two paths lead to the same file (device and inode, links
    /// followed), or -- when one does not exist yet -- are the same path.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        return URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
            == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether the file at `path` (links followed) is a small regular file
    /// holding exactly 64 hexadecimal characters, as `PseudonymKey` writes.
    static func holdsKey(_ path: String) -> Bool {
        var s = stat()
        guard stat(path, &s) == 0, (s.st_mode & S_IFMT) == S_IFREG, s.st_size <= 256,
              let data = FileManager.default.contents(atPath: path) else { return false }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count == 64 && text.allSatisfy(\.isHexDigit)
    }
}
