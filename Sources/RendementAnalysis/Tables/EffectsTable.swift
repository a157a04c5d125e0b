import RendementCore

/// Writes `effects.csv`: the columns of the contract (data-schema/outputs.md),
/// in order, then the design and credibility columns. Suppressed rows keep
/// their identifying columns and `suppressed=true`; every count below the
/// threshold and every figure derived from the suppressed cell is left
/// empty, with the reason code `suppressed`.
public enum EffectsTable {
    public static let columns = [
        "scope_type", "scope", "age_band", "source", "window_months", "n_sets", "n_clients", "n_controls",
        "clients_before_mean", "clients_after_mean", "controls_before_mean", "controls_after_mean",
        "clients_before_prev", "clients_after_prev", "controls_before_prev", "controls_after_prev",
        "did", "did_ci_low", "did_ci_high", "p_value", "p_wilcoxon",
        "rate_ratio", "rate_ratio_ci_low", "rate_ratio_ci_high", "p_rate_ratio", "p_holm", "suppressed",
        "prev_did", "prev_did_ci_low", "prev_did_ci_high", "p_prev",
        "anticipation_months", "reason",
        "placebo_window_months", "placebo_n_sets", "placebo_rate_ratio", "placebo_rate_ratio_ci_low",
        "placebo_rate_ratio_ci_high", "p_placebo", "placebo_reason",
        "pretrend_first_month", "pretrend_last_month", "pretrend_bin_months", "pretrend_n_sets", "pretrend_f",
        "pretrend_df1", "pretrend_df2", "p_pretrend", "pretrend_reason",
        "credible", "credibility_reason", "kwartaal", "credibility_checks", "p_staggered_pretrend",
    ]

    public static func csv(_ rows: [EffectRow], minimumCell: Int, anticipationMonths: Int) -> String {
        var table = TidyCSV(columns: columns)
        for r in rows {
            var cells: [TidyCSV.Cell] = [.text(r.scope.kind.rawValue), .text(r.scope.name), .text(r.ageBand),
                                         .text(r.source.rawValue), .int(r.windowMonths)]
            let s = r.estimate?.summary
            let count = { (n: Int?) -> TidyCSV.Cell in
                guard let n else { return .int(0) }
                return r.suppressed && n > 0 ? .missing : .int(n)
            }
            cells += [count(s?.sets), count(s?.clients), count(s?.controls)]
            if r.suppressed || r.estimate == nil {
                cells += Array(repeating: .missing, count: 18)
                cells.append(.flag(r.suppressed))
                cells += Array(repeating: .missing, count: 4)
            } else {
                let e = r.estimate!, s = e.summary
                cells += [.number(s.clientsBeforeMean), .number(s.clientsAfterMean), .number(s.controlsBeforeMean),
                          .number(s.controlsAfterMean), .number(s.clientsBeforePrevalence), .number(s.clientsAfterPrevalence),
                          .number(s.controlsBeforePrevalence), .number(s.controlsAfterPrevalence),
                          .number(s.did), .optional(e.didCI?.lower), .optional(e.didCI?.upper), .optional(e.pValue),
                          .optional(e.pWilcoxon), .optional(e.rateRatio), .optional(e.rateRatioCI?.lower),
                          .optional(e.rateRatioCI?.upper), .optional(e.pRateRatio), .optional(r.pHolm), .flag(r.suppressed),
                          .optional(e.prevalenceDid), .optional(e.prevalenceDidCI?.lower), .optional(e.prevalenceDidCI?.upper),
                          .optional(e.pPrevalence)]
            }
            cells += [.int(anticipationMonths), .text(r.reason?.rawValue ?? "")]
            cells += placeboCells(r.placebo, minimumCell: minimumCell, rowHidden: r.suppressed)
            cells += preTrendCells(r.preTrend, minimumCell: minimumCell, rowHidden: r.suppressed)
            cells += r.suppressed || r.estimate == nil ? [.missing, .missing] : [.flag(r.credibility.credible), .text(r.credibility.code)]
            cells.append(r.scope.quarter.map { .text($0.description) } ?? .missing)
            cells += r.suppressed || r.estimate == nil ? [.missing, .missing]
                : [.text(r.credibility.checksCode), .optional(r.credibility.staggeredPreTrendP)]
            table.append(cells)
        }
        return table.text
    }

    /// The placebo columns; figures resting on fewer sets than the threshold,
    /// and all of a hidden row's (its sets count in the row's population), are left out.
    static func placeboCells(_ p: PlaceboEstimate, minimumCell: Int, rowHidden: Bool = false) -> [TidyCSV.Cell] {
        let n = p.estimate?.summary.sets ?? 0
        let hidden = n < minimumCell || rowHidden
        var cells: [TidyCSV.Cell] = [p.windowMonths.map { .int($0) } ?? .missing, hidden && n > 0 ? .missing : .int(n)]
        if hidden || p.estimate?.rateRatio == nil {
            cells += [.missing, .missing, .missing, .missing]
            cells.append(.text((hidden && n > 0 ? EstimateReason.suppressed : p.reason)?.rawValue ?? ""))
        } else {
            let e = p.estimate!
            cells += [.optional(e.rateRatio), .optional(e.rateRatioCI?.lower), .optional(e.rateRatioCI?.upper), .optional(e.pRateRatio),
                      .text("")]
        }
        return cells
    }

    /// The pre-trend columns; figures resting on fewer sets than the threshold,
    /// and all of a hidden row's, are left out.
    static func preTrendCells(_ t: PreTrendTest, minimumCell: Int, rowHidden: Bool = false) -> [TidyCSV.Cell] {
        let hidden = (t.sets < minimumCell || rowHidden) && t.sets > 0
        var cells: [TidyCSV.Cell] = [.int(t.firstMonth), .int(t.lastMonth), .int(t.binMonths), hidden ? .missing : .int(t.sets)]
        if hidden || t.pValue == nil {
            cells += [.missing, .missing, .missing, .missing, .text((hidden ? EstimateReason.suppressed : t.reason)?.rawValue ?? "")]
        } else {
            cells += [.optional(t.statistic), t.df1.map { .int($0) } ?? .missing, t.df2.map { .int($0) } ?? .missing,
                      .optional(t.pValue), .text("")]
        }
        return cells
    }
}
