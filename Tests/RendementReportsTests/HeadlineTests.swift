import XCTest
import RendementCore
@testable import RendementAnalysis
@testable import RendementReports

final class HeadlineTests: XCTestCase {
    /// A passing pre-trend test and placebo (p = 0.5 each).
    private static let passingPreTrend = PreTrendTest(firstMonth: -24, lastMonth: -4, binMonths: 3, sets: 40, statistic: 0.9, df1: 6,
                                                      df2: 39, pValue: 0.5, reason: nil)

    private func placebo(p: Double) -> PlaceboEstimate {
        let sets = (0..<30).map { i in SetCounts(clientBefore: 2 + i % 3, clientAfter: 2 + (i + 1) % 3, controlsBefore: [2], controlsAfter: [2 + i % 2]) }
        var placebo = PlaceboEstimate(windowMonths: 2, counts: sets)
        placebo.estimate?.pRateRatio = p
        return placebo
    }

    private func row(_ sets: [SetCounts], suppressed: Bool = false, preTrendP: Double = 0.5, placeboP: Double = 0.5) -> EffectRow {
        var preTrend = Self.passingPreTrend
        preTrend.pValue = preTrendP
        let placebo = placebo(p: placeboP)
        return EffectRow(scope: .all, ageBand: "all", source: .bvh, windowMonths: 2, estimate: sets.isEmpty ? nil : DifferenceInDifferences(sets),
                         pHolm: nil, suppressed: suppressed, placebo: placebo, preTrend: preTrend,
                         credibility: .judge(preTrend: preTrend, placebo: placebo, level: 0.05))
    }

    func testSignificantDropInDutchAndEnglish() throws {
        // Clients 5 -> 3 (a 40% drop), controls 5 -> 5, in 40 sets with some spread.
        let sets = (0..<40).map { i in
            SetCounts(clientBefore: 5 + i % 2, clientAfter: 3 + i % 2 - (i % 4 == 0 ? 1 : 0), controlsBefore: [5 + i % 3], controlsAfter: [5 + (i + 1) % 3])
        }
        let r = row(sets)
        let nl = Headline(language: .nl).sentence(r, anticipationMonths: 3)
        XCTAssertTrue(nl.hasPrefix("In de eerste twee maanden na instroom daalde het aantal politiecontacten van cliënten met"), nl)
        XCTAssertTrue(nl.contains("vergeleken met een even lange periode die 3 maanden vóór instroom eindigt"), nl)
        XCTAssertTrue(nl.contains("(rate ratio 0,"), nl)
        XCTAssertTrue(nl.contains("p < 0,001)"), nl)
        XCTAssertTrue(nl.contains("Dit verschil is statistisch significant, en de controles op de vergelijking"), nl)
        let en = Headline(language: .en).sentence(r)
        XCTAssertTrue(en.contains("clients' police contacts fell by"), en)
        XCTAssertTrue(en.contains("This difference is statistically significant"), en)
        XCTAssertTrue(en.contains("p < 0.001)"), en)
    }

    /// The same significant drop, with a failed pre-trend test or placebo: never called an effect.
    func testADropThatFailsItsChecksIsNotCalledAnEffect() {
        let sets = (0..<40).map { i in
            SetCounts(clientBefore: 5 + i % 2, clientAfter: 3 + i % 2 - (i % 4 == 0 ? 1 : 0), controlsBefore: [5 + i % 3], controlsAfter: [5 + (i + 1) % 3])
        }
        let trend = Headline(language: .nl).sentence(row(sets, preTrendP: 0.001))
        XCTAssertFalse(trend.contains("statistisch significant"), trend)
        XCTAssertTrue(trend.contains("kan niet als effect van het Veiligheidshuis worden gelezen"), trend)
        XCTAssertTrue(trend.contains("niet gelijk op"), trend)
        XCTAssertTrue(trend.contains("terugkeer naar het gewone niveau na een crisis"), trend)
        let placebo = Headline(language: .en).sentence(row(sets, placeboP: 0.01))
        XCTAssertTrue(placebo.contains("cannot be read as an effect"), placebo)
        XCTAssertTrue(placebo.contains("placebo test, p = 0.010"), placebo)
        let passing = Headline(language: .en).sentence(row(sets, preTrendP: 0.03, placeboP: 0.03))
        XCTAssertTrue(passing.contains("statistically significant"), "each check at 0.025 (Bonferroni): p = 0.03 passes: \(passing)")
    }

    func testNotSignificantIsNeverReadAsNoEffect() {
        let sets = (0..<12).map { i in SetCounts(clientBefore: 2, clientAfter: i % 3, controlsBefore: [2], controlsAfter: [(i + 1) % 3]) }
        let nl = Headline(language: .nl).sentence(row(sets))
        XCTAssertTrue(nl.contains("niet statistisch significant"), nl)
        XCTAssertTrue(nl.contains("Dat betekent niet dat er geen effect is."), nl)
    }

    func testTooFewClients() {
        let nl = Headline(language: .nl).sentence(row([], suppressed: true))
        XCTAssertTrue(nl.contains("te weinig cliënten (minder dan 10)"), nl)
        let en = Headline(language: .en).sentence(row([], suppressed: true))
        XCTAssertTrue(en.contains("too few clients (fewer than 10)"), en)
    }
}
