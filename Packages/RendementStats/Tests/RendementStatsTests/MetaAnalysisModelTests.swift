import XCTest
@testable import RendementStats

/// Fixed-effect / DerSimonian-Laird meta-analysis against statsmodels
/// combine_effects(method_re="dl"), and DL meta-regression against the
/// metafor-documented formulas re-implemented in stats_models.py (models_meta.json).
final class MetaAnalysisModelTests: XCTestCase {
    override class func tearDown() { ModelErrorLog.shared.report(); super.tearDown() }
    static let closedForm = 1e-9

    func testDerSimonianLaird() throws {
        for c in try ModelFixtures.cases("models_meta.json") {
            let name = c.string("name"), e = c.dict("expected")
            let m = try RandomEffectsMetaAnalysis(effects: c.reals("y"), variances: c.reals("v"))
            let tol = Self.closedForm
            assertClose(m.fixedEffect.estimate, e.double("fixed"), rel: tol, routine: "Meta fixed effect", "\(name) fixed")
            assertClose(m.fixedEffect.standardError, e.double("fixed_se"), rel: tol, routine: "Meta fixed effect", "\(name) fixed se")
            assertClose(m.fixedEffect.confidenceInterval.lower, e.doubles("fixed_ci")[0], rel: tol, floor: 1e-8, routine: "Meta fixed effect", "\(name) fixed ci")
            assertClose(m.fixedEffect.confidenceInterval.upper, e.doubles("fixed_ci")[1], rel: tol, floor: 1e-8, routine: "Meta fixed effect", "\(name) fixed ci")
            assertClose(m.randomEffects.estimate, e.double("random"), rel: tol, routine: "Meta DL random effects", "\(name) random")
            assertClose(m.randomEffects.standardError, e.double("random_se"), rel: tol, routine: "Meta DL random effects", "\(name) random se")
            assertClose(m.randomEffects.confidenceInterval.lower, e.doubles("random_ci")[0], rel: tol, floor: 1e-8, routine: "Meta DL random effects", "\(name) random ci")
            assertClose(m.randomEffects.confidenceInterval.upper, e.doubles("random_ci")[1], rel: tol, floor: 1e-8, routine: "Meta DL random effects", "\(name) random ci")
            assertClose(m.tauSquared, e.double("tau2"), rel: tol, floor: 1e-12, routine: "Meta tau2/Q/I2", "\(name) tau2")
            assertClose(m.q, e.double("q"), rel: tol, routine: "Meta tau2/Q/I2", "\(name) Q")
            assertClose(m.qPValue, e.double("q_pvalue"), rel: tol, floor: 1e-300, routine: "Meta tau2/Q/I2", "\(name) Q p")
            assertClose(m.iSquared, e.double("i2"), rel: tol, floor: 1e-12, routine: "Meta tau2/Q/I2", "\(name) I2")
        }
    }

    func testMetaRegression() throws {
        for c in try ModelFixtures.cases("models_meta.json") where c["moderator"] != nil {
            let name = c.string("name"), e = c.dict("expected").dict("metareg")
            let m = try MetaRegression(effects: c.reals("y"), variances: c.reals("v"), moderator: c.reals("moderator"))
            let tol = Self.closedForm
            let est = [m.intercept, m.slope]
            assertClose(m.tauSquared, e.double("tau2"), rel: tol, floor: 1e-12, routine: "Meta-regression", "\(name) tau2")
            assertClose(m.residualQ, e.double("qe"), rel: tol, routine: "Meta-regression", "\(name) QE")
            assertClose(m.residualQPValue, e.double("qe_pvalue"), rel: tol, floor: 1e-300, routine: "Meta-regression", "\(name) QE p")
            assertClose(est.map(\.estimate), e.doubles("coef"), rel: tol, floor: 1e-8, routine: "Meta-regression", "\(name) coef")
            assertClose(est.map(\.standardError), e.doubles("se"), rel: tol, routine: "Meta-regression", "\(name) se")
            assertClose(est.map(\.z), e.doubles("z"), rel: tol, floor: 1e-6, routine: "Meta-regression", "\(name) z")
            assertClose(est.map(\.pValue), e.doubles("p"), rel: tol, floor: 1e-300, routine: "Meta-regression", "\(name) p")
            assertClose(est.map(\.confidenceInterval.lower), e.doubles("ci_lower"), rel: tol, floor: 1e-8, routine: "Meta-regression", "\(name) ci")
            assertClose(est.map(\.confidenceInterval.upper), e.doubles("ci_upper"), rel: tol, floor: 1e-8, routine: "Meta-regression", "\(name) ci")
        }
    }

    func testInvalidInputsThrowAndUninformativeDataSaysWhy() throws {
        XCTAssertThrowsError(try RandomEffectsMetaAnalysis(effects: [1, 2], variances: [0.1, 0]))
        XCTAssertThrowsError(try MetaRegression(effects: [1, 2], variances: [0.1, 0.1, 0.1], moderator: [1, 2, 3]))
        let constant = try MetaRegression(effects: [1, 2, 3], variances: [0.1, 0.1, 0.1], moderator: [1, 1, 1])
        XCTAssertEqual(constant.degeneracy, .constantModerator)
        XCTAssertTrue(constant.slope.estimate.isNaN && constant.slope.pValue.isNaN)
        XCTAssertEqual(try MetaRegression(effects: [1, 2], variances: [0.1, 0.1], moderator: [1, 2]).degeneracy, .tooFewObservations)
        let none = try RandomEffectsMetaAnalysis(effects: [], variances: [])
        XCTAssertEqual(none.degeneracy, .tooFewObservations)
        XCTAssertTrue(none.randomEffects.estimate.isNaN)
    }
}
