import XCTest
import RendementCore
import RendementStats
@testable import RendementAnalysis

/// The not-yet-treated comparison on our data types: the monthly panel read
/// from the histories, and the rows and tables built on the estimator (whose
/// numbers are checked against csdid in RendementStats).
final class StaggeredComparisonTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    func testWholeMonthsLeaveOutMonthsCutByThePeriod() {
        let starts = MonthlyPanel.wholeMonths(in: day(2012, 1, 15)...day(2012, 5, 30))
        XCTAssertEqual(starts, [day(2012, 2, 1), day(2012, 3, 1), day(2012, 4, 1), day(2012, 5, 1)],
                       "January begins before the period, May ends after it: February to April, then the start of May")
        XCTAssertEqual(MonthlyPanel.wholeMonths(in: day(2012, 1, 1)...day(2012, 1, 31)), [day(2012, 1, 1), day(2012, 2, 1)])
        XCTAssertEqual(MonthlyPanel.wholeMonths(in: day(2012, 1, 2)...day(2012, 1, 31)), [])
    }

    func testPanelCountsEventsPerCalendarMonthAndCohortIsTheIntakeMonth() throws {
        let events: [Day] = [day(2011, 12, 31), day(2012, 1, 1), day(2012, 1, 31), day(2012, 3, 5), day(2012, 4, 1)]
        let history = PoliceHistory(bvh: events.enumerated().map { ($1.number, Int64($0)) }, hks: [(day(2012, 2, 2).number, nil)])
        let units = [MonthlyPanel.Unit(key: 7, intake: day(2012, 3, 20), history: history),
                     MonthlyPanel.Unit(key: 8, intake: day(2011, 11, 1), history: PoliceHistory())]
        let bvh = try XCTUnwrap(MonthlyPanel.build(units, source: .bvh, period: day(2012, 1, 1)...day(2012, 3, 31)))
        XCTAssertEqual(bvh.panel.periods, 3)
        XCTAssertEqual(Array(bvh.panel.outcomes[0..<3]), [2, 0, 1], "31 Dec and 1 Apr lie outside; both January events count")
        XCTAssertEqual(bvh.panel.cohorts, [3, -1], "cohort = the first whole month after the intake month, from the first month")
        XCTAssertEqual(bvh.keys, [7, 8])
        let hks = try XCTUnwrap(MonthlyPanel.build(units, source: .hks, period: day(2012, 1, 1)...day(2012, 3, 31)))
        XCTAssertEqual(Array(hks.panel.outcomes[0..<3]), [0, 1, 0])
        XCTAssertNil(MonthlyPanel.build(units, source: .bvh, period: day(2012, 1, 1)...day(2012, 1, 31)), "one month is no panel")
        let young = [MonthlyPanel.Unit(key: 1, intake: day(2012, 3, 20), history: history, atRiskFrom: day(2012, 2, 15)),
                     MonthlyPanel.Unit(key: 2, intake: day(2012, 3, 20), history: history, atRiskFrom: day(2012, 2, 1)),
                     MonthlyPanel.Unit(key: 3, intake: day(2012, 3, 20), history: history, atRiskFrom: day(2010, 2, 1))]
        let entries = try XCTUnwrap(MonthlyPanel.build(young, source: .bvh, period: day(2012, 1, 1)...day(2012, 3, 31))).panel.entries
        XCTAssertEqual(entries, [2, 1, 0], "at risk from the first whole month from the 12th birthday on")
        XCTAssertEqual(StaggeredComparison.twelfth(SetMember(person: 1, index: day(2012, 3, 20), age: 13, history: history)), day(2011, 3, 20))
    }

    /// Clients entering over two years, each with one BVH contact in every
    /// month and one extra in the intake month and in the two months after it:
    /// the intake month counts nowhere, so the cumulative effect over 2 months
    /// is 2 extra events per client, over 1 month 1, with no spread and so a
    /// zero standard error (reason no_variation).
    func testRowsRecoverAPlantedEffectPerScope() throws {
        let start = day(2010, 1, 1), end = day(2013, 12, 31)
        var sets: [AnalysisSet] = []
        for i in 0..<48 {
            let intake = day(2011, 1, 10).adding(months: i / 2)
            var days: [Int32] = []
            var m = start
            while m <= end {
                days.append(m.adding(days: 3).number)
                let monthsFromIntake = (m.year - intake.year) * 12 + m.month - intake.month
                if (0...2).contains(monthsFromIntake) {
                    days.append(m.adding(days: 20).number)
                }
                m = m.adding(months: 1)
            }
            let client = SetMember(person: Int64(i), index: intake, age: 20, history: PoliceHistory(bvh: days.map { ($0, Int64($0)) }))
            sets.append(AnalysisSet(id: i + 1, client: client, controls: [], veiligheidshuis: i % 2 == 0 ? "A" : "B", regio: "R",
                                    doelgroep: "x", founded: 2005))
        }
        let comparison = StaggeredComparison(periods: ObservationPeriods(bvh: start...end, hks: nil), windows: [1, 2], ageBands: AgeBand.defaults,
                                             anticipationMonths: 1, minimumCell: 10)
        let results = comparison.estimate(sets)
        let two = try XCTUnwrap(results.row(.all, source: .bvh, months: 2)?.effect)
        XCTAssertEqual(two.estimate, 2, accuracy: 1e-12)
        XCTAssertEqual(two.standardError, 0, accuracy: 1e-12)
        XCTAssertEqual(results.row(.all, source: .bvh, months: 2)?.reason, .noVariation, "a zero standard error is no test")
        XCTAssertEqual(try XCTUnwrap(results.row(.all, source: .bvh, months: 1)?.effect).estimate, 1, accuracy: 1e-12)
        XCTAssertEqual(results.row(.all, source: .hks, months: 1)?.reason, .noFollowUp, "no HKS extract: no estimate, with a reason")
        XCTAssertNotNil(results.row(Scope(.veiligheidshuis, "A"), source: .bvh, months: 2))
        XCTAssertEqual(results.row(.all, ageBand: "35-", source: .bvh, months: 2)?.reason, .suppressed, "no client aged 35+")
        let study = try XCTUnwrap(results.eventStudy(.bvh))
        XCTAssertNil(study.points.first { $0.isReference }, "a base year, no single reference month")
        XCTAssertEqual(try XCTUnwrap(study.points.first { $0.eventTime == -5 }?.effect).estimate, 0, accuracy: 1e-12)
        let csv = StaggeredTables.rows(results, minimumCell: 10)
        XCTAssertTrue(csv.hasPrefix("scope_type,scope,age_band,source,window_months,anticipation_months,n_clients"))
        XCTAssertTrue(csv.contains("all,all,all,bvh,2,1,48,"), csv)
        XCTAssertFalse(StaggeredTables.eventStudy(results, minimumCell: 10).isEmpty)
    }

    func testPreTrendMonthsEndBeforeTheAnticipationMonths() {
        XCTAssertEqual(StaggeredComparison.preTrendMonths(anticipation: 3), -12...(-4))
        XCTAssertEqual(StaggeredComparison.preTrendMonths(anticipation: 0), -12...(-1))
        XCTAssertEqual(StaggeredComparison.preTrendMonths(anticipation: 11), -12...(-12))
    }
}
