import Foundation
@testable import RendementImport
import XCTest

/// The importer's byte-keyed hash table agrees with a Dictionary on many
/// keys of every length, across growth.
final class ByteKeyTableTests: XCTestCase {
    func testAgreesWithADictionary() {
        var table = ByteKeyTable(capacity: 4)
        var reference: [String: Int64] = [:]
        var seed: UInt64 = 7
        for i in 0..<50_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(seed >> 58)  // 0...63
            let key = String(repeating: "x", count: length) + String(seed % 40_000, radix: 36)
            var k = key
            let found = k.withUTF8 { table.value($0) }
            XCTAssertEqual(found, reference[key], key)
            if found == nil {
                k.withUTF8 { table.insert($0, Int64(i)) }
                reference[key] = Int64(i)
            }
        }
        XCTAssertEqual(table.count, reference.count)
        for (key, value) in reference {
            var k = key
            XCTAssertEqual(k.withUTF8 { table.value($0) }, value)
        }
        var absent = "not-there"
        XCTAssertNil(absent.withUTF8 { table.value($0) })
        var empty = ""
        XCTAssertNil(empty.withUTF8 { table.value($0) })
        empty.withUTF8 { table.insert($0, -5) }
        XCTAssertEqual(empty.withUTF8 { table.value($0) }, -5)
    }
}
