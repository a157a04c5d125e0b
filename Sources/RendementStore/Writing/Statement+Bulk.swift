import CSQLite

/// Allocation-free binding for bulk inserts: integers, NULL and text from
/// raw bytes, and a single step that keeps the statement ready for the next row.
extension Statement {
    private static let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    @inline(__always)
    public func bindInt(_ value: Int64, at index: Int32) { sqlite3_bind_int64(handle, index, value) }

    @inline(__always)
    public func bindNull(at index: Int32) { sqlite3_bind_null(handle, index) }

    /// Binds UTF-8 bytes as text (copied by SQLite); an empty buffer binds ''.
    @inline(__always)
    public func bindBytes(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        if let base = bytes.baseAddress {
            sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                              Int32(bytes.count), Statement.transientDestructor)
        } else {
            sqlite3_bind_text(handle, index, "", 0, Statement.transientDestructor)
        }
    }

    /// Binds bytes as a BLOB (copied by SQLite).
    @inline(__always)
    public func bindBlob(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        sqlite3_bind_blob(handle, index, bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!,
                          Int32(bytes.count), Statement.transientDestructor)
    }

    /// Binds bytes as a BLOB without a copy (SQLITE_STATIC): the bytes must
    /// stay as they are until this row's `insert()` has run. For bulk loops
    /// that bind every parameter of every row.
    @inline(__always)
    public func bindBlobNoCopy(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        sqlite3_bind_blob(handle, index, bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!,
                          Int32(bytes.count), nil)
    }

    /// Binds UTF-8 bytes as text without a copy (SQLITE_STATIC; see `bindBlobNoCopy`).
    @inline(__always)
    public func bindBytesNoCopy(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        guard let base = bytes.baseAddress else { return bindBytes(bytes, at: index) }
        sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
    }

    /// Binds UTF-8 bytes as text, or NULL when empty.
    @inline(__always)
    public func bindBytesOrNull(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        if bytes.isEmpty { bindNull(at: index) } else { bindBytes(bytes, at: index) }
    }

    /// Steps an INSERT/UPDATE/DELETE once and resets it (bindings are
    /// overwritten by the next row, not cleared).
    @inline(__always)
    public func insert() throws {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        if rc != SQLITE_DONE && rc != SQLITE_ROW { throw database.error(rc, context: "running \(sql.prefix(60))") }
    }
}
