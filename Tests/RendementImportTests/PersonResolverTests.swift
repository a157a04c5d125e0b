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

    /// The one-pass sex rule gives what the rule as first written (filter,
    /// then minimum) gives, on many random sets of observations with ties.
    func testSexRuleOnePassEqualsTheWrittenRule() {
        func written(_ obs: [PersonResolver.SexObs]) -> (Int?, Bool) {
            if obs.count == 1 { return (obs[0].sex, false) }
            let known = obs.filter { $0.sex != Sex.onbekend.code }
            if known.isEmpty { return (obs.isEmpty ? nil : Sex.onbekend.code, false) }
            let best = known.map(\.priority).min()!
            let chosen = known.filter { $0.priority == best }.min { a, b in
                if a.count != b.count { return a.count > b.count }
                if a.firstImport != b.firstImport { return a.firstImport < b.firstImport }
                return a.sex < b.sex
            }!
            return (chosen.sex, Set(known.map(\.sex)).count > 1)
        }
        var seed: UInt64 = 11
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33) % n
        }
        let codes = [Sex.man.code, Sex.vrouw.code, Sex.onbekend.code]
        for _ in 0..<20_000 {
            let obs = (0..<next(5)).map { _ in
                PersonResolver.SexObs(priority: next(3), sex: codes[next(3)], count: 1 + next(3), firstImport: Int64(1 + next(3)))
            }
            let (a, b) = (PersonResolver.resolveSex(obs), written(obs))
            XCTAssertEqual(a.0, b.0, "\(obs)")
            XCTAssertEqual(a.1, b.1, "\(obs)")
        }
    }
}
