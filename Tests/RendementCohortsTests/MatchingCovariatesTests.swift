import XCTest
import RendementCore
@testable import RendementCohorts

final class MatchingCovariatesTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { Day(year: y, month: m, day: d)!.number }

    /// The matching history ends 24 months before the index date (2012-06-15):
    /// its year is [2009-06-15, 2010-06-15), its later half [2009-12-15, 2010-06-15),
    /// its five years [2005-06-15, 2010-06-15).
    func testCovariatesFromAHandMadeHistory() {
        let history = PoliceHistory(
            bvh: [(day(2008, 1, 10), 1), (day(2009, 6, 14), 2), (day(2009, 6, 15), 3), (day(2010, 1, 1), 4), (day(2010, 6, 14), 5),
                  (day(2010, 6, 15), 6), (day(2012, 6, 1), 7)],
            hks: [(day(2005, 6, 14), nil), (day(2005, 6, 15), nil), (day(2009, 7, 1), 3), (day(2010, 6, 15), nil), (day(2012, 1, 1), 9)])
        let index = Day(year: 2012, month: 6, day: 15)!
        let c = MatchingCovariates(history: history, index: index, birth: Day(year: 1990, month: 6, day: 16)!, sex: .man)
        XCTAssertEqual(c.age, 21)
        XCTAssertEqual(c.bvhHistory12, 3, "2009-06-15, 2010-01-01 and 2010-06-14: 2009-06-14 is before the year, 2010-06-15 is its end")
        XCTAssertEqual(c.bvhHistoryRecent6, 2, "2010-01-01 and 2010-06-14")
        XCTAssertEqual(c.hksHistory12, 1, "2009-07-01; 2010-06-15 and later lie in the gap before intake")
        XCTAssertEqual(c.hksHistory60, 2, "2005-06-15 is the first day of the five years, 2005-06-14 is before it")
        XCTAssertEqual(c.monthsKnown, 60, "first HKS report 2005-06-14 -> 60 completed months to 2010-06-15")
        XCTAssertEqual(c.values, [21, 1, 3, 2, 1, 2, 60])
    }

    func testHistoryInTheGapBeforeIntakeIsNotUsed() {
        let index = Day(year: 2012, month: 6, day: 15)!
        let recent = PoliceHistory(bvh: [(day(2011, 1, 1), 1), (day(2012, 6, 1), 2)], hks: [(day(2012, 2, 1), 2)])
        let c = MatchingCovariates(history: recent, index: index, birth: Day(year: 1990, month: 1, day: 1)!, sex: .vrouw)
        XCTAssertEqual(c.values, [22, 0, 0, 0, 0, 0, 0], "everything happened in the 24 months before intake")
    }

    func testNoHistoryGivesZeros() {
        let c = MatchingCovariates(history: PoliceHistory(), index: Day(year: 2012, month: 1, day: 1)!,
                                   birth: Day(year: 2000, month: 1, day: 1)!, sex: .vrouw)
        XCTAssertEqual(c.values, [12, 0, 0, 0, 0, 0, 0])
    }

    func testRemovingAnIncidentDropsLinkedReports() {
        let history = PoliceHistory(bvh: [(100, 7), (120, 8)], hks: [(101, 7), (130, nil), (121, 8)])
        let without = history.removing(incident: 7)
        XCTAssertEqual(without.bvh.days, [120])
        XCTAssertEqual(without.hks.days, [121, 130])
        XCTAssertEqual(without.hksIncidents, [8, nil])
    }
}
