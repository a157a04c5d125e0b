import XCTest
@testable import RendementStats

/// Kaplan-Meier, log-rank and Cox against R survival (survival_r.json) and
/// lifelines (survival_lifelines.json), on simulated awkward cases
/// (survival_cases.csv) and the Rossi recidivism data (rossi.csv).
final class SurvivalModelTests: XCTestCase {
    override class func tearDown() { ModelErrorLog.shared.report(); super.tearDown() }

    static let closedForm = 1e-9
    static let iterative = 1e-6

    struct Case { var time: [Double] = [], event: [Bool] = [], group: [Int] = [], stratum: [Int] = [], x: [[Double]] = [] }

    static func simulated() throws -> [String: Case] {
        let text = try String(contentsOf: ModelFixtures.folder.appendingPathComponent("survival_cases.csv"), encoding: .utf8)
        var out: [String: Case] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            var c = out[f[0]] ?? Case()
            c.time.append(Double(f[1])!); c.event.append(f[2] == "1"); c.group.append(Int(f[3])!); c.stratum.append(Int(f[4])!)
            c.x.append([Double(f[5])!, Double(f[6])!, Double(f[7])!])
            out[f[0]] = c
        }
        return out
    }

    static func rossi() throws -> (header: [String], rows: [[Double]]) { try ModelFixtures.csv("rossi.csv") }

    func input(_ name: String) throws -> Case {
        if name.hasPrefix("rossi_fin") {
            let (h, rows) = try Self.rossi()
            let fin = Double(name.suffix(1))!
            let sel = rows.filter { $0[h.firstIndex(of: "fin")!] == fin }
            return Case(time: sel.map { $0[0] }, event: sel.map { $0[1] == 1 })
        }
        return try Self.simulated()[name]!
    }

    func testKaplanMeierAgainstR() throws {
        let cases = try ModelFixtures.cases("survival_r.json").filter { $0.string("kind") == "km" }
        XCTAssertGreaterThanOrEqual(cases.count, 9)
        for c in cases {
            let name = c.string("name")
            let data = try input(name)
            let km = try KaplanMeier(times: data.time, events: data.event)
            for (key, transform) in [("log", KaplanMeier.ConfidenceTransform.log), ("loglog", .logLog), ("plain", .plain)] {
                let label = "\(name) \(key)"
                // R's survfit applies timefix (aeqSurv), so its times can differ in the last bits.
                assertClose(km.times, c.doubles("time"), rel: 1e-12, routine: "KaplanMeier times", "\(label) time")
                XCTAssertEqual(km.atRisk, c.reals("n_risk"), label)
                XCTAssertEqual(km.subjectsAtRisk.map(Double.init), c.reals("n_risk"), label)
                XCTAssertEqual(km.events, c.reals("n_event"), label)
                XCTAssertEqual(km.censored, c.reals("n_censor"), label)
                assertClose(km.survival, c.doubles("surv"), rel: Self.closedForm, floor: 1e-300, routine: "KaplanMeier survival", "\(label) surv")
                assertClose(km.greenwoodSum.map { $0.squareRoot() }, c.doubles("std_err"), rel: Self.closedForm, routine: "KaplanMeier Greenwood", "\(label) std.err")
                let r = c.dict(key)
                let ci = km.confidenceIntervals(transform: transform)
                assertClose(ci.map(\.lower), r.doubles("lower"), rel: Self.closedForm, floor: 1e-12, routine: "KaplanMeier CI \(key)", "\(label) lower")
                assertClose(ci.map(\.upper), r.doubles("upper"), rel: Self.closedForm, floor: 1e-12, routine: "KaplanMeier CI \(key)", "\(label) upper")
                // The bound at any time is the bound of the last step at or before it.
                for (j, t) in km.times.enumerated() {
                    XCTAssertEqual(km.confidenceInterval(at: t + 1e-9, transform: transform).lower.bitPattern, ci[j].lower.bitPattern, label)
                }
                let med = km.median(transform: transform)
                for (value, expected) in [(med.estimate, r.doubles("median")[0]), (med.confidenceInterval.lower, r.doubles("median_lower")[0]),
                                          (med.confidenceInterval.upper, r.doubles("median_upper")[0])] {
                    if let e = expected {
                        assertClose(value, e, rel: Self.closedForm, routine: "KaplanMeier median", "\(label) median/limit")
                    } else {
                        XCTAssertTrue(value.isNaN, "\(label): R median (or limit) is NA, Swift \(value)")
                    }
                }
                for (k, p) in [0.25, 0.75].enumerated() {
                    let q = km.quantile(p, transform: transform)
                    for (value, expected) in [(q.estimate, r.doubles("quartiles")[k]), (q.confidenceInterval.lower, r.doubles("quartiles_lower")[k]),
                                              (q.confidenceInterval.upper, r.doubles("quartiles_upper")[k])] {
                        if let e = expected {
                            assertClose(value, e, rel: Self.closedForm, routine: "KaplanMeier median", "\(label) quantile \(p)")
                        } else {
                            XCTAssertTrue(value.isNaN, "\(label): R quantile \(p) (or limit) is NA, Swift \(value)")
                        }
                    }
                }
            }
        }
    }

    func testKaplanMeierAgainstLifelines() throws {
        for c in try ModelFixtures.cases("survival_lifelines.json").filter({ $0.string("kind") == "km" }) {
            let name = c.string("name")
            let data = try input(name)
            let km = try KaplanMeier(times: data.time, events: data.event)
            let ci = km.confidenceIntervals(transform: .logLog)
            let times = c.reals("time")
            let idx = times.map { t in km.times.firstIndex(of: t)! }
            assertClose(idx.map { km.survival[$0] }, c.doubles("survival"), rel: Self.closedForm, floor: 1e-300, routine: "KaplanMeier survival (lifelines)", "\(name) survival")
            // lifelines reports 0/1 where R reports NA; compare only where S is strictly inside (0, 1).
            let inside = idx.indices.filter { km.survival[idx[$0]] > 0 && km.survival[idx[$0]] < 1 }
            assertClose(inside.map { ci[idx[$0]].lower }, inside.map { c.doubles("lower_loglog")[$0] }, rel: Self.closedForm, floor: 1e-12,
                        routine: "KaplanMeier CI loglog (lifelines)", "\(name) lower")
            assertClose(inside.map { ci[idx[$0]].upper }, inside.map { c.doubles("upper_loglog")[$0] }, rel: Self.closedForm, floor: 1e-12,
                        routine: "KaplanMeier CI loglog (lifelines)", "\(name) upper")
            XCTAssertEqual(idx.map { km.atRisk[$0] }, c.reals("at_risk"), name)
        }
    }

    func testLogRankAgainstR() throws {
        for c in try ModelFixtures.cases("survival_r.json").filter({ $0.string("kind") == "logrank" }) {
            let name = c.string("name")
            let test: LogRankTest
            if name == "rossi" {
                let (h, rows) = try Self.rossi()
                let fin = h.firstIndex(of: "fin")!
                test = try LogRankTest(times: rows.map { $0[0] }, events: rows.map { $0[1] == 1 }, groups: rows.map { Int($0[fin]) })
            } else {
                let stratified = (c["stratified"] as? Bool) == true
                let d = try input(stratified ? "three_groups_strata" : name)
                test = try LogRankTest(times: d.time, events: d.event, groups: d.group, strata: stratified ? d.stratum : nil)
            }
            assertClose(test.observed, c.doubles("observed"), rel: Self.closedForm, routine: "LogRank O/E/V", "\(name) observed")
            assertClose(test.expected, c.doubles("expected"), rel: Self.closedForm, routine: "LogRank O/E/V", "\(name) expected")
            // R stores var column-major; it is symmetric.
            assertClose(test.variance.values, c.doubles("variance"), rel: Self.closedForm, floor: 1e-12, routine: "LogRank O/E/V", "\(name) variance")
            assertClose(test.chiSquared, c.doubles("chisq")[0], rel: Self.closedForm, routine: "LogRank chi-square", "\(name) chisq")
            XCTAssertEqual(Double(test.degreesOfFreedom), c.doubles("df")[0], name)
            assertClose(test.pValue, c.doubles("p")[0], rel: Self.closedForm, floor: 1e-300, routine: "LogRank p-value", "\(name) p")
        }
    }

    func testLogRankAgainstLifelines() throws {
        for c in try ModelFixtures.cases("survival_lifelines.json").filter({ $0.string("kind") == "logrank" }) {
            let name = c.string("name")
            let test: LogRankTest
            if name == "rossi" {
                let (h, rows) = try Self.rossi()
                let fin = h.firstIndex(of: "fin")!
                test = try LogRankTest(times: rows.map { $0[0] }, events: rows.map { $0[1] == 1 }, groups: rows.map { Int($0[fin]) })
            } else {
                let d = try input(name)
                test = try LogRankTest(times: d.time, events: d.event, groups: d.group)
            }
            assertClose(test.chiSquared, c.double("chisq"), rel: Self.closedForm, routine: "LogRank chi-square (lifelines)", "\(name) chisq")
            assertClose(test.pValue, c.double("p"), rel: Self.closedForm, floor: 1e-300, routine: "LogRank p-value (lifelines)", "\(name) p")
        }
    }

    func coxInput(_ c: [String: Any]) throws -> (Case, Matrix, [Int]?) {
        let name = c.string("name")
        let covs = (c["covariates"] as? [String]) ?? []
        if name == "rossi" {
            let (h, rows) = try Self.rossi()
            let cols = covs.map { h.firstIndex(of: $0)! }
            let x = Matrix(rows.map { r in cols.map { r[$0] } })
            return (Case(time: rows.map { $0[0] }, event: rows.map { $0[1] == 1 }), x, nil)
        }
        let base = name.replacingOccurrences(of: "_breslow", with: "")
        let d = try input(base)
        let x = Matrix(d.x.indices.map { i in covs.map { $0 == "group" ? Double(d.group[i]) : d.x[i][Int($0.dropFirst())! - 1] } })
        return (d, x, c["strata"] is String ? d.stratum : nil)
    }

    func checkCox(_ fit: CoxProportionalHazards, _ c: [String: Any], source: String) {
        let name = "\(source) \(c.string("name"))"
        let rel = Self.iterative
        assertClose(fit.coefficients.estimates, c.doubles("coef"), rel: rel, floor: 1e-8, routine: "Cox coef (\(source))", "\(name) coef")
        assertClose(fit.coefficients.standardErrors, c.doubles("se"), rel: rel, routine: "Cox SE (\(source))", "\(name) se")
        assertClose(fit.coefficients.statistics, c.doubles("z"), rel: rel, floor: 1e-6, routine: "Cox z (\(source))", "\(name) z")
        assertClose(fit.coefficients.pValues, c.doubles("p"), rel: rel, floor: 1e-300, routine: "Cox p-value (\(source))", "\(name) p")
        let ci = fit.hazardRatioIntervals()
        assertClose(ci.map(\.lower), c.doubles("hr_lower"), rel: rel, routine: "Cox HR CI (\(source))", "\(name) hr lower")
        assertClose(ci.map(\.upper), c.doubles("hr_upper"), rel: rel, routine: "Cox HR CI (\(source))", "\(name) hr upper")
        let ll = c.double("loglik").map { [$0] } ?? c.doubles("loglik")
        assertClose(fit.logPartialLikelihood, ll.last!, rel: rel, routine: "Cox loglik (\(source))", "\(name) loglik")
        if ll.count == 2 { assertClose(fit.nullLogPartialLikelihood, ll[0], rel: Self.closedForm, routine: "Cox loglik (\(source))", "\(name) null loglik") }
        assertClose(fit.likelihoodRatioStatistic, (c.double("lr_chisq") ?? c.doubles("lr_chisq")[0]), rel: rel, routine: "Cox LR test (\(source))", "\(name) LR")
        assertClose(fit.likelihoodRatioPValue, (c.double("lr_p") ?? c.doubles("lr_p")[0]), rel: rel, floor: 1e-300, routine: "Cox LR test (\(source))", "\(name) LR p")
        if c["wald_chisq"] != nil {
            assertClose(fit.waldStatistic, c.doubles("wald_chisq")[0], rel: rel, routine: "Cox Wald test (\(source))", "\(name) Wald")
            assertClose(fit.waldPValue, c.doubles("wald_p")[0], rel: rel, floor: 1e-300, routine: "Cox Wald test (\(source))", "\(name) Wald p")
            assertClose(fit.scoreStatistic, c.doubles("score_chisq")[0], rel: Self.closedForm, routine: "Cox score test (\(source))", "\(name) score")
            assertClose(fit.scorePValue, c.doubles("score_p")[0], rel: Self.closedForm, floor: 1e-300, routine: "Cox score test (\(source))", "\(name) score p")
        }
    }

    func testCoxAgainstR() throws {
        for c in try ModelFixtures.cases("survival_r.json").filter({ $0.string("kind") == "cox" }) {
            let (d, x, strata) = try coxInput(c)
            let ties: CoxProportionalHazards.Ties = c.string("name").hasSuffix("breslow") ? .breslow : .efron
            let fit = try CoxProportionalHazards(times: d.time, events: d.event, covariates: x, strata: strata, ties: ties)
            checkCox(fit, c, source: "R")
        }
    }

    func testCoxAgainstLifelines() throws {
        for c in try ModelFixtures.cases("survival_lifelines.json").filter({ $0.string("kind") == "cox" }) {
            let (d, x, strata) = try coxInput(c)
            let fit = try CoxProportionalHazards(times: d.time, events: d.event, covariates: x, strata: strata)
            checkCox(fit, c, source: "lifelines")
        }
    }

    /// Published R output for the Rossi data (Fox & Weisberg, "Cox Proportional-
    /// Hazards Regression for Survival Data in R", appendix to An R Companion to
    /// Applied Regression): coefficients and SEs to their printed precision.
    func testRossiPublishedCoefficients() throws {
        let (h, rows) = try Self.rossi()
        let covs = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
        let cols = covs.map { h.firstIndex(of: $0)! }
        let fit = try CoxProportionalHazards(times: rows.map { $0[0] }, events: rows.map { $0[1] == 1 },
                                             covariates: Matrix(rows.map { r in cols.map { r[$0] } }))
        let b = fit.coefficients.estimates, se = fit.coefficients.standardErrors
        func r4(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
        XCTAssertEqual(r4(b[0]), -0.3794); XCTAssertEqual(r4(se[0]), 0.1914)
        XCTAssertEqual(r4(b[1]), -0.0574); XCTAssertEqual(r4(se[1]), 0.0220)
        XCTAssertEqual(r4(b[6]), 0.0915); XCTAssertEqual(r4(se[6]), 0.0286)
        XCTAssertEqual(fit.eventCount, 114)
    }

    func testDegenerateInputs() throws {
        // No events: survival stays 1, no median.
        let km = try KaplanMeier(times: [1, 2, 3], events: [false, false, false])
        XCTAssertEqual(km.survival, [1, 1, 1])
        XCTAssertTrue(km.median().estimate.isNaN)
        // One group only: nothing to compare, so no statistic and no p-value (was df 0, p NaN, silently).
        let lr = try LogRankTest(times: [1, 2, 3], events: [true, true, false], groups: [0, 0, 0])
        XCTAssertEqual(lr.degeneracy, .singleGroup)
        XCTAssertEqual(lr.degreesOfFreedom, 0)
        XCTAssertTrue(lr.chiSquared.isNaN && lr.pValue.isNaN)
        // No events at all.
        let none = try LogRankTest(times: [1, 2, 3, 4], events: [false, false, false, false], groups: [0, 1, 0, 1])
        XCTAssertEqual(none.degeneracy, .noEvents)
        XCTAssertTrue(none.pValue.isNaN)
        // Invalid input throws.
        XCTAssertThrowsError(try KaplanMeier(times: [1, -2], events: [true, true]))
        XCTAssertThrowsError(try KaplanMeier(times: [1, 2], events: [true]))
        XCTAssertThrowsError(try KaplanMeier(times: [1, 2], events: [true, true], weights: [1, -1]))
        XCTAssertThrowsError(try LogRankTest(times: [1, 2], events: [true, true], groups: [0]))
        let empty = try KaplanMeier(times: [], events: [])
        XCTAssertEqual(empty.degeneracy, .tooFewObservations)
        XCTAssertTrue(empty.survival(at: 1).isNaN)
        // Step function and Greenwood variance by hand: times 1,2,2,3 (events 1,1,0,1).
        let k = try KaplanMeier(times: [1, 2, 2, 3], events: [true, true, false, true])
        XCTAssertEqual(k.survival(at: 0.5), 1)
        XCTAssertEqual(k.survival(at: 1), 0.75)
        XCTAssertEqual(k.survival(at: 2.5), 0.5)
        XCTAssertEqual(k.survival(at: 10), 0)
        XCTAssertEqual(k.greenwoodVariance[1], 0.25 * (1.0 / 12 + 1.0 / 6), accuracy: 1e-15)
    }

    func testCoxMonotoneLikelihoodIsReportedAsNotConverged() throws {
        // The covariate orders the event times perfectly (larger x, earlier event): beta -> +infinity.
        let times: [Double] = [1, 2, 3, 4, 5, 6]
        let x = Matrix([[6], [5], [4], [3], [2], [1]].map { $0.map(Double.init) })
        let fit = try CoxProportionalHazards(times: times, events: [true, true, true, true, true, true], covariates: x, names: ["x"])
        XCTAssertEqual(fit.degeneracy, .notConverged, "a monotone likelihood is the documented notConverged, not a collinearity")
        XCTAssertTrue(fit.coefficients["x"]!.estimate.isNaN)
        XCTAssertTrue(fit.hazardRatioIntervals()[0].lower.isNaN)
    }

    func testCoxDegenerateDataSaysWhy() throws {
        let t: [Double] = [1, 2, 3, 4]
        let none = try CoxProportionalHazards(times: t, events: [false, false, false, false], covariates: Matrix([[0], [1], [0], [1]]))
        XCTAssertEqual(none.degeneracy, .noEvents)
        let collinear = try CoxProportionalHazards(times: t, events: [true, false, true, true],
                                                   covariates: Matrix([[0, 0], [1, 2], [0, 0], [1, 2]]))
        XCTAssertEqual(collinear.degeneracy, .singularDesign)
        let oneCluster = try CoxProportionalHazards(times: t, events: [true, false, true, true], covariates: Matrix([[0], [1], [1], [0]]),
                                                    clusters: [7, 7, 7, 7])
        XCTAssertEqual(oneCluster.degeneracy, .tooFewClusters)
        XCTAssertThrowsError(try CoxProportionalHazards(times: t, events: [true, true, true, true], covariates: Matrix([[0], [1], [0], [1]]),
                                                        names: ["a", "b"]))
    }
}
