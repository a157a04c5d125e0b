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
            // statsmodels use_t=True: t with G - 1 degrees of freedom.
            let ct = try OrdinaryLeastSquares.fit(x: x, y: y, clusters: g, clusterUseT: true)
            let ut = e.dict("cluster_use_t")
            XCTAssertEqual(ct.coefficients.distribution, .studentT(degreesOfFreedom: ut.double("df_inference")!), name)
            assertClose(ct.coefficients.standardErrors, ut.doubles("bse"), rel: Self.closedForm, routine: "OLS cluster SE", "\(name) use_t bse")
            assertClose(ct.coefficients.pValues, ut.doubles("pvalues"), rel: Self.closedForm, floor: 1e-300, routine: "OLS cluster p-value", "\(name) use_t pvalues")
            let tci = ct.coefficients.confidenceIntervals()
            assertClose(tci.map(\.lower), ut.doubles("ci_lower"), rel: Self.closedForm, floor: 1e-8, routine: "OLS cluster CI", "\(name) use_t ci_lower")
            assertClose(tci.map(\.upper), ut.doubles("ci_upper"), rel: Self.closedForm, floor: 1e-8, routine: "OLS cluster CI", "\(name) use_t ci_upper")
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
            let fit = try LogisticRegression.fit(x: c.matrix("x"), y: c.reals("y"))
            XCTAssertEqual(fit.degeneracy, .separation, name)
            XCTAssertTrue(fit.coefficients.estimates.allSatisfy(\.isNaN), "\(name): no diverging estimates are given")
            switch (kind, fit.separation) {
            case ("complete", .complete), ("quasiComplete", .quasiComplete): break
            default: XCTFail("\(name): expected \(kind), got \(fit.separation)")
            }
            XCTAssertTrue(String(describing: fit.separation).contains("separation"))
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
            if (e["converged"] as? Bool) == false {
                // statsmodels returns NaN parameters (alpha at its boundary 0); Swift must say so.
                let fit = try NegativeBinomialRegression.fit(x: x, y: y, offset: off)
                XCTAssertEqual(fit.degeneracy, .noOverdispersion, name)
                XCTAssertTrue(fit.alpha.isNaN, name)
                continue
            }
            let fit = try NegativeBinomialRegression.fit(x: x, y: y, offset: off)
            checkCoefficients(fit.coefficients, e, rel: Self.iterative, routine: "NegativeBinomial", name)
            assertClose(fit.logLikelihood, e.double("llf"), rel: Self.iterative, routine: "NegativeBinomial llf", "\(name) llf")
            let cf = try NegativeBinomialRegression.fit(x: x, y: y, offset: off, clusters: g)
            checkCluster(cf.coefficients, e, rel: Self.iterative, routine: "NegativeBinomial", name)
        }
    }

    func testSingularDesignIsReported() throws {
        let rows: [[Double]] = (0..<10).map { i in [1, Double(i), 2 * Double(i)] }
        let fit = try OrdinaryLeastSquares.fit(rows: rows, y: (0..<10).map(Double.init))
        XCTAssertEqual(fit.degeneracy, .singularDesign)
        XCTAssertTrue(fit.coefficients.estimates.allSatisfy(\.isNaN))
    }
}

/// Streaming accumulation on a long design: 200,000 rows, recovering known
/// coefficients to sampling precision (a smoke test of scale, not of accuracy).
final class RegressionScaleTests: XCTestCase {
    func testLongDesignLogisticAndPoisson() throws {
        var rng = SeededGenerator(seed: 42)
        let n = 200_000, truth = [-0.5, 0.8, -0.3]
        var rows = [Double](), yl = [Double](), yp = [Double](), g = [Int]()
        rows.reserveCapacity(n * 3)
        for i in 0..<n {
            let x1 = Double.random(in: -1...1, using: &rng), x2 = Double.random(in: -1...1, using: &rng)
            rows.append(contentsOf: [1, x1, x2])
            let eta = truth[0] + truth[1] * x1 + truth[2] * x2
            yl.append(Double.random(in: 0..<1, using: &rng) < 1 / (1 + exp(-eta)) ? 1 : 0)
            // Poisson draw by inversion (small means).
            let mu = exp(eta)
            var k = 0.0, p = exp(-mu), cdf = p
            let u = Double.random(in: 0..<1, using: &rng)
            while u > cdf && k < 100 { k += 1; p *= mu / k; cdf += p }
            yp.append(k)
            g.append(i % 500)
        }
        let x = Matrix(rows: n, columns: 3, values: rows)
        let start = Date()
        let logit = try LogisticRegression.fit(x: x, y: yl, clusters: g)
        let pois = try PoissonRegression.fit(x: x, y: yp, clusters: g)
        print("200k-row logistic + Poisson with clusters: \(Date().timeIntervalSince(start)) s")
        for j in 0..<3 {
            XCTAssertEqual(logit.coefficients.estimates[j], truth[j], accuracy: 5 * logit.coefficients.standardErrors[j])
            XCTAssertEqual(pois.coefficients.estimates[j], truth[j], accuracy: 5 * pois.coefficients.standardErrors[j])
        }
    }
}

/// Separation on a larger design where only a rare dummy separates, and
/// non-separated data with extreme but finite probabilities that must fit.
final class RegressionSeparationTests: XCTestCase {
    func testRareDummyQuasiSeparation() throws {
        var rng = SeededGenerator(seed: 7)
        var rows: [[Double]] = [], y: [Double] = []
        for i in 0..<2000 {
            let x1 = Double.random(in: -2...2, using: &rng)
            let dummy: Double = i % 40 == 0 ? 1 : 0
            let p = 1 / (1 + exp(-(-0.5 + 0.7 * x1)))
            let yi: Double = dummy == 1 ? 1 : (Double.random(in: 0..<1, using: &rng) < p ? 1 : 0)
            rows.append([1, x1, dummy]); y.append(yi)
        }
        let separated = try LogisticRegression.fit(rows: rows, y: y)
        XCTAssertEqual(separated.degeneracy, .separation)
        XCTAssertEqual(separated.separation, .quasiComplete(separatedObservations: 50), "the 50 dummy observations are the separated ones")
        // Without the dummy the same data fit normally.
        let fit = try LogisticRegression.fit(rows: rows.map { Array($0.prefix(2)) }, y: y)
        XCTAssertTrue(fit.converged)
    }

    func testStrongButFiniteEffectIsNotFlagged() throws {
        // Overlapping groups with fitted probabilities down to ~1e-9: the MLE exists.
        var rng = SeededGenerator(seed: 11)
        var rows: [[Double]] = [], y: [Double] = []
        for _ in 0..<3000 {
            let x = Double.random(in: -4...4, using: &rng)
            let p = 1 / (1 + exp(-(5 * x)))
            rows.append([1, x]); y.append(Double.random(in: 0..<1, using: &rng) < p ? 1 : 0)
        }
        let fit = try LogisticRegression.fit(rows: rows, y: y)
        XCTAssertEqual(fit.separation, .none)
        XCTAssertEqual(fit.coefficients.estimates[1], 5, accuracy: 6 * fit.coefficients.standardErrors[1])
    }
}
