import CSQLite
import Foundation
import XCTest

/// Looks into a store through the SQLite C API only, without knowing its
/// tables: integrity check, row counts of every table, an order-independent
/// digest of every table's content and of the schema, and the import log.
/// Opens the store read-only, so probing never changes it.
final class StoreProbe {
    private let db: OpaquePointer

    init(_ path: String) throws {
        var h: OpaquePointer?
        let rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, nil)
        guard rc == SQLITE_OK, let h else {
            let message = h.map { String(cString: sqlite3_errmsg($0)) } ?? "rc \(rc)"
            if let h { sqlite3_close_v2(h) }
            throw NSError(domain: "StoreProbe", code: Int(rc), userInfo: [NSLocalizedDescriptionKey: "cannot open \(path): \(message)"])
        }
        db = h
        sqlite3_busy_timeout(h, 10_000)
    }

    deinit { sqlite3_close_v2(db) }

    /// Every row of `sql` as text cells (NULL as nil).
    func rows(_ sql: String) throws -> [[String?]] {
        var s: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &s, nil) == SQLITE_OK, let s else {
            throw NSError(domain: "StoreProbe", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(sql): \(String(cString: sqlite3_errmsg(db)))"])
        }
        defer { sqlite3_finalize(s) }
        var out: [[String?]] = []
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw NSError(domain: "StoreProbe", code: Int(rc), userInfo: [NSLocalizedDescriptionKey: "\(sql): \(String(cString: sqlite3_errmsg(db)))"])
            }
            out.append((0..<sqlite3_column_count(s)).map { i in
                sqlite3_column_type(s, i) == SQLITE_NULL ? nil : String(cString: sqlite3_column_text(s, i))
            })
        }
        return out
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    func integrity() throws -> String {
        try rows("PRAGMA integrity_check").map { $0[0] ?? "" }.joined(separator: "; ")
    }

    /// Names of every table (including SQLite's own, such as sqlite_sequence).
    func tables() throws -> [String] {
        try rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0[0] }
    }

    /// `SELECT count(*)` of every table.
    func counts() throws -> [String: Int] {
        var out: [String: Int] = [:]
        for t in try tables() { out[t] = Int(try rows("SELECT count(*) FROM \"\(t)\"")[0][0] ?? "0") }
        return out
    }

    /// Per table: row count and an order-independent hash of every row's
    /// typed values; plus the schema (every table and index definition).
    func digest() throws -> [String: String] {
        var out: [String: String] = [:]
        let schema = try rows("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
        out["(schema)"] = schema.map { $0.map { $0 ?? "NULL" }.joined(separator: "|") }.joined(separator: "\n")
        for t in try tables() {
            var s: OpaquePointer?
            guard sqlite3_prepare_v2(db, "SELECT * FROM \"\(t)\"", -1, &s, nil) == SQLITE_OK, let s else { continue }
            defer { sqlite3_finalize(s) }
            var count = 0
            var sum: UInt64 = 0, xor: UInt64 = 0
            while sqlite3_step(s) == SQLITE_ROW {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                func mix(_ byte: UInt8) { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
                for i in 0..<sqlite3_column_count(s) {
                    let type = sqlite3_column_type(s, i)
                    mix(UInt8(type))
                    switch type {
                    case SQLITE_INTEGER:
                        var v = UInt64(bitPattern: sqlite3_column_int64(s, i))
                        for _ in 0..<8 { mix(UInt8(v & 0xFF)); v >>= 8 }
                    case SQLITE_FLOAT:
                        var v = sqlite3_column_double(s, i).bitPattern
                        for _ in 0..<8 { mix(UInt8(v & 0xFF)); v >>= 8 }
                    case SQLITE_NULL:
                        break
                    default:
                        let n = Int(sqlite3_column_bytes(s, i))
                        if n > 0, let p = sqlite3_column_blob(s, i) {
                            let bytes = UnsafeRawBufferPointer(start: p, count: n)
                            for b in bytes { mix(b) }
                        }
                        mix(0xFF)
                    }
                }
                count += 1
                sum &+= h
                xor ^= h &* 31
            }
            out[t] = "\(count) rows, \(String(sum, radix: 16))/\(String(xor, radix: 16))"
        }
        return out
    }

    struct ImportRow: Equatable {
        var kind: String, fileName: String, rowsRead: Int, rowsImported: Int, rejected: Int, replaced: Bool
    }

    /// The import log (kind, file, counts, whether replaced), oldest first.
    func imports() throws -> [ImportRow] {
        try rows("SELECT kind, file_name, rows_read, rows_imported, rejected, replaced_at FROM imports ORDER BY import_id").map {
            ImportRow(kind: $0[0] ?? "", fileName: $0[1] ?? "", rowsRead: Int($0[2] ?? "") ?? -1, rowsImported: Int($0[3] ?? "") ?? -1,
                      rejected: Int($0[4] ?? "") ?? -1, replaced: $0[5] != nil)
        }
    }

    /// The live imports of a file name.
    func imports(of fileName: String) throws -> [ImportRow] {
        try imports().filter { $0.fileName == fileName && !$0.replaced }
    }
}

/// Holds the store's write lock (BEGIN IMMEDIATE) from the test process, as
/// another writer would, until `release()`.
final class WriteLock {
    private let db: OpaquePointer
    init(_ path: String) throws {
        var h: OpaquePointer?
        guard sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let h else { throw NSError(domain: "WriteLock", code: 1) }
        db = h
        guard sqlite3_exec(h, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK else { throw NSError(domain: "WriteLock", code: 2) }
    }
    func release() { sqlite3_exec(db, "ROLLBACK", nil, nil, nil) }
    deinit { release(); sqlite3_close_v2(db) }
}

/// Asserts that a store is sound and exactly as `before` (content digest of
/// every table and the schema).
func assertStore(_ path: String, equals before: [String: String], _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let probe = try StoreProbe(path)
    XCTAssertEqual(try probe.integrity(), "ok", "\(context): integrity", file: file, line: line)
    let after = try probe.digest()
    for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
        XCTFail("\(context): store changed in \(key): \(before[key] ?? "absent") -> \(after[key] ?? "absent")", file: file, line: line)
    }
}

func digest(_ path: String) throws -> [String: String] { try StoreProbe(path).digest() }

/// Checkpoints the store and closes it as its last connection, so SQLite
/// removes STORE-wal and STORE-shm (a store "at rest").
func closeCleanly(_ path: String) {
    var h: OpaquePointer?
    guard sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let h else { return }
    sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", nil, nil, nil)
    sqlite3_close_v2(h)
}
