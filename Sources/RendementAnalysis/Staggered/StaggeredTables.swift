import RendementCore
import RendementStats

/// CSV forms of the not-yet-treated comparison (`staggered.csv`,
/// `staggered_event_study.csv`); every column is documented in
/// `data-schema/outputs.md`. A figure resting on fewer than `minimumCell`
/// clients or comparison clients is left empty and flagged `suppressed=true`;
/// the person counts stay with every row (blank when between 1 and the
/// threshold) so secondary suppression can be applied to them.
public enum StaggeredTables {
    public static func rows(_ r: StaggeredResults, minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["scope_type", "scope", "age_band", "source", "window_months", "anticipation_months", "n_clients",
                                  "cohort_months", "n_treated", "n_comparison", "att_events_per_client", "se", "ci_low", "ci_high", "p_value",
                                  "pretrend_wald", "pretrend_df", "pretrend_p", "reason", "suppressed"])
        for row in r.rows {
            // A hidden row hides its counts too, whether hidden for its own counts or to protect
            // another group (DisclosurePlan), as effects.csv does.
            let n = { (k: Int) -> TidyCSV.Cell in k > 0 && (row.suppressed || k < minimumCell) ? .missing : .int(k) }
            let e = row.effect, ci = e?.confidenceInterval()
            var cells: [TidyCSV.Cell] = [.text(row.scope.kind.rawValue), .text(row.scope.name), .text(row.ageBand), .text(row.source.rawValue),
                                         .int(row.windowMonths), .int(r.anticipationMonths), n(row.clients),
                                         e.map { .int($0.cohorts) } ?? .missing, e.map { n($0.treated) } ?? .missing,
                                         e.map { n($0.comparison) } ?? .missing]
            if row.suppressed || e == nil {
                cells += Array(repeating: .missing, count: 8)
            } else {
                let p = row.preTrend
                cells += [.optional(e?.estimate), .optional(e?.standardError), .optional(ci?.lower), .optional(ci?.upper), .optional(e?.pValue),
                          .optional(p?.statistic), p.map { .int($0.degreesOfFreedom) } ?? .missing, .optional(p?.pValue)]
            }
            cells += [.reason(row.reason), .flag(row.suppressed)]
            t.append(cells)
        }
        return t.text
    }

    public static func eventStudy(_ r: StaggeredResults, minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["source", "event_month", "anticipation_months", "reference", "cohort_months", "n_treated", "n_comparison",
                                  "att_events_per_client", "se", "ci_low", "ci_high", "band_low", "band_high", "band_critical_value",
                                  "bootstrap_draws", "suppressed"])
        let n = { (k: Int) -> TidyCSV.Cell in k > 0 && k < minimumCell ? .missing : .int(k) }
        for s in r.eventStudies {
            for p in s.study.points {
                let e = p.effect
                let suppressed = e.map { $0.treated < minimumCell || $0.comparison < minimumCell } ?? false
                var cells: [TidyCSV.Cell] = [.text(s.source.rawValue), .int(p.eventTime), .int(r.anticipationMonths), .flag(p.isReference),
                                             e.map { .int($0.cohorts) } ?? .missing, e.map { n($0.treated) } ?? .missing,
                                             e.map { n($0.comparison) } ?? .missing]
                if p.isReference {
                    cells += [.number(0), .missing, .missing, .missing, .missing, .missing]
                } else if suppressed || e == nil {
                    cells += Array(repeating: .missing, count: 6)
                } else {
                    let ci = e?.confidenceInterval(level: s.study.level), band = s.study.uniformInterval(p)
                    cells += [.optional(e?.estimate), .optional(e?.standardError), .optional(ci?.lower), .optional(ci?.upper),
                              .optional(band?.lower), .optional(band?.upper)]
                }
                cells += [.optional(s.study.uniformCriticalValue), .int(s.study.draws), .flag(suppressed)]
                t.append(cells)
            }
        }
        return t.text
    }
}
