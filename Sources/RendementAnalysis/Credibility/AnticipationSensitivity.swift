import RendementCore

/// The main estimate as a function of the anticipation window: for all
/// clients, each source and window, the rate ratio and the
/// difference-in-differences with anticipation M = 0...6 months (the rest of
/// the design unchanged), so a reader sees whether the conclusion depends on
/// where the baseline ends (`anticipation_sensitivity.csv`). When the
/// estimate moves towards 1 as M grows, the drop at small M was the return
/// from a pre-intake crisis.
public enum AnticipationSensitivity {
    /// The anticipation windows shown.
    public static let months = Array(0...6)

    /// One estimate of the sensitivity table.
    public struct Row: Sendable, Codable {
        public var source: OutcomeSource
        public var windowMonths: Int
        public var anticipationMonths: Int
        /// Nil when no set enters the window.
        public var estimate: DifferenceInDifferences?

        /// Why there is no rate ratio (nil when there is one).
        public var reason: EstimateReason? { estimate == nil ? .noFollowUp : estimate?.rateRatioReason }
    }

    /// The table for `sets` (all clients) under `design`, for every M in `months`.
    public static func estimate(_ sets: [AnalysisSet], periods: ObservationPeriods, design: WindowDesign, windows: [Int]) -> [Row] {
        let cases = OutcomeSource.allCases.flatMap { source in windows.flatMap { w in months.map { (source, w, $0) } } }
        // Each (source, window, M) passes over all sets: on all cores, results in this order.
        return ParallelMap.map(cases) { source, w, m in
            var d = design
            d.anticipationMonths = m
            let counter = WindowCounter(periods: periods, design: d)
            let counts = sets.compactMap { counter.counts($0, source: source, months: w) }
            return Row(source: source, windowMonths: w, anticipationMonths: m,
                       estimate: counts.isEmpty ? nil : DifferenceInDifferences(counts))
        }
    }

    /// `anticipation_sensitivity.csv` (data-schema/outputs.md); estimates over
    /// fewer sets than `minimumCell` are suppressed.
    public static func csv(_ rows: [Row], minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "window_months", "anticipation_months", "n_sets", "rate_ratio", "rate_ratio_ci_low",
                                  "rate_ratio_ci_high", "p_rate_ratio", "did", "did_ci_low", "did_ci_high", "p_value",
                                  "suppressed", "reason"])
        for r in rows {
            let n = r.estimate?.summary.sets ?? 0
            let suppressed = n < minimumCell
            var cells: [TidyCSV.Cell] = [.text(r.source.rawValue), .int(r.windowMonths), .int(r.anticipationMonths),
                                         suppressed && n > 0 ? .missing : .int(n)]
            if suppressed || r.estimate == nil {
                cells += Array(repeating: .missing, count: 8)
                cells += [.flag(suppressed), .text(suppressed && n > 0 ? EstimateReason.suppressed.rawValue : (r.reason?.rawValue ?? ""))]
            } else {
                let e = r.estimate!
                cells += [.optional(e.rateRatio), .optional(e.rateRatioCI?.lower), .optional(e.rateRatioCI?.upper), .optional(e.pRateRatio),
                          .number(e.summary.did), .optional(e.didCI?.lower), .optional(e.didCI?.upper), .optional(e.pValue),
                          .flag(false), .text(r.reason?.rawValue ?? "")]
            }
            t.append(cells)
        }
        return t.text
    }
}
