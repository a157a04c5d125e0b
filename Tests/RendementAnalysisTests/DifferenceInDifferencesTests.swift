import Foundation
import XCTest
@testable import RendementAnalysis

/// Compares the estimator with the independent Python reference
/// (`scripts/reference/analysis_effects.py`: numpy, scipy.stats.ttest_1samp,
/// scipy.stats.wilcoxon, statsmodels GLM Poisson with cov_type='cluster') on the
/// set counts it dumped (`scripts/reference/make-analysis-fixtures.sh`).
/// Tolerances: 1e-9 relative for the descriptive figures and closed-form tests,
/// 1e-6 relative for the iteratively fitted Poisson model.
final class DifferenceInDifferencesTests: XCTestCase {
    private func fixture() throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/effects_from_sets.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return json["effects"] as! [[String: Any]]
    }

    private func close(_ a: Double?, _ b: Any?, rel: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let b = b as? Double else { return XCTAssertNil(a, "\(what): reference has no value", file: file, line: line) }
        guard let a else { return XCTFail("\(what): missing, reference \(b)", file: file, line: line) }
        XCTAssertLessThanOrEqual(abs(a - b), rel * max(abs(b), 1e-300) + 1e-15, "\(what): \(a) vs reference \(b)", file: file, line: line)
    }

    func testAgreesWithPythonReference() throws {
        let cases = try fixture()
        XCTAssertEqual(cases.count, 10)
        for c in cases {
            let name = "\(c["source"]!) W=\(c["window_months"]!)"
            let sets = (c["sets"] as! [[Any]]).map { s -> SetCounts in
                let controls = s[2] as! [[Int]]
                return SetCounts(clientBefore: s[0] as! Int, clientAfter: s[1] as! Int,
                                 controlsBefore: controls.map { $0[0] }, controlsAfter: controls.map { $0[1] })
            }
            let e = DifferenceInDifferences(sets)
            XCTAssertEqual(e.summary.sets, c["n_sets"] as? Int, name)
            XCTAssertEqual(e.summary.controls, c["n_controls"] as? Int, name)
            close(e.summary.clientsBeforeMean, c["clients_before_mean"], rel: 1e-9, name + " clients_before_mean")
            close(e.summary.clientsAfterMean, c["clients_after_mean"], rel: 1e-9, name + " clients_after_mean")
            close(e.summary.controlsBeforeMean, c["controls_before_mean"], rel: 1e-9, name + " controls_before_mean")
            close(e.summary.controlsAfterMean, c["controls_after_mean"], rel: 1e-9, name + " controls_after_mean")
            close(e.summary.clientsBeforePrevalence, c["clients_before_prev"], rel: 1e-9, name + " clients_before_prev")
            close(e.summary.clientsAfterPrevalence, c["clients_after_prev"], rel: 1e-9, name + " clients_after_prev")
            close(e.summary.controlsBeforePrevalence, c["controls_before_prev"], rel: 1e-9, name + " controls_before_prev")
            close(e.summary.controlsAfterPrevalence, c["controls_after_prev"], rel: 1e-9, name + " controls_after_prev")
            close(e.summary.did, c["did"], rel: 1e-9, name + " did")
            close(e.didCI?.lower, c["did_ci_low"], rel: 1e-9, name + " did_ci_low")
            close(e.didCI?.upper, c["did_ci_high"], rel: 1e-9, name + " did_ci_high")
            close(e.pValue, c["p_value"], rel: 1e-9, name + " p_value")
            close(e.pWilcoxon, c["p_wilcoxon"], rel: 1e-9, name + " p_wilcoxon")
            close(e.rateRatio, c["rate_ratio"], rel: 1e-6, name + " rate_ratio")
            close(e.rateRatioCI?.lower, c["rate_ratio_ci_low"], rel: 1e-6, name + " rate_ratio_ci_low")
            close(e.rateRatioCI?.upper, c["rate_ratio_ci_high"], rel: 1e-6, name + " rate_ratio_ci_high")
            close(e.pRateRatio, c["p_rate_ratio"], rel: 1e-6, name + " p_rate_ratio")
            close(e.prevalenceDid, c["prev_did"], rel: 1e-9, name + " prev_did")
            close(e.prevalenceDidCI?.lower, c["prev_did_ci_low"], rel: 1e-9, name + " prev_did_ci_low")
            close(e.prevalenceDidCI?.upper, c["prev_did_ci_high"], rel: 1e-9, name + " prev_did_ci_high")
            close(e.pPrevalence, c["p_prev"], rel: 1e-9, name + " p_prev")
        }
    }

    func testDegenerateInputsGiveNoNumbers() {
        let one = DifferenceInDifferences([SetCounts(clientBefore: 2, clientAfter: 0, controlsBefore: [1], controlsAfter: [1])])
        XCTAssertNil(one.didCI)
        XCTAssertNil(one.pValue)
        XCTAssertNil(one.rateRatio)
        let flat = DifferenceInDifferences(Array(repeating: SetCounts(clientBefore: 0, clientAfter: 0, controlsBefore: [0], controlsAfter: [0]), count: 5))
        XCTAssertEqual(flat.summary.did, 0)
        XCTAssertNil(flat.pValue, "no spread: no t test")
        XCTAssertNil(flat.pWilcoxon, "all differences zero: no signed-rank test")
        XCTAssertNil(flat.rateRatio, "no events: no rate ratio")
    }
}
