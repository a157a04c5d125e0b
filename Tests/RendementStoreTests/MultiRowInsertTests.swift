import Foundation
import RendementStore
import XCTest

/// Many rows per statement step: every row arrives once, with its own
/// values and a constant of the tuple, for counts below, at and around
/// the step size.
final class MultiRowInsertTests: XCTestCase {
    func testEveryRowOnceForCountsAroundTheStep() throws {
        let path = NSTemporaryDirectory() + "rendement-multirow-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t(batch INTEGER, k INTEGER, tag INTEGER, label TEXT)")
        for count in [0, 1, 7, 31, 32, 33, 64, 100] {
            let insert = try MultiRowInsert(db, head: "INSERT INTO t(batch, k, tag, label) VALUES ", tuple: "(\(count), ?, 7, ?)",
                                            parameters: 2, rowsPerStep: 32)
            try insert.insert(count: count) { s, row, at in
                s.bindInt(Int64(row * 10), at: at)
                var label = "row \(row)"
                label.withUTF8 { s.bindBytes($0, at: at + 1) }
            }
            let rows = try db.prepare("SELECT k, tag, label FROM t WHERE batch = ? ORDER BY k")
                .rows([count]) { ($0.int(0), $0.int(1), $0.text(2) ?? "") }
            XCTAssertEqual(rows.map(\.0), (0..<count).map { Int64($0 * 10) }, "count \(count)")
            XCTAssertTrue(rows.allSatisfy { $0.1 == 7 }, "count \(count)")
            XCTAssertEqual(rows.map(\.2), (0..<count).map { "row \($0)" }, "count \(count)")
        }
    }
}
