import XCTest
import RendementCore
@testable import RendementCohorts

final class MatchingCovariatesTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { Day(year: y, month: m, day: d)!.number }

    func testCovariatesFromAHandMadeHistory() {
        let history = PoliceHistory(
            bvh: [(day(2008, 1, 10), 1), (day(2011, 6, 1), 2), (day(2012, 6, 14), 3), (day(2012, 6, 15), 4), (day(2012, 7, 1), 5)],
            hks: [(day(2007, 6, 15), nil), (day(2007, 6, 16), nil), (day(2011, 6, 15), 2), (day(2012, 1, 1), 9)])
        let index = Day(year: 2012, month: 6, day: 15)!
        let c = MatchingCovariates(history: history, index: index, birth: Day(year: 1990, month: 6, day: 16)!, sex: .man)
        XCTAssertEqual(c.age, 21)
        XCTAssertEqual(c.bvhPrior12, 1, "only 2012-06-14: 2011-06-01 is before 2011-06-15 and the index day is excluded")
        XCTAssertEqual(c.hksPrior12, 2, "2011-06-15 is the first day of the window")
        XCTAssertEqual(c.hksPrior60, 4, "2007-06-15 is the first day of the 5-year window")
        XCTAssertEqual(c.monthsSinceFirst, 60, "first HKS report 2007-06-15 -> exactly 60 months")
        XCTAssertEqual(c.values, [21, 1, 1, 2, 4, 60])
    }

    func testNoHistoryGivesZeros() {
        let c = MatchingCovariates(history: PoliceHistory(), index: Day(year: 2012, month: 1, day: 1)!,
                                   birth: Day(year: 2000, month: 1, day: 1)!, sex: .vrouw)
        XCTAssertEqual(c.values, [12, 0, 0, 0, 0, 0])
    }

    func testRemovingAnIncidentDropsLinkedReports() {
        let history = PoliceHistory(bvh: [(100, 7), (120, 8)], hks: [(101, 7), (130, nil), (121, 8)])
        let without = history.removing(incident: 7)
        XCTAssertEqual(without.bvh.days, [120])
        XCTAssertEqual(without.hks.days, [121, 130])
        XCTAssertEqual(without.hksIncidents, [8, nil])
    }
}
