import XCTest
@testable import RendementStats

/// Weighted, stratified and cluster-robust survival on matched 1:k sets
/// (k = 1..3; clients weight 1, controls 1/k) against R survival (survfit,
/// coxph with weights, strata(set) and cluster(set)), lifelines
/// (KaplanMeierFitter and multivariate_logrank_test with weights, CoxPHFitter
/// with weights_col, strata and cluster_col) and statsmodels PHReg (groups,
/// strata): `survival_matched.csv`, `survival_matched.json`, `survival_r.json`.
final class MatchedSurvivalTests: XCTestCase {
    override class func tearDown() { ModelErrorLog.shared.report(); super.tearDown() }

    struct Sets { var set: [Int] = [], client: [Bool] = [], time: [Double] = [], event: [Bool] = [], weight: [Double] = [], age: [Double] = [] }

    static func data() throws -> [String: Sets] {
        let text = try String(contentsOf: ModelFixtures.folder.appendingPathComponent("survival_matched.csv"), encoding: .utf8)
        var out: [String: Sets] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            var s = out[f[0]] ?? Sets()
            s.set.append(Int(f[1])!); s.client.append(f[2] == "1"); s.time.append(Double(f[3])!); s.event.append(f[4] == "1")
            s.weight.append(Double(f[5])!); s.age.append(Double(f[6])!)
            out[f[0]] = s
        }
        return out
    }

    func curve(_ s: Sets, client: Bool) throws -> KaplanMeier {
        let idx = s.client.indices.filter { s.client[$0] == client }
        return try KaplanMeier(times: idx.map { s.time[$0] }, events: idx.map { s.event[$0] }, weights: idx.map { s.weight[$0] })
    }

    func cox(_ s: Sets, age: Bool = false, strata: Bool = false, clusters: Bool = true, weighted: Bool = true,
             ties: CoxProportionalHazards.Ties = .efron) throws -> CoxProportionalHazards {
        var columns: [(name: String, values: [Double])] = [("client", s.client.map { $0 ? 1 : 0 })]
        if age { columns.append(("age", s.age)) }
        return try CoxProportionalHazards(times: s.time, events: s.event, design: DesignMatrix(columns: columns),
                                          weights: weighted ? s.weight : nil, strata: strata ? s.set : nil,
                                          clusters: clusters ? s.set : nil, ties: ties)
    }

    func testWeightedKaplanMeierAgainstRAndLifelines() throws {
        let data = try Self.data()
        let r = try ModelFixtures.cases("survival_r.json").filter { $0.string("kind") == "km_weighted" }
        XCTAssertEqual(r.count, 4)
        for c in r {
            let name = "\(c.string("name")) client=\(c.reals("client")[0])"
            let km = try curve(data[c.string("name")]!, client: c.reals("client")[0] == 1)
            assertClose(km.times, c.doubles("time"), rel: 1e-12, routine: "KaplanMeier weighted (R)", "\(name) time")
            assertClose(km.atRisk, c.doubles("n_risk"), rel: 1e-12, routine: "KaplanMeier weighted (R)", "\(name) n.risk")
            assertClose(km.events, c.doubles("n_event"), rel: 1e-12, floor: 1e-12, routine: "KaplanMeier weighted (R)", "\(name) n.event")
            assertClose(km.survival, c.doubles("surv"), rel: 1e-9, routine: "KaplanMeier weighted (R)", "\(name) surv")
            assertClose(km.greenwoodSum.map { $0.squareRoot() }, c.doubles("std_err"), rel: 1e-9, floor: 1e-12,
                        routine: "KaplanMeier weighted (R)", "\(name) std.err")
            let ci = km.confidenceIntervals(transform: .logLog)
            assertClose(ci.map(\.lower), c.doubles("lower"), rel: 1e-9, floor: 1e-12, routine: "KaplanMeier weighted (R)", "\(name) lower")
            assertClose(ci.map(\.upper), c.doubles("upper"), rel: 1e-9, floor: 1e-12, routine: "KaplanMeier weighted (R)", "\(name) upper")
        }
        for c in try ModelFixtures.cases("survival_matched.json").filter({ $0.string("kind") == "km_weighted" }) {
            let client = (c["client"] as! NSNumber).intValue == 1
            let name = "\(c.string("name")) client=\(client)"
            let km = try curve(data[c.string("name")]!, client: client)
            // (JSONSerialization may misround the last bit of a time: match within 1e-12.)
            let idx = c.reals("time").map { t in km.times.firstIndex { abs($0 - t) <= 1e-12 * max(1, t) }! }
            XCTAssertEqual(idx.count, km.times.count, name)
            assertClose(idx.map { km.survival[$0] }, c.doubles("survival"), rel: 1e-9, routine: "KaplanMeier weighted (lifelines)", "\(name) S")
            assertClose(idx.map { km.atRisk[$0] }, c.doubles("at_risk"), rel: 1e-12, routine: "KaplanMeier weighted (lifelines)", "\(name) at risk")
            // lifelines' confidence limits with weights truncate the weighted numbers at risk to integers; R's are the reference above.
        }
    }

    func testWeightedLogRankAgainstLifelinesAndByFormulaWithinSets() throws {
        let data = try Self.data()
        for c in try ModelFixtures.cases("survival_matched.json") where c.string("kind").hasPrefix("logrank_weighted") {
            let s = data[c.string("name")]!
            let stratified = c.string("kind") == "logrank_weighted_stratified"
            let test = try LogRankTest(times: s.time, events: s.event, groups: s.client.map { $0 ? 1 : 0 }, weights: s.weight,
                                       strata: stratified ? s.set : nil)
            XCTAssertNil(test.degeneracy)
            let label = "\(c.string("name")) \(c.string("kind"))"
            if stratified {
                assertClose(test.observed[1], c.double("observed_clients"), rel: 1e-12, routine: "LogRank weighted by set", "\(label) O")
                assertClose(test.expected[1], c.double("expected_clients"), rel: 1e-12, routine: "LogRank weighted by set", "\(label) E")
                assertClose(test.variance[1, 1], c.double("variance"), rel: 1e-12, routine: "LogRank weighted by set", "\(label) V")
            }
            assertClose(test.chiSquared, c.double("chisq"), rel: 1e-9, routine: "LogRank weighted", "\(label) chisq")
            assertClose(test.pValue, c.double("p"), rel: 1e-9, routine: "LogRank weighted", "\(label) p")
        }
    }

    func testWeightedClusterRobustAndStratifiedCoxAgainstR() throws {
        let data = try Self.data()
        let cases = try ModelFixtures.cases("survival_r.json").filter { $0.string("kind").hasPrefix("cox_r_") }
        XCTAssertEqual(cases.count, 10)
        for c in cases {
            let s = data[c.string("name")]!, kind = c.string("kind"), label = "\(c.string("name")) \(kind)"
            let fit: CoxProportionalHazards
            switch kind {
            case "cox_r_cluster": fit = try cox(s)
            case "cox_r_strata_cluster": fit = try cox(s, strata: true)
            case "cox_r_cluster_age": fit = try cox(s, age: true)
            case "cox_r_pooled": fit = try cox(s, clusters: false)
            case "cox_r_cluster_breslow": fit = try cox(s, ties: .breslow)
            default: XCTFail(kind); continue
            }
            XCTAssertNil(fit.degeneracy, label)
            assertClose(fit.coefficients.estimates, c.doubles("coef"), rel: 1e-6, floor: 1e-8, routine: "Cox weighted/robust (R)", "\(label) coef")
            assertClose(fit.coefficients.standardErrors, c.doubles("se"), rel: 1e-6, routine: "Cox weighted/robust (R)", "\(label) se")
            if c["naive_se"] != nil {
                assertClose(fit.modelBasedCovariance.diagonal.map { $0.squareRoot() }, c.doubles("naive_se"), rel: 1e-6,
                            routine: "Cox weighted/robust (R)", "\(label) naive se")
            }
            assertClose(fit.logPartialLikelihood, c.doubles("loglik").last!, rel: 1e-9, routine: "Cox weighted/robust (R)", "\(label) loglik")
            if kind != "cox_r_pooled" {
                XCTAssertEqual(fit.coefficients.covarianceKind, .clusterRobust(clusters: Set(s.set).count, correction: 1), label)
            }
        }
    }

    func testWeightedCoxAgainstLifelines() throws {
        let data = try Self.data()
        for c in try ModelFixtures.cases("survival_matched.json") where c.string("kind").hasPrefix("cox_lifelines") {
            let s = data[c.string("name")]!, kind = c.string("kind"), label = "\(c.string("name")) \(kind)"
            let fit: CoxProportionalHazards
            switch kind {
            case "cox_lifelines_pooled": fit = try cox(s, clusters: false)
            case "cox_lifelines_cluster": fit = try cox(s)
            case "cox_lifelines_cluster_age": fit = try cox(s, age: true)
            case "cox_lifelines_strata_cluster": fit = try cox(s, strata: true)
            default: XCTFail(kind); continue
            }
            XCTAssertEqual(fit.coefficients.names, c["covariates"] as? [String], label)
            assertClose(fit.coefficients.estimates, c.doubles("coef"), rel: 1e-6, floor: 1e-8, routine: "Cox weighted/robust (lifelines)", "\(label) coef")
            assertClose(fit.coefficients.standardErrors, c.doubles("se"), rel: 1e-6, routine: "Cox weighted/robust (lifelines)", "\(label) se")
            assertClose(fit.coefficients.pValues, c.doubles("p"), rel: 1e-6, floor: 1e-300, routine: "Cox weighted/robust (lifelines)", "\(label) p")
            assertClose(fit.logPartialLikelihood, c.double("loglik"), rel: 1e-9, routine: "Cox weighted/robust (lifelines)", "\(label) loglik")
        }
    }

    func testRobustCoxAgainstStatsmodelsPHReg() throws {
        let data = try Self.data()
        for c in try ModelFixtures.cases("survival_matched.json") where c.string("kind").hasPrefix("cox_statsmodels") {
            let s = data[c.string("name")]!, label = "\(c.string("name")) \(c.string("kind"))"
            let stratified = c.string("kind").hasSuffix("_strata")
            let robust = try cox(s, strata: stratified, weighted: false, ties: .breslow)
            assertClose(robust.coefficients.estimates, c.doubles("coef"), rel: 1e-6, routine: "Cox robust (statsmodels)", "\(label) coef")
            assertClose(robust.modelBasedCovariance.diagonal.map { $0.squareRoot() }, c.doubles("naive_se"), rel: 1e-6,
                        routine: "Cox robust (statsmodels)", "\(label) naive se")
            if !stratified {
                assertClose(robust.coefficients.standardErrors, c.doubles("robust_se"), rel: 1e-6, routine: "Cox robust (statsmodels)", "\(label) robust se")
            }
        }
    }
}
