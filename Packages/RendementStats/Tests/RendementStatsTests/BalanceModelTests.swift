import XCTest
@testable import RendementStats

/// Covariate balance (SMD, variance ratio, eCDF) against an independent Python
/// re-implementation of the documented cobalt/MatchIt formulas (models_balance.json;
/// there is no Python cobalt).
final class BalanceModelTests: XCTestCase {
    override class func tearDown() { ModelErrorLog.shared.report(); super.tearDown() }
    static let closedForm = 1e-9

    func testAgainstReimplementedCobalt() throws {
        for c in try ModelFixtures.cases("models_balance.json") {
            let name = c.string("name"), e = c.dict("expected")
            let x = c.reals("x"), t = c.reals("treated").map { $0 == 1 }, w = c.reals("weights")
            let tol = Self.closedForm
            let att = try CovariateBalance(values: x, treated: t, weights: w)
            XCTAssertEqual(att.isBinary, (c["binary"] as? Bool) ?? false, name)
            assertClose(att.treatedMean, e.double("mean_treated"), rel: tol, routine: "Balance means", "\(name) mean treated")
            assertClose(att.controlMean, e.double("mean_control"), rel: tol, routine: "Balance means", "\(name) mean control")
            assertClose(att.meanDifference, e.double("raw_difference"), rel: tol, floor: 1e-12, routine: "Balance means", "\(name) raw diff")
            assertClose(att.standardizedMeanDifference, e.double("smd_treated"), rel: tol, floor: 1e-12, routine: "Balance SMD", "\(name) SMD (default)")
            let std = try CovariateBalance(values: x, treated: t, weights: w, binary: .standardized)
            assertClose(std.standardizedMeanDifference, e.double("smd_treated_std"), rel: tol, floor: 1e-12, routine: "Balance SMD", "\(name) SMD treated")
            let pooled = try CovariateBalance(values: x, treated: t, weights: w, denominator: .pooled, binary: .standardized)
            assertClose(pooled.standardizedMeanDifference, e.double("smd_pooled_std"), rel: tol, floor: 1e-12, routine: "Balance SMD", "\(name) SMD pooled")
            assertClose(att.varianceRatio, e.double("variance_ratio"), rel: tol, routine: "Balance variance ratio", "\(name) VR")
            assertClose(att.ecdfMean, e.double("ecdf_mean"), rel: tol, floor: 1e-12, routine: "Balance eCDF", "\(name) eCDF mean")
            assertClose(att.ecdfMax, e.double("ecdf_max"), rel: tol, floor: 1e-12, routine: "Balance eCDF", "\(name) eCDF max")
        }
    }

    /// A hand-computed case: x = 1,2,3 treated, 2,4 control (weights 1, 3).
    func testHandComputed() throws {
        let b = try CovariateBalance(values: [1, 2, 3, 2, 4], treated: [true, true, true, false, false], weights: [1, 1, 1, 1, 3])
        XCTAssertEqual(b.treatedMean, 2, accuracy: 1e-15)
        XCTAssertEqual(b.controlMean, 3.5, accuracy: 1e-15)           // (2 + 12) / 4
        XCTAssertEqual(b.standardizationFactor, 1, accuracy: 1e-15)   // sd(1,2,3)
        XCTAssertEqual(b.standardizedMeanDifference, -1.5, accuracy: 1e-15)
        // Control weighted variance: 4/(16 - 10) * (0.75^2*... ) = 4/6 * (1*2.25 + 3*0.25) = 2.
        XCTAssertEqual(b.varianceRatio, 1.0 / 2.0, accuracy: 1e-15)
        // eCDFs at 1,2,3,4: Ft = 1/3, 2/3, 1, 1; Fc = 0, 1/4, 1/4, 1.
        XCTAssertEqual(b.ecdfMax, 0.75, accuracy: 1e-15)
        XCTAssertEqual(b.ecdfMean, (1.0 / 3 + 5.0 / 12 + 0.75 + 0) / 4, accuracy: 1e-15)
        // One unit per group: valid data, but no balance statistic; the result says why.
        let tiny = try CovariateBalance(values: [1, 2], treated: [true, false])
        XCTAssertEqual(tiny.degeneracy, .tooFewObservations)
        XCTAssertTrue(tiny.standardizedMeanDifference.isNaN)
        XCTAssertThrowsError(try CovariateBalance(values: [1, 2, 3], treated: [true, false]), "lengths differ")
        XCTAssertThrowsError(try CovariateBalance(values: [1, 2, 3, 4], treated: [true, true, false, false], weights: [1, 1, -1, 1]))
    }
}
