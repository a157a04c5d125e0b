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
}
