import XCTest
import RendementCore
@testable import RendementAnalysis

final class SecondaryAnalysesTests: XCTestCase {
    private let periods = ObservationPeriods(bvh: Day(year: 2009, month: 1, day: 1)!...Day(year: 2014, month: 12, day: 31)!,
                                             hks: Day(year: 2006, month: 1, day: 1)!...Day(year: 2014, month: 12, day: 31)!)

    func testEventStudyBinsPartitionTheYearAroundTheIndex() {
        for index in [Day(year: 2012, month: 1, day: 31)!, Day(year: 2012, month: 2, day: 29)!, Day(year: 2013, month: 7, day: 1)!] {
            let bins = EventStudy.bins(index: index, span: 12)
            XCTAssertEqual(bins.map(\.month), Array(-12...(-1)) + Array(1...12))
            XCTAssertEqual(bins[11].range, OutcomeWindows(index: index, months: 1).before)
            XCTAssertEqual(bins[12].range, OutcomeWindows(index: index, months: 1).after)
            let w = OutcomeWindows(index: index, months: 12)
            XCTAssertEqual(bins.first!.range.lowerBound, w.before.lowerBound)
            XCTAssertEqual(bins.last!.range.upperBound, w.after.upperBound)
            for (a, b) in zip(bins, bins.dropFirst()) where a.month != -1 {
                XCTAssertEqual(a.range.upperBound, b.range.lowerBound, "bins are contiguous")
            }
            XCTAssertEqual(bins[11].range.upperBound, index.number)
            XCTAssertEqual(bins[12].range.lowerBound, index.number + 1, "the index day is in no bin")
        }
    }

    private func member(_ id: Int64, _ index: Day, age: Int, bvh: [Int32]) -> SetMember {
        SetMember(person: id, index: index, age: age, history: PoliceHistory(bvh: bvh.map { (index.number + $0, Int64($0)) }))
    }

    func testEventStudyMeansPerMonth() throws {
        let index = Day(year: 2012, month: 6, day: 15)!
        let sets = (0..<4).map { i in
            AnalysisSet(id: i, client: member(Int64(i), index, age: 20, bvh: [-3, -40, 5] + (i == 0 ? [6] : [])),
                        controls: [member(Int64(100 + i), index, age: 20, bvh: [-3]), member(Int64(200 + i), index, age: 20, bvh: [])],
                        veiligheidshuis: "A", regio: "R", doelgroep: "jeugd", founded: 2005)
        }
        let points = EventStudy.estimate(sets, counter: WindowCounter(periods: periods))
        let m1 = try XCTUnwrap(points.first { $0.source == .bvh && $0.group == .clients && $0.month == 1 })
        XCTAssertEqual(m1.sets, 4)
        XCTAssertEqual(m1.mean, 1.25, accuracy: 1e-12)
        let cm = try XCTUnwrap(points.first { $0.source == .bvh && $0.group == .controls && $0.month == -1 })
        XCTAssertEqual(cm.mean, 0.5, accuracy: 1e-12, "mean over sets of the set's control mean")
        let m2 = try XCTUnwrap(points.first { $0.source == .bvh && $0.group == .clients && $0.month == -2 })
        XCTAssertEqual(m2.mean, 1, accuracy: 1e-12, "day -40 lies in month -2")
    }

    func testTimeToFirstEventIsCensoredAtTheEndOfThePeriod() {
        let period = Day(year: 2009, month: 1, day: 1)!...Day(year: 2014, month: 12, day: 31)!
        let index = Day(year: 2014, month: 12, day: 1)!
        let withEvent = member(1, index, age: 30, bvh: [-5, 0, 3])
        XCTAssertEqual(SurvivalSample.observation(withEvent, source: .bvh, period: period, graceDays: 0)?.0, 3)
        XCTAssertEqual(SurvivalSample.observation(withEvent, source: .bvh, period: period, graceDays: 3)?.1, false)
        let without = member(2, index, age: 30, bvh: [-5, 40])
        let o = SurvivalSample.observation(without, source: .bvh, period: period, graceDays: 0)
        XCTAssertEqual(o?.0, 30)
        XCTAssertEqual(o?.1, false, "an event after the period end is unknown: censored")
    }

    func testNumbersAtRiskAreCountedJustBeforeTheDay() throws {
        // Two clients with their first event on day 7 (a tie), one censored exactly on day 14
        // (its index date 14 days before the period end); one control each, weight 1.
        let end = Day(year: 2014, month: 12, day: 31)!
        let index = Day(year: 2012, month: 6, day: 15)!
        let late = end.adding(days: -14)
        let sets = [(0, index, [7]), (1, index, [7]), (2, late, [])].map { (id, day, events) in
            AnalysisSet(id: id, client: member(Int64(id), day, age: 30, bvh: [-3] + events),
                        controls: [member(Int64(100 + id), day, age: 30, bvh: [40])],
                        veiligheidshuis: "A", regio: "R", doelgroep: "d", founded: 2005)
        }
        let analysis = TimeToFirstEvent(sets, counter: WindowCounter(periods: periods))
        let clients = try XCTUnwrap(analysis.curves.first { $0.source == .bvh && $0.group == .clients })
        let points = TimeToFirstEvent.read(clients, at: [7, 14, 30])
        XCTAssertEqual(points.map(\.atRisk), [3, 1, 0], "at risk just before the day: time >= day (was: still event-free after it)")
        XCTAssertEqual(points.map(\.cumulativeEvents), [2, 2, 2])
        XCTAssertEqual(points.map(\.sets), [3, 1, 0])
        XCTAssertEqual(points[0].survival, 1.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(points[1].survival, 1.0 / 3, accuracy: 1e-15, "a censoring does not move the curve")
        let controls = try XCTUnwrap(analysis.curves.first { $0.source == .bvh && $0.group == .controls })
        XCTAssertEqual(TimeToFirstEvent.read(controls, at: [14]).map(\.atRisk), [3], "the late control is censored on day 14, still at risk")
    }

    func testAgeModerationRecoversAnExactLine() throws {
        // d = (after - before)_client - 0 with controls flat; make d = -2 + 0.1 * (age - 12) exactly in tenths.
        let index = Day(year: 2012, month: 6, day: 15)!
        var sets: [AnalysisSet] = []
        for (i, age) in [12, 14, 16, 18, 20, 22, 24, 26, 28, 30].enumerated() {
            let after = (age - 12) / 2   // 0...9
            sets.append(AnalysisSet(id: i, client: member(Int64(i), index, age: age, bvh: Array(repeating: 10, count: after)),
                                    controls: [member(Int64(100 + i), index, age: age, bvh: [])],
                                    veiligheidshuis: "A", regio: "R", doelgroep: "d", founded: 2005))
        }
        let rows = AgeModeration.estimate(sets, counter: WindowCounter(periods: periods), windows: [1])
        let bvh = try XCTUnwrap(rows.first { $0.source == .bvh && $0.scale == .difference })
        XCTAssertEqual(try XCTUnwrap(bvh.slope), 0.5, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(bvh.intercept), -6, accuracy: 1e-10)
    }
}
