import RendementCore

/// Writes `effects.csv` with the columns of CONTRACT.md section 4, in order,
/// then the prevalence figures and the reason codes of missing estimates.
/// Suppressed rows keep their identifying columns and `suppressed=true`;
/// every count below the threshold and every figure derived from the
/// suppressed cell is left empty.
public enum EffectsTable {
    public static let columns = [
        "scope_type", "scope", "age_band", "source", "window_months", "n_sets", "n_clients", "n_controls",
        "clients_before_mean", "clients_after_mean", "controls_before_mean", "controls_after_mean",
        "clients_before_prev", "clients_after_prev", "controls_before_prev", "controls_after_prev",
        "did", "did_ci_low", "did_ci_high", "p_value", "p_wilcoxon",
        "rate_ratio", "rate_ratio_ci_low", "rate_ratio_ci_high", "p_rate_ratio", "p_holm", "suppressed",
        "prev_did", "prev_did_ci_low", "prev_did_ci_high", "p_prev",
        "did_reason", "rate_ratio_reason", "prev_did_reason",
    ]

    public static func csv(_ rows: [EffectRow], minimumCell: Int) -> String {
        var table = TidyCSV(columns: columns)
        for r in rows {
            var cells: [TidyCSV.Cell] = [.text(r.scope.kind.rawValue), .text(r.scope.name), .text(r.ageBand),
                                         .text(r.source.rawValue), .int(r.windowMonths)]
            let s = r.estimate?.summary
            let count = { (n: Int?) -> TidyCSV.Cell in
                guard let n else { return .int(0) }
                return r.suppressed && n < minimumCell && n > 0 ? .missing : .int(n)
            }
            cells += [count(s?.sets), count(s?.clients), count(s?.controls)]
            if r.suppressed || r.estimate == nil {
                cells += Array(repeating: .missing, count: 18)
                cells.append(.flag(r.suppressed))
                cells += Array(repeating: .missing, count: 4)
                let reason = TidyCSV.Cell.text((r.suppressed ? EstimateReason.suppressed : .tooFewSets).rawValue)
                cells += [reason, reason, reason]
            } else {
                let e = r.estimate!, s = e.summary
                cells += [.number(s.clientsBeforeMean), .number(s.clientsAfterMean), .number(s.controlsBeforeMean),
                          .number(s.controlsAfterMean), .number(s.clientsBeforePrevalence), .number(s.clientsAfterPrevalence),
                          .number(s.controlsBeforePrevalence), .number(s.controlsAfterPrevalence),
                          .number(s.did), .optional(e.didCI?.low), .optional(e.didCI?.high), .optional(e.pValue),
                          .optional(e.pWilcoxon), .optional(e.rateRatio), .optional(e.rateRatioCI?.low),
                          .optional(e.rateRatioCI?.high), .optional(e.pRateRatio), .optional(r.pHolm), .flag(r.suppressed),
                          .optional(e.prevalenceDid), .optional(e.prevalenceDidCI?.low), .optional(e.prevalenceDidCI?.high),
                          .optional(e.pPrevalence), .text(e.didReason?.rawValue ?? ""), .text(e.rateRatioReason?.rawValue ?? ""),
                          .text(e.prevalenceReason?.rawValue ?? "")]
            }
            table.append(cells)
        }
        return table.text
    }
}
