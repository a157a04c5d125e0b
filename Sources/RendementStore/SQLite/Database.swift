import CSQLite
import Foundation

/// One connection to an SQLite file: the C API wrapped once, thinly
/// (after GRDB's `Database`). Not shared across threads.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// Opens (and with `create`, creates) the file. A new file is created with
    /// mode 0600 before SQLite writes anything to it, and never through a
    /// symbolic link (SQLite is told not to follow one either). With
    /// `applicationID`, a database whose header has none gets it before
    /// anything else is written (so a new database carries it in its main
    /// file from the start). WAL journal, a busy timeout, and foreign keys on.
    public init(path: String, create: Bool = true, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 5000,
                applicationID: Int32? = nil) throws {
        self.path = path
        if create && !readOnly {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 && errno != EEXIST {
                throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            if fd >= 0 {
                fchmod(fd, 0o600)
                Foundation.close(fd)
            }
        }
        _ = Database.configured
        var h: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        let rc = sqlite3_open_v2(path, &h, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, nil)
        guard rc == SQLITE_OK, let h else {
            let message = h.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let h { sqlite3_close_v2(h) }
            throw StoreError.cannotOpen(path: path, reason: message)
        }
        handle = h
        sqlite3_busy_timeout(h, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(h, 1)
        if !readOnly {
            // SQLite silently opens a file it may not write (read-only mount,
            // immutable file) read-only; say so before anything tries to write.
            if sqlite3_db_readonly(h, "main") == 1 {
                throw StoreError.readOnly(path: path, reason: "the file cannot be written")
            }
            do {
                if let applicationID, try scalar("PRAGMA application_id") == 0 {
                    try execute("PRAGMA application_id = \(applicationID)")
                }
                try execute("PRAGMA journal_mode=WAL")
            } catch StoreError.sqlite(let code, let message, _) where code & 0xFF == SQLITE_CANTOPEN {
                throw StoreError.readOnly(path: path, reason: "cannot create \((path as NSString).lastPathComponent)-wal and -shm in its folder: \(message)")
            }
        }
        try execute("PRAGMA foreign_keys=ON")
    }

    /// Whether `close()` was called.
    private var closed = false

    deinit { if !closed { sqlite3_close_v2(handle) } }

    /// Closes the connection now (it is unusable afterwards); statements
    /// still alive are finalised when they go.
    public func close() {
        guard !closed else { return }
        closed = true
        sqlite3_close_v2(handle)
    }

    /// Process-wide SQLite settings, applied once before the first connection.
    private static let configured: Bool = rendement_sqlite_configure() == SQLITE_OK

    func error(_ rc: Int32, context: String) -> StoreError {
        Self.error(rc, message: String(cString: sqlite3_errmsg(handle)), context: context, path: path)
    }

    /// The error for a result code: the ones a person can act on by name.
    static func error(_ rc: Int32, message: String, context: String, path: String) -> StoreError {
        switch rc & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: .busy(path: path)
        case SQLITE_NOTADB: .incompatible(path: path, reason: "the file is not an SQLite database")
        case SQLITE_READONLY: .readOnly(path: path, reason: message)
        case SQLITE_FULL: .full(path: path)
        default: .sqlite(code: rc, message: message, context: context)
        }
    }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? ""
            sqlite3_free(message)
            throw Self.error(rc, message: text, context: "running \(sql.prefix(60))", path: path)
        }
    }

    public func prepare(_ sql: String) throws -> Statement { try Statement(database: self, sql: sql) }

    /// The single integer of a query such as `SELECT count(*) ...`.
    public func scalar(_ sql: String, _ values: [Bindable?] = []) throws -> Int64? {
        let s = try prepare(sql)
        return try s.rows(values) { $0.optionalInt(0) }.first ?? nil
    }

    /// Runs `body` in one IMMEDIATE transaction (the write lock is taken at the
    /// start, so a second writer waits or gets "store is busy" before doing any
    /// work); rolls back on any error, so the store is exactly as before.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// `PRAGMA application_id`: which application's database this is.
    public var applicationID: Int32 {
        get throws { Int32(truncatingIfNeeded: try scalar("PRAGMA application_id") ?? 0) }
    }

    /// `PRAGMA user_version`: the schema version.
    public var userVersion: Int {
        get throws { Int(try scalar("PRAGMA user_version") ?? 0) }
    }
}
