import CSQLite
import Foundation
import RendementCore

/// What is at a store path, found before rendement writes a byte to it: a
/// file that is not a rendement store -- any non-SQLite file, or another
/// application's SQLite database -- is refused and left exactly as it was
/// (no table added, no `user_version`, no switch to WAL).
///
/// A rendement store carries the SQLite `application_id` 0x52444D54
/// ("RDMT") in its header, written into the main file before the store
/// switches to WAL, so the file itself shows it. A store made by an earlier
/// rendement (application_id 0) is recognised by its schema (a
/// `user_version` of 1 or more and the tables `imports`, `persons`,
/// `registrations`, `veiligheidshuizen`), read through a read-only
/// connection, and gets the application_id when it is next opened for writing.
public enum StoreFile {
    /// The `application_id` of every rendement store.
    public static let applicationID: Int32 = 0x5244_4D54

    /// The state of the path.
    public enum State: Equatable {
        /// Nothing there: a new store may be created.
        case absent
        /// An empty regular file: a new store may be created in it.
        case empty
        /// A rendement store.
        case store
    }

    /// Looks at `path` without changing anything; throws `StoreError` (with
    /// the reason) for what must not be opened as a store.
    public static func inspect(_ path: String) throws -> State {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return .absent }
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK:
            var target = stat()
            let dangling = stat(path, &target) != 0
            throw StoreError.cannotOpen(path: path, reason: dangling
                ? "it is a symbolic link to a file that does not exist; rendement does not create a store through a link: give a real path"
                : "it is a symbolic link; give the store's real path (rendement never writes through a link)")
        default:
            throw StoreError.cannotOpen(path: path, reason: "it is \(FileKind.name(of: st.st_mode)), not a store file")
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            var side = stat()
            if lstat(path + suffix, &side) == 0, (side.st_mode & S_IFMT) != S_IFREG {
                throw StoreError.cannotOpen(path: path, reason: "\((path as NSString).lastPathComponent)\(suffix) beside it is \(FileKind.name(of: side.st_mode)), not a regular file; remove it")
            }
        }
        if st.st_size == 0 { return .empty }
        let header = try readHeader(path)
        guard header.count == 100, header.starts(with: Array("SQLite format 3\u{0}".utf8)) else {
            throw StoreError.incompatible(path: path, reason: "the file is not an SQLite database (and so not a rendement store); it was left untouched")
        }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if Int32(bitPattern: id) == applicationID { return .store }
        if id != 0 {
            throw StoreError.incompatible(path: path, reason: "it is another application's SQLite database (application_id 0x\(String(id, radix: 16))); it was left untouched")
        }
        guard try hasRendementSchema(path) else {
            throw StoreError.incompatible(path: path, reason: "it is an SQLite database without the rendement tables (another application's?); it was left untouched")
        }
        return .store
    }

    /// The first 100 bytes of the file (the SQLite header).
    static func readHeader(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 100)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 100, 0) }
        guard n >= 0 else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        return Array(bytes[0..<n])
    }

    /// Whether the SQLite database at `path` has the schema of a rendement
    /// store (of any version), read without writing: `immutable=1` when no
    /// -wal file is beside it (SQLite then creates no file at all), else a
    /// read-only connection that sees the WAL's content.
    static func hasRendementSchema(_ path: String) throws -> Bool {
        var st = stat()
        let hasWAL = lstat(path + "-wal", &st) == 0 && st.st_size > 0
        let escaped = path.unicodeScalars.map { c -> String in
            "%?#".unicodeScalars.contains(c) ? String(format: "%%%02X", c.value) : String(c)
        }.joined()
        let uri = "file:" + escaped + (hasWAL ? "?mode=ro" : "?mode=ro&immutable=1")
        var h: OpaquePointer?
        let rc = sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, nil)
        defer { sqlite3_close_v2(h) }
        guard rc == SQLITE_OK, let h else { return false }
        var tables = Set<String>()
        var version: Int32 = 0
        var s: OpaquePointer?
        if sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &s, nil) == SQLITE_OK {
            while sqlite3_step(s) == SQLITE_ROW {
                if let t = sqlite3_column_text(s, 0) { tables.insert(String(cString: t)) }
            }
        }
        sqlite3_finalize(s)
        if sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &s, nil) == SQLITE_OK, sqlite3_step(s) == SQLITE_ROW {
            version = sqlite3_column_int(s, 0)
        }
        sqlite3_finalize(s)
        return version >= 1 && ["imports", "persons", "registrations", "veiligheidshuizen"].allSatisfy(tables.contains)
    }

    /// Gives the store file and its -wal/-shm mode 0600 where they have
    /// another (a store made by an earlier rendement, or through an existing
    /// empty file). Never follows a link.
    static func makePrivate(_ path: String) throws {
        for p in [path, path + "-wal", path + "-shm"] {
            let fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if fd < 0 {
                if errno == ENOENT && p != path { continue }
                throw StoreError.cannotOpen(path: path, reason: "cannot open \(p) to make it private: \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0 else { continue }
            if (st.st_mode & 0o7777) != 0o600 && fchmod(fd, 0o600) != 0 {
                throw StoreError.cannotOpen(path: path, reason: "cannot give \(p) mode 0600 (readable by its owner only): \(String(cString: strerror(errno)))")
            }
        }
    }
}
