import Foundation
import XCTest
@testable import RendementStats

/// Hypothesis tests against scipy / statsmodels (`Fixtures/hypothesis_tests.json`).
/// Tolerances: 1e-9 relative for closed-form statistics and p-values; 1e-6 relative for the
/// iteratively solved Fisher conditional odds ratio and its confidence interval.
final class HypothesisTestTests: XCTestCase {
    let closed = 1e-9
    let iterative = 1e-6

    func fixture(_ key: String) throws -> [[String: Any]] {
        let fx = try FixtureLoader.load("hypothesis_tests.json")
        return try XCTUnwrap(fx[key] as? [[String: Any]], "missing \(key)")
    }
    func d(_ c: [String: Any], _ k: String) -> Double { FixtureLoader.double(c[k]) }
    func i(_ c: [String: Any], _ k: String) -> Int { FixtureLoader.int(c[k]) }

    func testTTests() throws {
        for c in try fixture("ttest") {
            let name = c["name"] as! String
            let x = FixtureLoader.doubles(c["x"])
            let level = d(c, "level")
            let r: TTestResult
            switch c["kind"] as! String {
            case "welch": r = try HypothesisTests.welchTTest(x, FixtureLoader.doubles(c["y"]), confidenceLevel: level)
            case "paired": r = try HypothesisTests.pairedTTest(x, FixtureLoader.doubles(c["y"]), confidenceLevel: level)
            default: r = try HypothesisTests.oneSampleTTest(x, mu: d(c, "mu"), confidenceLevel: level)
            }
            XCTAssertNil(r.degeneracy, name)
            assertRelativelyEqual(r.statistic, d(c, "statistic"), rel: closed, "\(name).t", category: "ht.t.statistic")
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.t.p")
            assertRelativelyEqual(r.degreesOfFreedom, d(c, "df"), rel: closed, "\(name).df", category: "ht.t.df")
            assertRelativelyEqual(r.confidenceInterval.lower, d(c, "lo"), rel: closed, "\(name).lo", category: "ht.t.ci")
            assertRelativelyEqual(r.confidenceInterval.upper, d(c, "hi"), rel: closed, "\(name).hi", category: "ht.t.ci")
        }
        ErrorLedger.shared.report(prefix: "ht.t.")
    }

    func testTTestDegenerateInputs() throws {
        let one = try HypothesisTests.oneSampleTTest([1.0])
        XCTAssertEqual(one.degeneracy, .tooFewObservations)
        XCTAssertTrue(one.pValue.isNaN)
        let flat = try HypothesisTests.pairedTTest([1, 2, 3], [0, 1, 2])
        XCTAssertEqual(flat.degeneracy, .zeroVariance)
        XCTAssertTrue(flat.statistic.isNaN && flat.pValue.isNaN)
        XCTAssertEqual(flat.estimate, 1)
        XCTAssertEqual(try HypothesisTests.welchTTest([1], [2, 3]).degeneracy, .tooFewObservations)
        XCTAssertEqual(try HypothesisTests.welchTTest([1, 1], [2, 2]).degeneracy, .zeroVariance)
        // Invalid input throws instead of answering.
        XCTAssertThrowsError(try HypothesisTests.pairedTTest([1, 2], [1])) { XCTAssertEqual($0 as? StatsError, .dimensionMismatch("y has 1 entries, expected 2")) }
        XCTAssertThrowsError(try HypothesisTests.oneSampleTTest([1, .nan, 3]))
        XCTAssertThrowsError(try HypothesisTests.oneSampleTTest([1, 2, 3], confidenceLevel: 95))
    }

    func testWilcoxon() throws {
        for c in try fixture("wilcoxon") {
            let name = c["name"] as! String
            let x = FixtureLoader.doubles(c["x"])
            let yy = FixtureLoader.doubles(c["y"])
            let r = try HypothesisTests.wilcoxonSignedRank(x, yy.isEmpty ? nil : yy, correction: c["correction"] as! Bool)
            let diffs = yy.isEmpty ? x : zip(x, yy).map { $0 - $1 }
            if diffs.allSatisfy({ $0 == 0 }) {
                // No non-zero difference: scipy answers W = 0, p = 1; the library says there is nothing to rank.
                XCTAssertEqual(r.degeneracy, .zeroVariance, name)
                XCTAssertTrue(r.pValue.isNaN, name)
                continue
            }
            XCTAssertNil(r.degeneracy, name)
            assertRelativelyEqual(r.statistic, d(c, "statistic"), rel: closed, "\(name).W [\(r.method)]", category: "ht.wilcoxon.statistic")
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p [\(r.method)]", category: "ht.wilcoxon.p.\(r.method)")
        }
        ErrorLedger.shared.report(prefix: "ht.wilcoxon")
    }

    func testMannWhitney() throws {
        for c in try fixture("mwu") {
            let name = c["name"] as! String
            let r = try HypothesisTests.mannWhitneyU(FixtureLoader.doubles(c["x"]), FixtureLoader.doubles(c["y"]))
            assertRelativelyEqual(r.statistic, d(c, "statistic"), rel: closed, "\(name).U", category: "ht.mwu.statistic")
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p [\(r.method)]", category: "ht.mwu.p.\(r.method)")
        }
        ErrorLedger.shared.report(prefix: "ht.mwu")
    }

    func testChiSquareIndependence() throws {
        for c in try fixture("chi2") {
            let name = c["name"] as! String
            let table = FixtureLoader.matrix(c["table"])
            let r = try HypothesisTests.chiSquareIndependence(table, yates: c["yates"] as! Bool)
            XCTAssertNil(r.degeneracy, name)
            assertRelativelyEqual(r.statistic, d(c, "statistic"), rel: closed, abs: 1e-300, "\(name).X2", category: "ht.chi2.statistic")
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.chi2.p")
            XCTAssertEqual(r.degreesOfFreedom, i(c, "df"), name)
            let e = FixtureLoader.matrix(c["expected"])
            for (ri, row) in e.enumerated() {
                for (cj, v) in row.enumerated() {
                    assertRelativelyEqual(r.expected[ri][cj], v, rel: closed, "\(name).E[\(ri)][\(cj)]", category: "ht.chi2.expected")
                }
            }
            let v = d(c, "cramer")
            if !v.isNaN { assertRelativelyEqual(r.cramersV, v, rel: closed, "\(name).V", category: "ht.chi2.cramer") }
        }
        ErrorLedger.shared.report(prefix: "ht.chi2")
    }

    func testFisher() throws {
        for c in try fixture("fisher") {
            let name = c["name"] as! String
            let t = FixtureLoader.matrix(c["table"]).map { $0.map { Int($0) } }
            let r = try HypothesisTests.fisherExact(TwoByTwoTable(rows: t))
            if t.contains([0, 0]) || (t[0][0] + t[1][0]) * (t[0][1] + t[1][1]) == 0 {
                // An empty margin: scipy answers p = 1; the library says why there is no evidence.
                XCTAssertEqual(r.degeneracy, .emptyMargin, name)
                XCTAssertTrue(r.pValue.isNaN, name)
                continue
            }
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.fisher.p")
            assertRelativelyEqual(r.sampleOddsRatio, d(c, "sampleOR"), rel: closed, "\(name).OR", category: "ht.fisher.sampleOR")
            if c["condOR"] != nil {
                assertRelativelyEqual(r.conditionalOddsRatio, d(c, "condOR"), rel: iterative, "\(name).condOR", category: "ht.fisher.condOR")
                assertRelativelyEqual(r.confidenceInterval.lower, d(c, "lo"), rel: iterative, "\(name).lo", category: "ht.fisher.ci")
                assertRelativelyEqual(r.confidenceInterval.upper, d(c, "hi"), rel: iterative, "\(name).hi", category: "ht.fisher.ci")
            }
        }
        ErrorLedger.shared.report(prefix: "ht.fisher")
    }

    /// Cross-check against R 4.2 `fisher.test` (`Fixtures/fisher_r.json`, written by
    /// `scripts/reference/stats_fisher.R`): p-value at relative 1e-9. R solves the estimate and
    /// CI with `uniroot(tol = eps^0.25 ≈ 1.2e-4)` on ψ ∈ (0,1) or on 1/ψ ∈ (0,1), so they are
    /// compared on that scale, u = min(ψ, 1/ψ), with absolute tolerance 3e-4 (scipy's values,
    /// checked at 1e-6 relative in `testFisher`, are the precise reference).
    func testFisherAgainstR() throws {
        let fx = try FixtureLoader.load("fisher_r.json")
        for c in try XCTUnwrap(fx["cases"] as? [[String: Any]]) {
            let t = FixtureLoader.matrix(c["table"]).map { $0.map { Int($0) } }
            let name = "R fisher.test \(t)"
            let r = try HypothesisTests.fisherExact(TwoByTwoTable(rows: t))
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.fisherR.p")
            func u(_ v: Double) -> Double { v > 1 ? 1 / v : v }
            for (mine, theirs) in [(r.conditionalOddsRatio, d(c, "estimate")), (r.confidenceInterval.lower, d(c, "lo")),
                                   (r.confidenceInterval.upper, d(c, "hi"))] where mine.isFinite && theirs.isFinite {
                ErrorLedger.shared.record("ht.fisherR.u-scale-absdiff", abs(u(mine) - u(theirs)), name)
            }
            assertRelativelyEqual(u(r.conditionalOddsRatio), u(d(c, "estimate")), rel: 0, abs: 3e-4, "\(name).OR(u-scale)", category: "ht.fisherR.or")
            assertRelativelyEqual(u(r.confidenceInterval.lower), u(d(c, "lo")), rel: 0, abs: 3e-4, "\(name).lo(u-scale)", category: "ht.fisherR.ci")
            assertRelativelyEqual(u(r.confidenceInterval.upper), u(d(c, "hi")), rel: 0, abs: 3e-4, "\(name).hi(u-scale)", category: "ht.fisherR.ci")
        }
        ErrorLedger.shared.report(prefix: "ht.fisherR")
    }

    func testMcNemar() throws {
        for c in try fixture("mcnemar") {
            let name = c["name"] as! String
            let r = try HypothesisTests.mcNemar(TwoByTwoTable(a: 0, b: i(c, "b"), c: i(c, "c"), d: 0), exact: c["exact"] as! Bool,
                                                correction: c["correction"] as! Bool)
            assertRelativelyEqual(r.statistic, d(c, "statistic"), rel: closed, "\(name).stat", category: "ht.mcnemar.statistic")
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.mcnemar.p")
            assertRelativelyEqual(r.oddsRatioConfidenceInterval.lower, d(c, "orlo"), rel: closed, "\(name).orlo", category: "ht.mcnemar.ci")
            assertRelativelyEqual(r.oddsRatioConfidenceInterval.upper, d(c, "orhi"), rel: closed, "\(name).orhi", category: "ht.mcnemar.ci")
        }
        ErrorLedger.shared.report(prefix: "ht.mcnemar")
    }

    func testMantelHaenszel() throws {
        for c in try fixture("cmh") {
            let name = c["name"] as! String
            let tabs = try (c["tables"] as! [Any]).map { FixtureLoader.matrix($0) }
                .map { m throws(StatsError) in try TwoByTwoTable(rows: m.map { $0.map { Int($0) } }) }
            let r = try HypothesisTests.mantelHaenszel(tabs, correction: c["correction"] as! Bool)
            XCTAssertNil(r.degeneracy, name)
            assertRelativelyEqual(r.statistic, d(c, "statistic"), rel: closed, "\(name).stat", category: "ht.cmh.statistic")
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.cmh.p")
            assertRelativelyEqual(r.pooledOddsRatio, d(c, "or"), rel: closed, "\(name).OR", category: "ht.cmh.or")
            assertRelativelyEqual(r.logOddsRatioStandardError, d(c, "se"), rel: closed, "\(name).se", category: "ht.cmh.se")
            assertRelativelyEqual(r.confidenceInterval.lower, d(c, "lo"), rel: closed, "\(name).lo", category: "ht.cmh.ci")
            assertRelativelyEqual(r.confidenceInterval.upper, d(c, "hi"), rel: closed, "\(name).hi", category: "ht.cmh.ci")
            assertRelativelyEqual(r.breslowDayStatistic, d(c, "bd"), rel: closed, "\(name).BD", category: "ht.cmh.bd")
            assertRelativelyEqual(r.breslowDayPValue, d(c, "bdp"), rel: closed, "\(name).BDp", category: "ht.cmh.bdp")
            assertRelativelyEqual(r.taroneStatistic, d(c, "tarone"), rel: closed, "\(name).tarone", category: "ht.cmh.tarone")
            assertRelativelyEqual(r.taronePValue, d(c, "taronep"), rel: closed, "\(name).taroneP", category: "ht.cmh.taronep")
        }
        ErrorLedger.shared.report(prefix: "ht.cmh")
    }

    func testProportionsPoissonBinomial() throws {
        for c in try fixture("twoprop") {
            let name = c["name"] as! String
            let r = try HypothesisTests.twoProportions(successes1: i(c, "x1"), trials1: i(c, "n1"),
                                                   successes2: i(c, "x2"), trials2: i(c, "n2"))
            assertRelativelyEqual(r.confidenceInterval.lower, d(c, "lo"), rel: closed, abs: 1e-15, "\(name).lo", category: "ht.prop.ci")
            assertRelativelyEqual(r.confidenceInterval.upper, d(c, "hi"), rel: closed, abs: 1e-15, "\(name).hi", category: "ht.prop.ci")
            assertRelativelyEqual(r.statistic, d(c, "z"), rel: closed, "\(name).z", category: "ht.prop.z")
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.prop.p")
        }
        for c in try fixture("poisson") {
            let name = c["name"] as! String
            let r = try HypothesisTests.poissonRateRatio(count1: i(c, "c1"), exposure1: d(c, "e1"),
                                                         count2: i(c, "c2"), exposure2: d(c, "e2"))
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.poisson.p")
            assertRelativelyEqual(r.confidenceInterval.lower, d(c, "lo"), rel: closed, "\(name).lo", category: "ht.poisson.ci")
            assertRelativelyEqual(r.confidenceInterval.upper, d(c, "hi"), rel: closed, "\(name).hi", category: "ht.poisson.ci")
        }
        for c in try fixture("binomtest") {
            let name = c["name"] as! String
            let r = try HypothesisTests.binomialTest(successes: i(c, "k"), trials: i(c, "n"), p0: d(c, "p0"))
            assertRelativelyEqual(r.pValue, d(c, "pvalue"), rel: closed, "\(name).p", category: "ht.binom.p")
            assertRelativelyEqual(r.clopperPearson.lower, d(c, "cplo"), rel: closed, "\(name).cplo", category: "ht.binom.cp")
            assertRelativelyEqual(r.clopperPearson.upper, d(c, "cphi"), rel: closed, "\(name).cphi", category: "ht.binom.cp")
            assertRelativelyEqual(r.wilson.lower, d(c, "wlo"), rel: closed, abs: 1e-15, "\(name).wlo", category: "ht.binom.wilson")
            assertRelativelyEqual(r.wilson.upper, d(c, "whi"), rel: closed, "\(name).whi", category: "ht.binom.wilson")
        }
        ErrorLedger.shared.report(prefix: "ht.prop")
        ErrorLedger.shared.report(prefix: "ht.poisson")
        ErrorLedger.shared.report(prefix: "ht.binom")
    }
}
