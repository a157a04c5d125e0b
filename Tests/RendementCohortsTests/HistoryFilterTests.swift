import XCTest
import RendementCore
import RendementStore

/// The event filters of `rendement analyze` (--roles, --categories,
/// --min-severity) on a hand-made store.
final class HistoryFilterTests: XCTestCase {
    func testRolesCategoriesAndSeverityFilterTheEvents() throws {
        let f = try StoreFixture()
        let p = try f.person(born: Day(year: 1990, month: 1, day: 1)!)
        let d = { (m: Int) in Day(year: 2012, month: m, day: 1)! }
        try f.bvh(p, d(1), role: .verdachte)
        try f.bvh(p, d(2), role: .betrokkene)
        try f.bvh(p, d(3), role: .getuige)
        try f.bvh(p, d(4), role: .verdachte, registratienummer: "SAME")
        try f.bvh(p, d(5), role: .betrokkene, registratienummer: "SAME")     // one incident, counted once, dated by its first row
        try f.hks(p, d(1), pv: "A", category: .geweld)                        // severity 2 (ernstig) in the fixture
        try f.hks(p, d(2), pv: "B", category: .vermogen)
        try f.hks(p, d(3), pv: "B", category: .geweld)                        // pv B has a violent offence dated later

        let all = try HistoryTable.load(from: f.store)
        XCTAssertEqual(all.history(of: p).bvh.days, [d(1), d(2), d(4)].map(\.number), "verdachte and betrokkene; SAME once")
        XCTAssertEqual(all.history(of: p).hks.days, [d(1), d(2)].map(\.number), "pv dated by its earliest offence")
        XCTAssertEqual(all.suspectIncidents(of: p).map(\.day), [d(1), d(4)].map(\.number))

        let suspects = try HistoryTable.load(from: f.store, filter: .init(bvhRoles: [.verdachte]))
        XCTAssertEqual(suspects.history(of: p).bvh.days, [d(1), d(4)].map(\.number))

        let violence = try HistoryTable.load(from: f.store, filter: .init(hksCategories: [.geweld]))
        XCTAssertEqual(violence.history(of: p).hks.days, [d(1), d(3)].map(\.number), "pv B counts from its violent offence")

        let serious = try HistoryTable.load(from: f.store, filter: .init(hksMinimumSeverity: 3))
        XCTAssertEqual(serious.history(of: p).hks.days, [], "no offence is zeer ernstig")
        let ernstig = try HistoryTable.load(from: f.store, filter: .init(hksMinimumSeverity: 2))
        XCTAssertEqual(ernstig.history(of: p).hks.days.count, 2)
    }

    /// Reading the histories of some persons by key gives exactly what the full read gives for them.
    func testLoadingSomePersonsEqualsTheFullLoad() throws {
        let f = try StoreFixture()
        let d = { (m: Int) in Day(year: 2012, month: m, day: 1)! }
        var persons: [Int64] = []
        for k in 0..<6 {
            let p = try f.person(born: Day(year: 1980 + k, month: 1, day: 1)!)
            persons.append(p)
            for m in 1...(k + 1) { try f.bvh(p, d(m), role: m % 2 == 0 ? .verdachte : .betrokkene) }
            if k % 2 == 0 { try f.hks(p, d(k + 1), pv: "P\(k)", category: .geweld) }
        }
        let silent = try f.person(born: Day(year: 1999, month: 1, day: 1)!)
        let filter = HistoryTable.Filter(bvhRoles: [.verdachte])
        let all = try HistoryTable.load(from: f.store, filter: filter)
        let chosen: Set<Int64> = [persons[1], persons[2], persons[4], silent]
        let some = try HistoryTable.load(from: f.store, filter: filter, persons: chosen)
        XCTAssertEqual(Set(some.persons), [persons[1], persons[2], persons[4]], "a person without a record is left out")
        for p in chosen {
            XCTAssertEqual(some.history(of: p).bvh.days, all.history(of: p).bvh.days)
            XCTAssertEqual(some.history(of: p).hks.days, all.history(of: p).hks.days)
            XCTAssertEqual(some.suspectIncidents(of: p).map(\.day), all.suspectIncidents(of: p).map(\.day))
        }
        XCTAssertEqual(try f.store.personAttributes(of: chosen), try f.store.personAttributes().filter { chosen.contains($0.key) })
    }
}
