import RendementCore
import RendementStats

/// CSV forms of the secondary analyses (`age_moderation.csv`,
/// `event_study.csv`, `survival.csv`, `survival_summary.csv`,
/// `vhh_comparison.csv`); every column is documented in
/// `data-schema/outputs.md`. Figures resting on fewer than `minimumCell`
/// persons are left empty and flagged `suppressed=true`; a figure that cannot
/// be given has its reason code in `reason`.
public enum SecondaryTables {
    public static func ageModeration(_ rows: [AgeModeration.Row], minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "window_months", "scale", "n_sets", "n_controls", "slope_per_year", "slope_ci_low",
                                  "slope_ci_high", "p_value", "intercept", "reason", "suppressed"])
        for r in rows {
            let suppressed = r.sets < minimumCell || r.controls < minimumCell
            let n = { (k: Int) -> TidyCSV.Cell in suppressed && k > 0 && k < minimumCell ? .missing : .int(k) }
            t.append([.text(r.source.rawValue), .int(r.windowMonths), .text(r.scale.rawValue), n(r.sets), n(r.controls)]
                     + (suppressed ? Array(repeating: .missing, count: 5) + [.reason(.suppressed)]
                                   : [.optional(r.slope), .optional(r.slopeCI?.lower), .optional(r.slopeCI?.upper),
                                      .optional(r.pValue), .optional(r.intercept), .reason(r.reason)])
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
                     + (suppressed ? [.missing, .missing, .missing] : [.optional(p.mean), .optional(p.ci?.lower), .optional(p.ci?.upper)])
                     + [.flag(suppressed)])
        }
        return t.text
    }

    /// Kaplan-Meier curves read at fixed days (`TimeToFirstEvent.reportingDays`)
    /// rather than at every event time, so no row reveals a single person's
    /// event: at each day the sets and persons still at risk, the cumulative
    /// number of first events, S(t) and its CI; suppressed when either
    /// person count is below the threshold.
    public static func survivalCurves(_ results: [SurvivalResult], minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "group", "time_days", "n_sets", "n_at_risk", "n_events_cumulative", "survival",
                                  "ci_low", "ci_high", "suppressed"])
        for p in results.flatMap(\.reported) {
            let suppressed = p.atRisk < minimumCell || p.cumulativeEvents < minimumCell
            let n = { (k: Int) -> TidyCSV.Cell in k > 0 && k < minimumCell ? .missing : .int(k) }
            t.append([.text(p.source.rawValue), .text(p.group.rawValue), .number(p.day), n(p.sets), n(p.atRisk), n(p.cumulativeEvents)]
                     + (suppressed ? [.missing, .missing, .missing]
                                   : [.number(p.survival), .optional(p.confidenceInterval.lower), .optional(p.confidenceInterval.upper)])
                     + [.flag(suppressed)])
        }
        return t.text
    }

    /// One row per source and estimate (log-rank, the hazard ratios, the medians).
    public static func survivalSummary(_ results: [SurvivalResult], minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "estimate", "n_sets", "n_clients", "n_controls", "client_events", "control_events",
                                  "value", "ci_low", "ci_high", "statistic", "p_value", "reason", "suppressed"])
        for s in results.flatMap(\.summaries) {
            let suppressed = s.clients < minimumCell || s.controls < minimumCell
            let small = { (n: Int) -> TidyCSV.Cell in n < minimumCell && n > 0 ? .missing : .int(n) }
            for e in s.estimates {
                t.append([.text(s.source.rawValue), .text(e.kind.rawValue), small(s.sets), small(s.clients), small(s.controls),
                          small(s.clientEvents), small(s.controlEvents)]
                         + (suppressed ? Array(repeating: .missing, count: 5) + [.reason(.suppressed)]
                                       : [.optional(e.value), .optional(e.confidenceInterval?.lower), .optional(e.confidenceInterval?.upper),
                                          .optional(e.statistic), .optional(e.pValue), .reason(e.reason)])
                         + [.flag(suppressed)])
            }
        }
        return t.text
    }

    /// One row per Veiligheidshuis (`row_type=veiligheidshuis`), one pooled row
    /// (`row_type=pooled`) and one maturity row (`row_type=maturity_slope`)
    /// per source, window and measure.
    public static func comparison(_ comparisons: [VeiligheidshuisComparison]) -> String {
        var t = TidyCSV(columns: ["source", "window_months", "measure", "row_type", "veiligheidshuis", "n_sets", "n_controls",
                                  "mean_years_since_founding", "estimate", "se", "ci_low", "ci_high", "p_value",
                                  "tau2", "i2", "q", "q_p", "veiligheidshuizen_pooled", "reason"])
        for c in comparisons {
            let head: [TidyCSV.Cell] = [.text(c.source.rawValue), .int(c.windowMonths), .text(c.measure.rawValue)]
            for e in c.entries {
                t.append(head + [.text("veiligheidshuis"), .text(e.veiligheidshuis), .int(e.sets), .int(e.controls), .number(e.meanAge),
                                 .number(e.effect), .number(e.standardError), .optional(e.confidenceInterval.lower),
                                 .optional(e.confidenceInterval.upper), .optional(e.pValue), .missing, .missing, .missing,
                                 .missing, .int(1), .missing])
            }
            for m in c.missing {
                t.append(head + [.text("veiligheidshuis"), .text(m.veiligheidshuis), .int(m.sets), .int(m.controls)]
                         + Array(repeating: .missing, count: 10) + [.int(1), .reason(m.reason)])
            }
            let sets = c.entries.reduce(0) { $0 + $1.sets }, controls = c.entries.reduce(0) { $0 + $1.controls }
            if let p = c.pooled {
                let r = p.randomEffects
                t.append(head + [.text("pooled"), .missing, .int(sets), .int(controls), .missing,
                                 .number(r.estimate), .number(r.standardError), .number(r.confidenceInterval.lower),
                                 .number(r.confidenceInterval.upper), .number(r.pValue), .number(p.tauSquared), .number(p.iSquared),
                                 .number(p.q), .optional(p.qPValue), .int(p.studyCount), .missing])
            } else {
                t.append(head + [.text("pooled"), .missing, .int(sets), .int(controls)] + Array(repeating: .missing, count: 10)
                         + [.int(c.entries.count), .reason(c.pooledReason)])
            }
            if let m = c.maturity {
                let s = m.slope
                t.append(head + [.text("maturity_slope"), .missing, .int(sets), .int(controls), .missing,
                                 .number(s.estimate), .number(s.standardError), .number(s.confidenceInterval.lower),
                                 .number(s.confidenceInterval.upper), .number(s.pValue), .number(m.tauSquared), .missing,
                                 .number(m.residualQ), .optional(m.residualQPValue), .int(m.studyCount), .missing])
            } else {
                t.append(head + [.text("maturity_slope"), .missing, .int(sets), .int(controls)] + Array(repeating: .missing, count: 10)
                         + [.int(c.entries.count), .reason(c.maturityReason)])
            }
        }
        return t.text
    }
}

extension TidyCSV.Cell {
    /// A reason code, or an empty cell when the estimate is there.
    static func reason(_ r: EstimateReason?) -> TidyCSV.Cell { r.map { .text($0.rawValue) } ?? .missing }
}
