import XCTest
@testable import RendementStats

/// Regression models against statsmodels fixtures (models_regression.json).
final class RegressionModelTests: XCTestCase {
    override class func tearDown() { ModelErrorLog.shared.report(); super.tearDown() }

    static let closedForm = 1e-9
    static let iterative = 1e-6

    func fixtureCases(_ model: String) throws -> [[String: Any]] {
        try ModelFixtures.cases("models_regression.json").filter { $0.string("model") == model }
    }

    func checkCoefficients(_ c: RegressionCoefficients, _ e: [String: Any], rel: Double, routine: String, _ name: String) {
        assertClose(c.estimates, e.doubles("params"), rel: rel, floor: 1e-8, routine: routine, "\(name) params")
        assertClose(c.standardErrors, e.doubles("bse"), rel: rel, routine: routine + " SE", "\(name) bse")
        assertClose(c.statistics, e.doubles("tvalues"), rel: rel, floor: 1e-6, routine: routine + " statistic", "\(name) tvalues")
        assertClose(c.pValues, e.doubles("pvalues"), rel: rel, floor: 1e-300, routine: routine + " p-value", "\(name) pvalues")
        let ci = c.confidenceIntervals(level: 0.95)
        assertClose(ci.map(\.lower), e.doubles("ci_lower"), rel: rel, floor: 1e-8, routine: routine + " CI", "\(name) ci_lower")
        assertClose(ci.map(\.upper), e.doubles("ci_upper"), rel: rel, floor: 1e-8, routine: routine + " CI", "\(name) ci_upper")
    }

    func checkCluster(_ c: RegressionCoefficients, _ e: [String: Any], rel: Double, routine: String, _ name: String) {
        let cl = e.dict("cluster")
        assertClose(c.standardErrors, cl.doubles("bse"), rel: rel, routine: routine + " cluster SE", "\(name) cluster bse")
        assertClose(c.statistics, cl.doubles("tvalues"), rel: rel, floor: 1e-6, routine: routine + " cluster statistic", "\(name) cluster z")
        XCTAssertEqual(c.distribution, .normal, "\(name): statsmodels use_t=\(cl["use_t"] ?? "?")")
        assertClose(c.pValues, cl.doubles("pvalues"), rel: rel, floor: 1e-300, routine: routine + " cluster p-value", "\(name) cluster pvalues")
        let ci = c.confidenceIntervals(level: 0.95)
        assertClose(ci.map(\.lower), cl.doubles("ci_lower"), rel: rel, floor: 1e-8, routine: routine + " cluster CI", "\(name) cluster ci_lower")
        assertClose(ci.map(\.upper), cl.doubles("ci_upper"), rel: rel, floor: 1e-8, routine: routine + " cluster CI", "\(name) cluster ci_upper")
    }

    func testOrdinaryLeastSquares() throws {
        for c in try fixtureCases("ols") {
            let name = c.string("name"), e = c.dict("expected")
            let x = c.matrix("x"), y = c.reals("y"), g = c.ints("clusters")
            let fit = try OrdinaryLeastSquares.fit(x: x, y: y)
            checkCoefficients(fit.coefficients, e, rel: Self.closedForm, routine: "OLS", name)
            assertClose(fit.rSquared, e.double("rsquared"), rel: Self.closedForm, routine: "OLS R2", "\(name) R2")
            assertClose(fit.adjustedRSquared, e.double("rsquared_adj"), rel: Self.closedForm, routine: "OLS R2", "\(name) adjR2")
            assertClose(fit.residualSumOfSquares, e.double("ssr"), rel: Self.closedForm, routine: "OLS", "\(name) ssr")
            assertClose(fit.logLikelihood, e.double("llf"), rel: Self.closedForm, routine: "OLS", "\(name) llf")
            XCTAssertEqual(fit.coefficients.distribution, .studentT(degreesOfFreedom: e.double("df_resid")!))
            let cf = try OrdinaryLeastSquares.fit(x: x, y: y, clusters: g)
            checkCluster(cf.coefficients, e, rel: Self.closedForm, routine: "OLS", name)
        }
    }

    func testLogisticRegression() throws {
        for c in try fixtureCases("logit") {
            let name = c.string("name"), e = c.dict("expected")
            let x = c.matrix("x"), y = c.reals("y"), g = c.ints("clusters")
            let off: [Double]? = c["offset"] != nil ? c.reals("offset") : nil
            let w: [Double]? = c["weights"] != nil ? c.reals("weights") : nil
            let fit = try LogisticRegression.fit(x: x, y: y, offset: off, weights: w)
            checkCoefficients(fit.coefficients, e, rel: Self.iterative, routine: "Logistic", name)
            assertClose(fit.logLikelihood, e.double("llf"), rel: Self.iterative, routine: "Logistic llf", "\(name) llf")
            if e["fitted"] != nil {
                assertClose(fit.fittedProbabilities, e.doubles("fitted"), rel: Self.iterative, routine: "Logistic fitted", "\(name) fitted")
            }
            XCTAssertTrue(fit.converged)
            let cf = try LogisticRegression.fit(x: x, y: y, offset: off, weights: w, clusters: g)
            checkCluster(cf.coefficients, e, rel: Self.iterative, routine: "Logistic", name)
        }
    }

    func testLogisticSeparationIsDetected() throws {
        for c in try fixtureCases("logit_separation") {
            let name = c.string("name")
            let kind = c.string("kind")
            let sm = c.dict("statsmodels")
            print("\(name): statsmodels raised=\(sm["raised"] ?? "nil") warnings=\(sm["warnings"] ?? "-")")
            XCTAssertThrowsError(try LogisticRegression.fit(x: c.matrix("x"), y: c.reals("y")), name) { error in
                guard case let RegressionError.perfectSeparation(status) = error else {
                    return XCTFail("\(name): expected perfectSeparation, got \(error)")
                }
                switch (kind, status) {
                case ("complete", .complete), ("quasiComplete", .quasiComplete): break
                default: XCTFail("\(name): expected \(kind), got \(status)")
                }
                XCTAssertTrue(String(describing: error).contains("separation"))
            }
        }
    }

    func testPoissonRegression() throws {
        for c in try fixtureCases("poisson") {
            let name = c.string("name"), e = c.dict("expected")
            let x = c.matrix("x"), y = c.reals("y"), g = c.ints("clusters"), off = c.reals("offset"), w = c.reals("weights")
            let fit = try PoissonRegression.fit(x: x, y: y, offset: off, weights: w)
            checkCoefficients(fit.coefficients, e, rel: Self.iterative, routine: "Poisson", name)
            assertClose(fit.logLikelihood, e.double("llf"), rel: Self.iterative, routine: "Poisson llf", "\(name) llf")
            assertClose(fit.deviance, e.double("deviance"), rel: Self.iterative, routine: "Poisson deviance", "\(name) deviance")
            assertClose(fit.pearsonChiSquared, e.double("pearson_chi2"), rel: Self.iterative, routine: "Poisson deviance", "\(name) pearson")
            let cf = try PoissonRegression.fit(x: x, y: y, offset: off, weights: w, clusters: g)
            checkCluster(cf.coefficients, e, rel: Self.iterative, routine: "Poisson", name)
        }
    }

    func testNegativeBinomialRegression() throws {
        for c in try fixtureCases("negbin") {
            let name = c.string("name"), e = c.dict("expected")
            let x = c.matrix("x"), y = c.reals("y"), g = c.ints("clusters"), off = c.reals("offset")
            let fit = try NegativeBinomialRegression.fit(x: x, y: y, offset: off)
            checkCoefficients(fit.coefficients, e, rel: Self.iterative, routine: "NegativeBinomial", name)
            assertClose(fit.logLikelihood, e.double("llf"), rel: Self.iterative, routine: "NegativeBinomial llf", "\(name) llf")
            let cf = try NegativeBinomialRegression.fit(x: x, y: y, offset: off, clusters: g)
            checkCluster(cf.coefficients, e, rel: Self.iterative, routine: "NegativeBinomial", name)
        }
    }

    func testSingularDesignIsReported() {
        let rows: [[Double]] = (0..<10).map { i in [1, Double(i), 2 * Double(i)] }
        XCTAssertThrowsError(try OrdinaryLeastSquares.fit(rows: rows, y: (0..<10).map(Double.init))) { error in
            guard case RegressionError.singularDesign = error else { return XCTFail("got \(error)") }
        }
    }
}
