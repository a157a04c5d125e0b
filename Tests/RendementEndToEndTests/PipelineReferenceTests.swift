import Foundation
import XCTest
import RendementAnalysis
import RendementCore

/// The whole analysis against the independent reference: the fixture was made
/// by `scripts/reference/make-analysis-fixtures.sh`, which ran the importer and
/// matcher on generated data (6,000 persons, seed 13), exported matches.csv,
/// and recomputed every figure from the raw extracts and that export with
/// pandas/scipy/statsmodels (`analysis_effects.py`). Here the same store is
/// rebuilt from the same generator, so the Swift side counts events from its
/// own store. Tolerances: 1e-9 relative for descriptive figures and closed-form
/// tests and the closed-form rate ratios, 1e-6 for p-values and the
/// pre-trend test (statsmodels' iteratively fitted GLM).
final class PipelineReferenceTests: XCTestCase {
    func testEffectsOfTheWholePipelineAgreeWithTheReference() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/effects_pipeline.json")
        let reference = (try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any])["effects"] as! [[String: Any]]
        let fixture = try PipelineFixture(seed: 13, persons: 6000)
        defer { fixture.remove() }
        XCTAssertEqual(reference.count, 10)
        for ref in reference {
            let source = ref["source"] as! String, window = ref["window_months"] as! Int
            let name = "\(source) W=\(window)"
            let row = try XCTUnwrap(fixture.results.effects.first {
                $0.scope == .all && $0.ageBand == "all" && $0.source.rawValue == source && $0.windowMonths == window
            }, name)
            let e = try XCTUnwrap(row.estimate, name), s = e.summary
            XCTAssertEqual(s.sets, ref["n_sets"] as? Int, name)
            XCTAssertEqual(s.controls, ref["n_controls"] as? Int, name)
            let checks: [(Double?, String, Double)] = [
                (s.clientsBeforeMean, "clients_before_mean", 1e-9), (s.clientsAfterMean, "clients_after_mean", 1e-9),
                (s.controlsBeforeMean, "controls_before_mean", 1e-9), (s.controlsAfterMean, "controls_after_mean", 1e-9),
                (s.clientsBeforePrevalence, "clients_before_prev", 1e-9), (s.clientsAfterPrevalence, "clients_after_prev", 1e-9),
                (s.controlsBeforePrevalence, "controls_before_prev", 1e-9), (s.controlsAfterPrevalence, "controls_after_prev", 1e-9),
                (s.did, "did", 1e-9), (e.didCI?.lower, "did_ci_low", 1e-9), (e.didCI?.upper, "did_ci_high", 1e-9),
                (e.pValue, "p_value", 1e-9), (e.pWilcoxon, "p_wilcoxon", 1e-9), (e.prevalenceDid, "prev_did", 1e-9),
                (e.prevalenceDidCI?.lower, "prev_did_ci_low", 1e-9), (e.pPrevalence, "p_prev", 1e-9),
                (e.rateRatio, "rate_ratio", 1e-6), (e.rateRatioCI?.lower, "rate_ratio_ci_low", 1e-6),
                (e.rateRatioCI?.upper, "rate_ratio_ci_high", 1e-6), (e.pRateRatio, "p_rate_ratio", 1e-6),
            ]
            try compare(checks, ref, name)
            try checkDiagnostics(row, ref, name)
            try checkSensitivity(fixture.results.sensitivity.filter { $0.source.rawValue == source && $0.windowMonths == window },
                                 ref["sensitivity"] as! [[String: Any]], name)
        }
    }

    /// The placebo (rate ratio around a pseudo-intake 12 months earlier) and
    /// the pre-trend test (statsmodels GLM Poisson, cluster-robust, Wald test
    /// of the group x month terms) against the reference.
    private func checkDiagnostics(_ row: EffectRow, _ ref: [String: Any], _ name: String) throws {
        XCTAssertEqual(row.placebo.windowMonths, ref["placebo_window_months"] as? Int, name)
        XCTAssertEqual(row.placebo.estimate?.summary.sets, ref["placebo_n_sets"] as? Int, name + " placebo sets")
        let p = row.placebo.estimate
        try compare([(p?.rateRatio, "placebo_rate_ratio", 1e-6), (p?.rateRatioCI?.lower, "placebo_rate_ratio_ci_low", 1e-6),
                     (p?.rateRatioCI?.upper, "placebo_rate_ratio_ci_high", 1e-6), (p?.pRateRatio, "p_placebo", 1e-6)], ref, name)
        XCTAssertEqual(row.preTrend.sets, ref["pretrend_n_sets"] as? Int, name + " pre-trend sets")
        XCTAssertEqual(row.preTrend.binMonths, ref["pretrend_bin_months"] as? Int, name + " pre-trend bins")
        XCTAssertEqual(row.preTrend.firstMonth, ref["pretrend_first_month"] as? Int, name)
        XCTAssertEqual(row.preTrend.lastMonth, ref["pretrend_last_month"] as? Int, name)
        XCTAssertEqual(row.preTrend.df2, ref["pretrend_df2"] as? Int, name)
        try compare([(row.preTrend.statistic, "pretrend_f", 1e-6), (row.preTrend.pValue, "p_pretrend", 1e-6)], ref, name)
    }

    /// The rate ratio for anticipation windows 0...6 against the reference.
    private func checkSensitivity(_ rows: [AnticipationSensitivity.Row], _ ref: [[String: Any]], _ name: String) throws {
        XCTAssertEqual(rows.map(\.anticipationMonths), ref.map { $0["anticipation_months"] as! Int }, name)
        for (row, r) in zip(rows, ref) {
            let label = name + " M=\(row.anticipationMonths)"
            XCTAssertEqual(row.estimate?.summary.sets ?? 0, r["n_sets"] as? Int, label)
            let e = row.estimate
            try compare([(e?.rateRatio, "rate_ratio", 1e-6), (e?.rateRatioCI?.lower, "rate_ratio_ci_low", 1e-6),
                         (e?.rateRatioCI?.upper, "rate_ratio_ci_high", 1e-6), (e?.pRateRatio, "p_rate_ratio", 1e-6)], r, label)
        }
    }

    private func compare(_ checks: [(Double?, String, Double)], _ ref: [String: Any], _ name: String) throws {
        for (value, key, tolerance) in checks {
            guard let expected = ref[key] as? Double else { XCTAssertNil(value, "\(name) \(key): reference has none"); continue }
            let actual = try XCTUnwrap(value, "\(name) \(key)")
            XCTAssertLessThanOrEqual(abs(actual - expected), tolerance * max(abs(expected), 1e-300) + 1e-15,
                                     "\(name) \(key): \(actual) vs reference \(expected)")
        }
    }
}
