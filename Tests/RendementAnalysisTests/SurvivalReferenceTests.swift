import Foundation
import XCTest
import RendementCore
import RendementStats
@testable import RendementAnalysis

/// The survival tables and the age moderation against the independent
/// reference (`scripts/reference/analysis_survival.py` with lifelines,
/// statsmodels and pandas; `analysis_survival.R` with R's coxph and survfit)
/// on matched 1:3 sets made by the reference: controls weighted 1/k, numbers
/// at risk by their definition (ties and a censoring exactly on day 7), the
/// log-rank test within sets and the Cox models robust to / stratified by set.
final class SurvivalReferenceTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func json(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as! [String: Any]
    }

    static func number(_ v: Any?) -> Double { (v as! NSNumber).doubleValue }

    /// The sets of the fixture as the analysis sees them.
    static func sets(_ fx: [String: Any]) -> [AnalysisSet] {
        func member(_ m: [String: Any], _ person: Int64) -> SetMember {
            let days = (m["events"] as! [String]).enumerated().map { (day: Day(iso: $1)!.number, incident: person * 100 + Int64($0)) }
            return SetMember(person: person, index: Day(iso: m["index"] as! String)!, age: m["age"] as! Int, history: PoliceHistory(bvh: days))
        }
        return (fx["sets"] as! [[String: Any]]).map { s in
            let id = s["id"] as! Int
            let controls = (s["controls"] as! [[String: Any]]).enumerated().map { member($1, Int64(id * 10 + $0 + 1)) }
            return AnalysisSet(id: id, client: member(s["client"] as! [String: Any], Int64(id * 10)), controls: controls,
                               veiligheidshuis: "A", regio: "R", doelgroep: "d", founded: 2005)
        }
    }

    func analysis() throws -> (TimeToFirstEvent, [String: Any], [String: Any]) {
        let fx = try Self.json("survival_matched_sets.json"), r = try Self.json("survival_matched_sets_r.json")
        let periods = ObservationPeriods(bvh: Day(year: 2009, month: 1, day: 1)!...Day(iso: fx["period_end"] as! String)!,
                                         hks: Day(year: 2006, month: 1, day: 1)!...Day(year: 2014, month: 12, day: 31)!)
        return (TimeToFirstEvent(Self.sets(fx), counter: WindowCounter(periods: periods)), fx, r)
    }

    func close(_ a: Double?, _ e: Double, rel: Double, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a else { return XCTFail("\(label): missing, expected \(e)", file: file, line: line) }
        XCTAssertLessThanOrEqual(abs(a - e), rel * max(abs(e), 1e-12), "\(label): \(a) vs \(e)", file: file, line: line)
    }

    func testCurvesCountByDefinitionAndWeightControls() throws {
        let (analysis, fx, _) = try analysis()
        let sample = fx["sample"] as! [String: Any]
        let s = try XCTUnwrap(analysis.summaries.first { $0.source == .bvh })
        XCTAssertEqual(s.sets, sample["n_sets"] as? Int)
        XCTAssertEqual(s.clients, sample["n_clients"] as? Int)
        XCTAssertEqual(s.controls, sample["n_controls"] as? Int)
        for point in fx["curves"] as! [[String: Any]] {
            let group = EventStudy.Group(rawValue: point["group"] as! String)!
            let curve = try XCTUnwrap(analysis.curves.first { $0.source == .bvh && $0.group == group })
            let day = Self.number(point["day"])
            let p = TimeToFirstEvent.read(curve, at: [day])[0]
            let label = "\(group) day \(day)"
            XCTAssertEqual(p.atRisk, point["n_at_risk"] as? Int, "\(label): persons at risk just before the day")
            XCTAssertEqual(p.cumulativeEvents, point["n_events_cumulative"] as? Int, label)
            XCTAssertEqual(p.sets, point["n_sets"] as? Int, label)
            close(p.survival, Self.number(point["survival"]), rel: 1e-9, "\(label) weighted S (lifelines)")
        }
    }

    func testLogRankAndCoxRespectTheSets() throws {
        let (analysis, fx, r) = try analysis()
        let s = try XCTUnwrap(analysis.summaries.first { $0.source == .bvh })
        let lr = fx["logrank_stratified"] as! [String: Any]
        close(s[.logRank].statistic, Self.number(lr["chisq"]), rel: 1e-9, "log-rank by set")
        close(s[.logRank].pValue, Self.number(lr["p"]), rel: 1e-9, "log-rank by set p")
        let z = Normal.standard.quantile(0.975)
        for (kind, key) in [(SurvivalSummary.Kind.hazardRatio, "hazard_ratio"), (.hazardRatioStratified, "hazard_ratio_stratified"),
                            (.hazardRatioAgeAdjusted, "hazard_ratio_age_adjusted")] {
            let ref = r[key] as! [String: Any]
            let b = Self.number((ref["coef"] as! [Any])[0]), se = Self.number((ref["se"] as! [Any])[0])
            let e = s[kind]
            XCTAssertNil(e.reason, key)
            close(e.value, exp(b), rel: 1e-6, "\(key) (R coxph)")
            close(e.confidenceInterval?.lower, exp(b - z * se), rel: 1e-6, "\(key) CI low (R coxph)")
            close(e.confidenceInterval?.upper, exp(b + z * se), rel: 1e-6, "\(key) CI high (R coxph)")
            close(e.pValue, Self.number((ref["p"] as! [Any])[0]), rel: 1e-6, "\(key) p (R coxph)")
        }
        let pooled = fx["cox_pooled"] as! [String: Any]
        let b = Self.number(pooled["coef"]), se = Self.number(pooled["se"])
        close(s[.hazardRatioPooled].value, exp(b), rel: 1e-6, "pooled HR (lifelines)")
        close(s[.hazardRatioPooled].confidenceInterval?.upper, exp(b + z * se), rel: 1e-6, "pooled HR CI (lifelines)")
        for (kind, key) in [(SurvivalSummary.Kind.medianClients, "median_clients"), (.medianControls, "median_controls")] {
            let m = (r[key] as! [Any]).map(Self.number)
            close(s[kind].value, m[0], rel: 1e-12, "\(key) (R survfit)")
            close(s[kind].confidenceInterval?.lower, m[1], rel: 1e-12, "\(key) lower (R survfit, log-log)")
            close(s[kind].confidenceInterval?.upper, m[2], rel: 1e-12, "\(key) upper (R survfit, log-log)")
        }
        // HKS has no events in these sets: every estimate says so instead of a number.
        let hks = try XCTUnwrap(analysis.summaries.first { $0.source == .hks })
        XCTAssertEqual(hks[.logRank].reason, .noEvents)
        XCTAssertEqual(hks[.hazardRatio].reason, .noEvents)
        XCTAssertEqual(hks[.medianClients].reason, .notReached)
        XCTAssertNil(hks[.hazardRatio].value)
    }

    func testAgeModerationOnBothScalesAgainstStatsmodels() throws {
        let fx = try Self.json("survival_matched_sets.json")["age_moderation"] as! [String: Any]
        let rows = fx["sets"] as! [[String: Any]]
        let counts = rows.map { SetCounts(clientBefore: $0["client_before"] as! Int, clientAfter: $0["client_after"] as! Int,
                                          controlsBefore: $0["controls_before"] as! [Int], controlsAfter: $0["controls_after"] as! [Int]) }
        let ages = rows.map { Self.number($0["age"]) }
        let base = AgeModeration.Row(source: .bvh, windowMonths: 6, scale: .difference, sets: counts.count, controls: 0)
        for (row, key) in [(AgeModeration.differenceSlope(base, ages: ages, counts: counts), "difference"),
                           (AgeModeration.rateRatioSlope(base, ages: ages, counts: counts), "log_rate_ratio")] {
            let ref = fx[key] as! [String: Any], ci = (ref["ci"] as! [Any]).map(Self.number)
            XCTAssertNil(row.reason, key)
            close(row.slope, Self.number(ref["slope"]), rel: 1e-6, "\(key) slope")
            close(row.pValue, Self.number(ref["p"]), rel: 1e-6, "\(key) p")
            close(row.slopeCI?.lower, ci[0], rel: 1e-6, "\(key) CI low")
            close(row.slopeCI?.upper, ci[1], rel: 1e-6, "\(key) CI high")
            close(row.intercept, Self.number(ref["intercept"]), rel: 1e-6, "\(key) intercept")
        }
    }
}
