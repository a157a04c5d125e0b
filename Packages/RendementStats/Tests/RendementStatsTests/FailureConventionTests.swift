import XCTest
import RendementStats

/// The library's one failure convention at the edges named in issue 18:
/// invalid input throws `StatsError`; valid but uninformative data returns a
/// result whose `degeneracy` says why and whose figures are NaN -- never a
/// "significant" number, never nil without a word, never a crash.
final class FailureConventionTests: XCTestCase {
    func testMcNemarWithoutDiscordantPairsIsNotSignificant() throws {
        let table = try TwoByTwoTable(a: 12, b: 0, c: 0, d: 30)
        for exact in [true, false] {
            let r = try HypothesisTests.mcNemar(table, exact: exact)
            XCTAssertEqual(r.degeneracy, .noDiscordantPairs)
            XCTAssertTrue(r.statistic.isNaN, "was chi2 = inf")
            XCTAssertTrue(r.pValue.isNaN, "was p = 0: 'significant' on no evidence")
            XCTAssertFalse(r.oddsRatioConfidenceInterval.isDefined)
        }
        // One discordant pair is information again.
        XCTAssertNil(try HypothesisTests.mcNemar(TwoByTwoTable(a: 12, b: 1, c: 0, d: 30)).degeneracy)
    }

    func testChiSquareWithAnEmptyMarginSaysSo() throws {
        for table in [[[0.0, 0], [3, 4]], [[5.0, 0], [3, 0]], [[1.0, 0, 2], [3, 0, 4]]] {
            let r = try HypothesisTests.chiSquareIndependence(table)
            XCTAssertEqual(r.degeneracy, .emptyMargin, "\(table) (was nil without a reason)")
            XCTAssertTrue(r.statistic.isNaN && r.pValue.isNaN)
        }
        let twoByTwo = HypothesisTests.chiSquareIndependence(try TwoByTwoTable(a: 0, b: 0, c: 3, d: 4))
        XCTAssertEqual(twoByTwo.degeneracy, .emptyMargin)
        XCTAssertThrowsError(try HypothesisTests.chiSquareIndependence([[1, 2], [3]]), "ragged")
        XCTAssertThrowsError(try HypothesisTests.chiSquareIndependence([[1, -2], [3, 4]]), "negative count")
    }

    func testMantelHaenszelWithoutEventsSaysSo() throws {
        let strata = try [TwoByTwoTable(a: 0, b: 20, c: 0, d: 25), TwoByTwoTable(a: 0, b: 9, c: 0, d: 11)]
        let r = try HypothesisTests.mantelHaenszel(strata)
        XCTAssertEqual(r.degeneracy, .noEvents, "was NaN without a reason")
        XCTAssertTrue(r.pValue.isNaN && r.pooledOddsRatio.isNaN)
        // Every stratum with an empty exposure row: no variance.
        let flat = try HypothesisTests.mantelHaenszel([TwoByTwoTable(a: 3, b: 5, c: 0, d: 0), TwoByTwoTable(a: 2, b: 2, c: 0, d: 0)])
        XCTAssertEqual(flat.degeneracy, .emptyMargin)
        XCTAssertThrowsError(try HypothesisTests.mantelHaenszel([]))
    }

    func testNegativeCountsThrowInsteadOfCrashing() {
        XCTAssertThrowsError(try TwoByTwoTable(a: 3, b: -1, c: 2, d: 5)) { error in
            XCTAssertEqual(error as? StatsError, .invalidValue("count b = -1 is negative"))
        }
        XCTAssertThrowsError(try TwoByTwoTable(rows: [[1, 2], [-3, 4]]))
        XCTAssertThrowsError(try TwoByTwoTable(rows: [[1, 2, 3], [3, 4, 5]]))
        XCTAssertThrowsError(try HypothesisTests.binomialTest(successes: -1, trials: 10))
        XCTAssertThrowsError(try HypothesisTests.twoProportions(successes1: 11, trials1: 10, successes2: 1, trials2: 10))
        XCTAssertThrowsError(try HypothesisTests.poissonRateRatio(count1: -2, exposure1: 1, count2: 3, exposure2: 1))
    }

    func testFisherOnAValidTableStillAnswers() throws {
        let r = try HypothesisTests.fisherExact(TwoByTwoTable(a: 8, b: 2, c: 1, d: 5))
        XCTAssertNil(r.degeneracy)
        XCTAssertEqual(r.pValue, 0.034965034965034919, accuracy: 1e-12)   // scipy.stats.fisher_exact([[8, 2], [1, 5]])
    }

    func testNoEventsAndNoTrialsAreReasonsNotNumbers() throws {
        let rate = try HypothesisTests.poissonRateRatio(count1: 0, exposure1: 10, count2: 0, exposure2: 12)
        XCTAssertEqual(rate.degeneracy, .noEvents)
        XCTAssertTrue(rate.pValue.isNaN)
        XCTAssertEqual(try HypothesisTests.binomialTest(successes: 0, trials: 0).degeneracy, .tooFewObservations)
        XCTAssertEqual(try HypothesisTests.mannWhitneyU([], [1, 2]).degeneracy, .tooFewObservations)
        let pooled = try HypothesisTests.twoProportions(successes1: 0, trials1: 10, successes2: 0, trials2: 12)
        XCTAssertEqual(pooled.degeneracy, .zeroVariance)
        XCTAssertTrue(pooled.pValue.isNaN)
        XCTAssertEqual(pooled.estimate, 0)
    }

    func testReasonCodesAreStableSnakeCase() {
        XCTAssertEqual(Degeneracy.noDiscordantPairs.rawValue, "no_discordant_pairs")
        XCTAssertEqual(Degeneracy.notConverged.rawValue, "not_converged")
        for reason in Degeneracy.allCases {
            XCTAssertTrue(reason.rawValue.allSatisfy { $0.isLowercase || $0 == "_" }, reason.rawValue)
            XCTAssertFalse(reason.description.isEmpty)
        }
    }
}
