import XCTest
@testable import RendementCore

final class OutcomeWindowsTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    func testWindowsFollowTheContract() {
        let w = OutcomeWindows(index: day(2013, 3, 31), months: 1)
        XCTAssertEqual(w.firstDay, day(2013, 2, 28), "day clamped to the month's end")
        XCTAssertEqual(w.lastDay, day(2013, 4, 30))
        XCTAssertEqual(Day(number: w.before.upperBound - 1), day(2013, 3, 30), "the index day is not in the before-window")
        XCTAssertEqual(Day(number: w.after.lowerBound), day(2013, 4, 1), "the index day is not in the after-window")
        let g = OutcomeWindows(index: day(2013, 3, 31), months: 1, graceDays: 2)
        XCTAssertEqual(Day(number: g.after.lowerBound), day(2013, 4, 3))
        XCTAssertEqual(g.lastDay, day(2013, 4, 30))
    }

    func testCountingEventsAroundTheIndex() {
        let index = day(2012, 6, 15)
        let events = SortedDays([day(2012, 3, 14), day(2012, 3, 15), day(2012, 6, 14), day(2012, 6, 15), day(2012, 6, 15),
                                 day(2012, 6, 16), day(2012, 9, 15), day(2012, 9, 16)].map(\.number))
        let w3 = OutcomeWindows(index: index, months: 3)
        XCTAssertEqual(events.count(in: w3.before), 2, "Mar 15 and Jun 14; Mar 14 is outside")
        XCTAssertEqual(events.count(in: w3.after), 2, "Jun 16 and Sep 15; Sep 16 is outside; the index day counts nowhere")
        XCTAssertEqual(events.first(onOrAfter: w3.after.lowerBound).map { Day(number: $0) }, day(2012, 6, 16))
        XCTAssertTrue(w3.lies(within: day(2012, 3, 15), day(2012, 9, 15)))
        XCTAssertFalse(w3.lies(within: day(2012, 3, 16), day(2012, 9, 15)))
        XCTAssertFalse(w3.lies(within: day(2012, 3, 15), day(2012, 9, 14)))
    }

    func testAnticipationEndsTheBaselineBeforeIntake() {
        let index = day(2013, 5, 31)
        let w = OutcomeWindows(index: index, months: 2, anticipationMonths: 3)
        XCTAssertEqual(w.firstDay, day(2012, 12, 31), "baseline starts M + W = 5 months before the index date")
        XCTAssertEqual(Day(number: w.before.upperBound), day(2013, 2, 28), "baseline ends M = 3 months before, clamped to February")
        XCTAssertEqual(Day(number: w.after.lowerBound), day(2013, 6, 1))
        XCTAssertEqual(w.lastDay, day(2013, 7, 31))
        let events = SortedDays([day(2012, 12, 30), day(2012, 12, 31), day(2013, 2, 27), day(2013, 2, 28), day(2013, 5, 30)].map(\.number))
        XCTAssertEqual(events.count(in: w.before), 2, "Dec 31 and Feb 27; the anticipation months (Feb 28 - May 30) count nowhere")
        XCTAssertEqual(OutcomeWindows(index: index, months: 2, anticipationMonths: 0), OutcomeWindows(index: index, months: 2),
                       "M = 0 is the plain window")
        XCTAssertFalse(w.lies(within: day(2013, 1, 1), day(2014, 1, 1)), "the observation period must hold the earlier baseline")
    }

    /// Brute-force check of the binary-search count over many random windows.
    func testCountMatchesAScan() {
        var s: UInt64 = 9
        func r(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1; return Int((s >> 33) % UInt64(n)) }
        for _ in 0..<300 {
            let raw = (0..<r(30)).map { _ in Int32(15000 + r(400)) }
            let events = SortedDays(raw)
            let index = Day(number: Int32(15000 + r(400)))
            let w = OutcomeWindows(index: index, months: 1 + r(12), graceDays: r(3))
            XCTAssertEqual(events.count(in: w.before), raw.filter { w.before.contains($0) }.count)
            XCTAssertEqual(events.count(in: w.after), raw.filter { $0 > index.number + Int32(w.graceDays) && $0 <= w.lastDay.number }.count)
        }
    }
}
