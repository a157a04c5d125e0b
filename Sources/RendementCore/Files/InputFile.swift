import Foundation

/// Opens the files rendement reads (extracts, mapping files, keys,
/// configurations) only when they are regular files: a folder, a FIFO, a
/// device such as /dev/zero or a socket is refused with a reason instead of
/// being read (a FIFO without a writer would block forever, /dev/zero never
/// ends). The file is opened non-blocking and checked on the open
/// descriptor, so a path swapped for a FIFO between check and open is
/// refused too. Links are followed: reading through one is harmless.
///
///     let (fd, size) = try InputFile.open("bvh.csv", expected: "a CSV file")
public enum InputFile {
    /// Why the file cannot be read, in words ("it is a named pipe (FIFO), not
    /// a regular file; expected a CSV file"), without the path.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public let reason: String
        public var description: String { reason }
    }

    /// Opens `path` for reading; returns the descriptor (blocking again,
    /// close-on-exec) and the file's size. `expected` says what the file
    /// should be ("a CSV file").
    public static func open(_ path: String, expected: String) throws(Refusal) -> (fd: Int32, size: Int) {
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            throw Refusal(reason: refusal(st.st_mode, expected: expected))
        }
        let fd = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Refusal(reason: String(cString: strerror(errno))) }
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Refusal(reason: reason)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw Refusal(reason: refusal(st.st_mode, expected: expected))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return (fd, Int(st.st_size))
    }

    /// Reads a small regular file whole (at most `limit` bytes).
    public static func read(_ path: String, expected: String, limit: Int = 16 << 20) throws(Refusal) -> [UInt8] {
        let (fd, size) = try open(path, expected: expected)
        defer { close(fd) }
        guard size <= limit else { throw Refusal(reason: "it is \(size) bytes, more than \(limit) for \(expected)") }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, size - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw Refusal(reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            done += n
        }
        return Array(bytes[0..<done])
    }

    /// The first `count` bytes of a regular file (fewer when it is shorter);
    /// nil when it cannot be read or is not a regular file.
    public static func prefix(_ path: String, count: Int) -> [UInt8]? {
        guard let (fd, _) = try? open(path, expected: "a file") else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, 0) }
        return n < 0 ? nil : Array(bytes[0..<n])
    }

    /// "it is a folder; expected a CSV file" or "it is a named pipe (FIFO),
    /// not a regular file; expected ...".
    static func refusal(_ mode: mode_t, expected: String) -> String {
        if (mode & S_IFMT) == S_IFDIR { return "it is a directory; expected \(expected)" }
        return "it is \(FileKind.name(of: mode)), not a regular file; expected \(expected)"
    }
}
