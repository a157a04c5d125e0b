import Foundation
import RendementCore
@testable import RendementImport
import RendementStore
import RendementSynth
import XCTest

/// Person attributes are resolved while importing (persons new in a police
/// import right when their history is written; others by scanning every
/// observation or by looking the touched persons up one by one). All ways
/// must give the same `person_resolved`, for every person.
final class PersonResolverTests: XCTestCase {
    /// Every person some import observed a birth date or sex for.
    private func observedPersons(_ store: Store) throws -> Set<Int64> {
        Set(try store.database.prepare("""
            SELECT person_key FROM bvh_histories WHERE length(attributes) > 0
            UNION SELECT person_key FROM hks_histories WHERE length(attributes) > 0
            UNION SELECT person_key FROM person_observations
            """).rows([]) { $0.int(0) })
    }

    func testLookupAndScanAgree() throws {
        let dir = TempDir()
        let truth = try SyntheticExtracts.generate(into: dir.path, options: SynthOptions(seed: 5, messy: true, persons: 1500))
        let store = try makeStore(dir)
        // BVH first: its persons are new and resolved by the history writer;
        // the later files touch them again through the resolver.
        var afterBVH: [String] = []
        for kind in [InputKind.veiligheidshuizen, .bvh, .personen, .hks, .clienten] {
            _ = try importer(store) { o in
                o.mappingPath = truth.mappingFiles[kind.rawValue].map { dir.file($0) }
                o.today = ImportOptions.currentDay()
            }.importFile(dir.file("\(kind.rawValue).csv"), kind: kind)
            if kind == .bvh {
                afterBVH = try dump(store, "SELECT person_key, birth_day, birth_precision, sex, birth_conflict, sex_conflict FROM person_resolved")
                let all = try observedPersons(store)
                _ = try store.database.transaction { try PersonResolver.resolve(store.database, persons: all, lookUpEach: false) }
                XCTAssertEqual(try dump(store, "SELECT person_key, birth_day, birth_precision, sex, birth_conflict, sex_conflict FROM person_resolved"), afterBVH, "resolved while writing histories = resolved afterwards")
                XCTAssertFalse(afterBVH.isEmpty)
            }
        }
        let imported = try dump(store, "SELECT person_key, birth_day, birth_precision, sex, birth_conflict, sex_conflict FROM person_resolved")
        let db = store.database
        let all = try observedPersons(store)
        func resolved() throws -> [String] { try dump(store, "SELECT person_key, birth_day, birth_precision, sex, birth_conflict, sex_conflict FROM person_resolved") }
        let scanned = try db.transaction { try PersonResolver.resolve(db, persons: all, lookUpEach: false) }
        let afterScan = try resolved()
        XCTAssertEqual(afterScan, imported, "the import's result = a full recomputation")
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
