import RendementCore
import RendementStats

/// CSV forms of the secondary analyses (`age_moderation.csv`,
/// `event_study.csv`, `survival.csv`, `survival_summary.csv`,
/// `vhh_comparison.csv`); every column is documented in
/// `data-schema/outputs.md`. Figures resting on fewer than `minimumCell`
/// persons are left empty and flagged `suppressed=true`.
public enum SecondaryTables {
    public static func ageModeration(_ rows: [AgeModeration.Row], minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "window_months", "n_sets", "slope_per_year", "slope_ci_low", "slope_ci_high",
                                  "p_value", "intercept", "suppressed"])
        for r in rows {
            let suppressed = r.sets < minimumCell
            t.append([.text(r.source.rawValue), .int(r.windowMonths), suppressed && r.sets > 0 ? .missing : .int(r.sets)]
                     + (suppressed ? Array(repeating: .missing, count: 5)
                                   : [.optional(r.slope), .optional(r.slopeCI?.low), .optional(r.slopeCI?.high),
                                      .optional(r.pValue), .optional(r.intercept)])
                     + [.flag(suppressed)])
        }
        return t.text
    }

    public static func eventStudy(_ points: [EventStudy.Point], minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "group", "month", "n_sets", "mean_events", "ci_low", "ci_high", "suppressed"])
        for p in points {
            let suppressed = p.sets < minimumCell
            t.append([.text(p.source.rawValue), .text(p.group.rawValue), .int(p.month),
                      suppressed && p.sets > 0 ? .missing : .int(p.sets)]
                     + (suppressed ? [.missing, .missing, .missing] : [.optional(p.mean), .optional(p.ci?.low), .optional(p.ci?.high)])
                     + [.flag(suppressed)])
        }
        return t.text
    }

    /// Kaplan-Meier curves read at fixed days (`TimeToFirstEvent.reportingDays`)
    /// rather than at every event time, so no row reveals a single person's
    /// event: at each day the number still at risk, the cumulative number of
    /// first events, S(t) and its CI; suppressed when either count is below
    /// the threshold.
    public static func survivalCurves(_ analysis: TimeToFirstEvent, minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "group", "time_days", "n_at_risk", "n_events_cumulative", "survival",
                                  "ci_low", "ci_high", "suppressed"])
        for c in analysis.curves {
            for p in TimeToFirstEvent.read(c.kaplanMeier, at: TimeToFirstEvent.reportingDays) {
                let suppressed = p.atRisk < minimumCell || p.cumulativeEvents < minimumCell
                let n = { (k: Int) -> TidyCSV.Cell in k > 0 && k < minimumCell ? .missing : .int(k) }
                t.append([.text(c.source.rawValue), .text(c.group.rawValue), .number(p.day), n(p.atRisk), n(p.cumulativeEvents)]
                         + (suppressed ? [.missing, .missing, .missing] : [.number(p.survival), .optional(p.low), .optional(p.high)])
                         + [.flag(suppressed)])
            }
        }
        return t.text
    }

    public static func survivalSummary(_ analysis: TimeToFirstEvent, minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "n_clients", "n_controls", "client_events", "control_events",
                                  "client_median_days", "control_median_days", "logrank_chisq", "logrank_p",
                                  "hazard_ratio", "hazard_ratio_ci_low", "hazard_ratio_ci_high", "hazard_ratio_p",
                                  "hazard_ratio_age_adjusted", "hazard_ratio_age_adjusted_ci_low",
                                  "hazard_ratio_age_adjusted_ci_high", "suppressed"])
        for s in analysis.summaries {
            let suppressed = s.clients < minimumCell || s.controls < minimumCell
            let small = { (n: Int) -> TidyCSV.Cell in n < minimumCell && n > 0 ? .missing : .int(n) }
            t.append([.text(s.source.rawValue), small(s.clients), small(s.controls), small(s.clientEvents), small(s.controlEvents)]
                     + (suppressed ? Array(repeating: .missing, count: 11)
                                   : [.optional(s.clientMedian), .optional(s.controlMedian), .optional(s.logRankChiSquared),
                                      .optional(s.logRankP), .optional(s.hazardRatio), .optional(s.hazardRatioCI?.low),
                                      .optional(s.hazardRatioCI?.high), .optional(s.hazardRatioP), .optional(s.adjustedHazardRatio),
                                      .optional(s.adjustedHazardRatioCI?.low), .optional(s.adjustedHazardRatioCI?.high)])
                     + [.flag(suppressed)])
        }
        return t.text
    }

    /// One row per Veiligheidshuis (`row_type=veiligheidshuis`), one pooled row
    /// (`row_type=pooled`) and one maturity row (`row_type=maturity_slope`)
    /// per source, window and measure.
    public static func comparison(_ comparisons: [VeiligheidshuisComparison]) -> String {
        var t = TidyCSV(columns: ["source", "window_months", "measure", "row_type", "veiligheidshuis", "n_sets",
                                  "mean_years_since_founding", "estimate", "se", "ci_low", "ci_high", "p_value",
                                  "tau2", "i2", "q", "q_p", "veiligheidshuizen_pooled"])
        let z = Normal.standard.quantile(0.975)
        for c in comparisons {
            let head: [TidyCSV.Cell] = [.text(c.source.rawValue), .int(c.windowMonths), .text(c.measure.rawValue)]
            for e in c.entries {
                t.append(head + [.text("veiligheidshuis"), .text(e.veiligheidshuis), .int(e.sets), .number(e.meanAge),
                                 .number(e.effect), .number(e.standardError), .number(e.effect - z * e.standardError),
                                 .number(e.effect + z * e.standardError), .missing, .missing, .missing,
                                 .missing, .missing, .int(1)])
            }
            if let p = c.pooled {
                let r = p.randomEffects
                t.append(head + [.text("pooled"), .missing, .int(c.entries.reduce(0) { $0 + $1.sets }), .missing,
                                 .number(r.estimate), .number(r.standardError), .number(r.lower), .number(r.upper),
                                 .number(r.pValue), .number(p.tauSquared), .number(p.iSquared), .number(p.q),
                                 .number(p.qPValue), .int(p.studyCount)])
            }
            if let m = c.maturity {
                let s = m.slope
                t.append(head + [.text("maturity_slope"), .missing, .int(c.entries.reduce(0) { $0 + $1.sets }), .missing,
                                 .number(s.estimate), .number(s.standardError), .number(s.lower), .number(s.upper),
                                 .number(s.pValue), .number(m.tauSquared), .missing, .number(m.residualQ), .missing,
                                 .int(m.studyCount)])
            }
        }
        return t.text
    }
}
