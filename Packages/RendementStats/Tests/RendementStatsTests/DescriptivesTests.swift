import Foundation
import XCTest
@testable import RendementStats

/// Descriptives against numpy / statsmodels (`Fixtures/descriptives.json`), relative tolerance 1e-12
/// (absolute 1e-12 for values that are exactly zero in the reference, e.g. variance of constant data).
final class DescriptivesTests: XCTestCase {
    let rel = 1e-12

    func testUnweighted() throws {
        let fx = try FixtureLoader.load("descriptives.json")
        for c in try XCTUnwrap(fx["cases"] as? [[String: Any]]) {
            let name = c["name"] as! String
            let x = FixtureLoader.doubles(c["x"])
            func check(_ a: Double, _ key: String) {
                assertRelativelyEqual(a, FixtureLoader.double(c[key]), rel: rel, abs: 1e-12, "\(name).\(key)",
                                      category: "desc.\(key)")
            }
            check(Descriptives.mean(x), "mean")
            check(Descriptives.variance(x, ddof: 0), "var0")
            check(Descriptives.standardDeviation(x, ddof: 0), "std0")
            check(Descriptives.variance(x), "var1")
            check(Descriptives.standardDeviation(x), "std1")
            check(Descriptives.median(x), "median")
            let ps = FixtureLoader.doubles(c["ps"])
            let qs = FixtureLoader.doubles(c["quantiles"])
            for (p, q) in zip(ps, qs) {
                assertRelativelyEqual(Descriptives.quantile(x, p), q, rel: rel, abs: 1e-12, "\(name).quantile(\(p))",
                                      category: "desc.quantile")
            }
        }
        ErrorLedger.shared.report(prefix: "desc.")
    }

    func testWeighted() throws {
        let fx = try FixtureLoader.load("descriptives.json")
        for c in try XCTUnwrap(fx["weighted"] as? [[String: Any]]) {
            let name = c["name"] as! String
            let x = FixtureLoader.doubles(c["x"]), w = FixtureLoader.doubles(c["w"])
            func check(_ a: Double, _ key: String) {
                assertRelativelyEqual(a, FixtureLoader.double(c[key]), rel: rel, "\(name).\(key)", category: "wdesc.\(key)")
            }
            check(Descriptives.weightedMean(x, weights: w), "mean")
            check(Descriptives.weightedVariance(x, weights: w, kind: .population), "population")
            check(Descriptives.weightedVariance(x, weights: w, kind: .frequency), "frequency")
            check(Descriptives.weightedVariance(x, weights: w, kind: .reliability), "reliability")
            for (p, q) in zip(FixtureLoader.doubles(c["ps"]), FixtureLoader.doubles(c["quantiles"])) {
                assertRelativelyEqual(Descriptives.weightedQuantile(x, weights: w, p), q, rel: 0,
                                      "\(name).wquantile(\(p))", category: "wdesc.quantile")
            }
        }
        ErrorLedger.shared.report(prefix: "wdesc.")
    }

    func testEdgeCases() {
        XCTAssertTrue(Descriptives.mean([]).isNaN)
        XCTAssertTrue(Descriptives.variance([1.0]).isNaN, "ddof=1 with n=1 is undefined")
        XCTAssertEqual(Descriptives.variance([1.0], ddof: 0), 0)
        XCTAssertTrue(Descriptives.quantile([1, .nan, 3], 0.5).isNaN)
        XCTAssertTrue(Descriptives.weightedMean([1, 2], weights: [0, 0]).isNaN)
    }
}
