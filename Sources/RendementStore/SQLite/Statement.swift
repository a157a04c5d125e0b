import CSQLite
import Foundation

/// A prepared SQLite statement: bind, step, read columns, reset. Reused
/// across rows inside a transaction for bulk work.
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    let sql: String

    init(database: Database, sql: String) throws {
        var h: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &h, nil)
        guard rc == SQLITE_OK, let h else { throw database.error(rc, context: "preparing \(sql.prefix(60))") }
        self.handle = h
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds values to the parameters 1...n (nil binds NULL).
    public func bind(_ values: [Bindable?]) throws {
        for (i, v) in values.enumerated() { try bind(v, at: Int32(i + 1)) }
    }

    public func bind(_ value: Bindable?, at index: Int32) throws {
        let rc: Int32
        switch value {
        case nil: rc = sqlite3_bind_null(handle, index)
        case let v as Int: rc = sqlite3_bind_int64(handle, index, Int64(v))
        case let v as Int64: rc = sqlite3_bind_int64(handle, index, v)
        case let v as Int32: rc = sqlite3_bind_int64(handle, index, Int64(v))
        case let v as Double: rc = sqlite3_bind_double(handle, index, v)
        case let v as Bool: rc = sqlite3_bind_int64(handle, index, v ? 1 : 0)
        case let v as String: rc = sqlite3_bind_text(handle, index, v, -1, Statement.transient)
        case let v as Data:
            rc = v.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Statement.transient) }
        default: rc = SQLITE_MISMATCH
        }
        guard rc == SQLITE_OK else { throw database.error(rc, context: "binding parameter \(index)") }
    }

    /// Binds UTF-8 bytes as text without building a String.
    public func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        let rc = sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                   Int32(bytes.count), Statement.transient)
        guard rc == SQLITE_OK else { throw database.error(rc, context: "binding parameter \(index)") }
    }

    /// Steps once: true when a row is available, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, context: "running \(sql.prefix(60))")
        }
    }

    /// Runs a statement that returns no rows, then resets it for reuse.
    public func run(_ values: [Bindable?] = []) throws {
        try bind(values)
        defer { reset() }
        while try step() {}
    }

    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    public func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }

    public func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: p)
    }

    /// The bytes of a BLOB column, valid until the next step or reset.
    public func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let n = Int(sqlite3_column_bytes(handle, column))
        guard let p = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: n)
    }

    /// Every row, mapped.
    public func rows<T>(_ values: [Bindable?] = [], _ map: (Statement) throws -> T) throws -> [T] {
        try bind(values)
        defer { reset() }
        var out: [T] = []
        while try step() { out.append(try map(self)) }
        return out
    }
}

/// A value SQLite can bind: Int, Int64, Int32, Double, Bool or String.
public protocol Bindable {}
extension Int: Bindable {}
extension Int64: Bindable {}
extension Int32: Bindable {}
extension Double: Bindable {}
extension Bool: Bindable {}
extension String: Bindable {}
extension Data: Bindable {}
