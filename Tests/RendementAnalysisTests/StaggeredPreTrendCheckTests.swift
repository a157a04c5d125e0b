import XCTest
import RendementCore
@testable import RendementStats
@testable import RendementAnalysis

/// The not-yet-treated comparison's pre-trend test as the third check of `Credibility`.
final class StaggeredPreTrendCheckTests: XCTestCase {
    private static let preTrend = PreTrendTest(firstMonth: -24, lastMonth: -4, binMonths: 3, sets: 40, statistic: 0.9, df1: 6,
                                               df2: 39, pValue: 0.5, reason: nil)

    private func row(_ scope: Scope, band: String = "all", preTrendP: Double = 0.5) -> EffectRow {
        let sets = (0..<30).map { i in SetCounts(clientBefore: 2 + i % 3, clientAfter: 1 + i % 2, controlsBefore: [2], controlsAfter: [2 + i % 2]) }
        var placebo = PlaceboEstimate(windowMonths: 2, counts: sets)
        placebo.estimate?.pRateRatio = 0.5
        var preTrend = Self.preTrend
        preTrend.pValue = preTrendP
        return EffectRow(scope: scope, ageBand: band, source: .bvh, windowMonths: 2, estimate: DifferenceInDifferences(sets), pHolm: nil,
                         suppressed: false, placebo: placebo, preTrend: preTrend,
                         credibility: .judge(preTrend: preTrend, placebo: placebo, level: 0.05))
    }

    private func staggered(_ scope: Scope, band: String = "all", p: Double, suppressed: Bool = false) -> StaggeredRow {
        StaggeredRow(scope: scope, ageBand: band, source: .bvh, windowMonths: 2, clients: 200,
                     effect: AggregateEffect(estimate: -0.1, standardError: 0.05, cohorts: 20, treated: 150, comparison: 140),
                     preTrend: JointWaldTest(statistic: 20, degreesOfFreedom: 9, pValue: p), suppressed: suppressed)
    }

    private func results(_ rows: [StaggeredRow]) -> StaggeredResults {
        StaggeredResults(anticipationMonths: 3, rows: rows, eventStudies: [], draws: 0, seed: 1)
    }

    func testAFailedStaggeredPreTrendMakesTheMatchedEstimateNotCredible() {
        let house = Scope(.veiligheidshuis, "Utrecht")
        let judged = StaggeredPreTrendCheck.apply(to: [row(.all), row(house)],
                                                  staggered: results([staggered(.all, p: 0.001), staggered(house, p: 0.6)]), level: 0.05)
        XCTAssertFalse(judged[0].credibility.credible)
        XCTAssertEqual(judged[0].credibility.concerns, [.staggeredPreTrendFailed])
        XCTAssertEqual(judged[0].credibility.checksCode, "pretrend;placebo;staggered_pretrend")
        XCTAssertEqual(judged[0].credibility.staggeredPreTrendP, 0.001)
        XCTAssertTrue(judged[1].credibility.credible, "a passing third check keeps the row credible")
        XCTAssertEqual(judged[1].credibility.checks, [.preTrend, .placebo, .staggeredPreTrend])
    }

    func testBonferroniOverThreeChecks() {
        // p = 0.02 fails at 0.05 / 2 = 0.025 but passes at 0.05 / 3 = 0.0167; p = 0.01 fails both.
        let two = row(.all, preTrendP: 0.02)
        XCTAssertEqual(two.credibility.concerns, [.preTrendFailed])
        let three = StaggeredPreTrendCheck.apply(to: [two, row(.all, preTrendP: 0.01)],
                                                 staggered: results([staggered(.all, p: 0.9)]), level: 0.05)
        XCTAssertTrue(three[0].credibility.credible)
        XCTAssertEqual(three[1].credibility.concerns, [.preTrendFailed])
        // The third check at 0.0167 too.
        let third = StaggeredPreTrendCheck.apply(to: [row(.all)], staggered: results([staggered(.all, p: 0.016)]), level: 0.05)[0]
        XCTAssertEqual(third.credibility.concerns, [.staggeredPreTrendFailed])
    }

    func testRowsWithoutAPublishedSecondComparisonKeepTwoChecks() {
        let quarter = Scope(.kwartaal, "2013Q4")
        let house = Scope(.veiligheidshuis, "Utrecht")
        let judged = StaggeredPreTrendCheck.apply(
            to: [row(quarter), row(house), row(.all, band: "12-17")],
            staggered: results([staggered(house, p: 0.001, suppressed: true), staggered(.all, band: "18-24", p: 0.001)]), level: 0.05)
        for r in judged {
            XCTAssertTrue(r.credibility.credible, "\(r.scope) \(r.ageBand)")
            XCTAssertEqual(r.credibility.checksCode, "pretrend;placebo")
            XCTAssertNil(r.credibility.staggeredPreTrendP)
        }
    }
}
