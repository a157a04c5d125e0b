import Foundation
import RendementCore
@testable import RendementImport
import RendementStore
import RendementSynth
import XCTest

/// Person attributes are resolved either by scanning every observation or
/// by looking up the touched persons one by one; both must give the same
/// `person_resolved`, for every person.
final class PersonResolverTests: XCTestCase {
    func testLookupAndScanAgree() throws {
        let dir = TempDir()
        let truth = try SyntheticExtracts.generate(into: dir.path, options: SynthOptions(seed: 5, messy: true, persons: 1500))
        let store = try makeStore(dir)
        for kind in [InputKind.veiligheidshuizen, .bvh, .personen, .hks, .clienten] {
            _ = try importer(store) { o in
                o.mappingPath = truth.mappingFiles[kind.rawValue].map { dir.file($0) }
                o.today = ImportOptions.currentDay()
            }.importFile(dir.file("\(kind.rawValue).csv"), kind: kind)
        }
        let db = store.database
        let all = Set(try db.prepare("SELECT person_key FROM persons").rows([]) { $0.int(0) })
        func resolved() throws -> [String] { try dump(store, "SELECT * FROM person_resolved") }
        let scanned = try db.transaction { try PersonResolver.resolve(db, persons: all, lookUpEach: false) }
        let afterScan = try resolved()
        try db.execute("DELETE FROM person_resolved")
        let looked = try db.transaction { try PersonResolver.resolve(db, persons: all, lookUpEach: true) }
        XCTAssertEqual(try resolved(), afterScan)
        XCTAssertEqual(scanned.0, looked.0)
        XCTAssertEqual(scanned.1, looked.1)
        XCTAssertEqual(scanned.2, looked.2)
        XCTAssertGreaterThan(scanned.0, 0, "the messy data plants birth-date conflicts")
        XCTAssertEqual(afterScan.count, all.count)
    }
}
