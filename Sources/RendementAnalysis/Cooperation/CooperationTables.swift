import RendementCore

/// The tidy CSVs of the cooperation results (data-schema/outputs.md). A
/// cell resting on fewer than `minimumCell` persons (indicators) or
/// questionnaires (Stappenmeter) keeps its identifying columns and
/// `suppressed=true`; its small counts and every figure are left empty. In a
/// published indicator row, a count of a subgroup below the threshold
/// (registrations with a plan, repeats, plans before intake) is left empty
/// too; its share (over at least the threshold of persons) is given.
public enum CooperationTables {
    /// `all` for the total over Veiligheidshuizen, groups or quarters.
    static func label(_ s: String?) -> TidyCSV.Cell { .text(s ?? "all") }
    static func label(_ q: Quarter?) -> TidyCSV.Cell { .text(q?.description ?? "all") }

    /// `cooperation_indicators.csv`: one row per Veiligheidshuis, target group and intake quarter or rolling year.
    public static func indicators(_ r: CooperationIndicators, minimumCell m: Int) -> String {
        var t = TidyCSV(columns: ["veiligheidshuis", "doelgroep", "period", "kwartaal", "registrations", "persons", "with_plan", "plan_share",
                                  "repeats", "repeat_share", "plan_days_n", "plan_days_persons", "plan_days_q1", "plan_days_median",
                                  "plan_days_q3", "plan_before_intake", "partners_n", "partners_persons", "partners_mean",
                                  "partners_median", "suppressed"])
        for c in r.cells {
            let hidden = !c.showsCounts(m)
            var row: [TidyCSV.Cell] = [label(c.veiligheidshuis), label(c.doelgroep),
                                       .text(c.quarter == nil ? "all" : c.rollingYear ? "rolling_year" : "quarter"), label(c.quarter)]
            if hidden {
                row += Array(repeating: .missing, count: 16) + [.flag(true)]
                t.append(row)
                continue
            }
            // A count of a subgroup (with a plan, repeats, plans before intake) is about people too: empty when 1 to m - 1.
            let small = { (k: Int) -> TidyCSV.Cell in k > 0 && k < m ? .missing : .int(k) }
            // A share is a count too (share x registrations): hidden with its count (CooperationDisclosure).
            row += [.int(c.registrations), .int(c.persons)]
            row += c.showsPlan(m) ? [small(c.withPlan), .number(c.planShare)] : [.missing, .missing]
            row += c.showsRepeats(m) ? [small(c.repeats), .number(c.repeatShare)] : [.missing, .missing]
            row += spread(c.planDays, m, figures: { [.number($0.q1), .number($0.median), .number($0.q3)] })
            row.append(c.hidden?.planBeforeIntake == true ? .missing : small(c.planBeforeIntake))
            row += spread(c.partners, m, figures: { [.number($0.mean), .number($0.median)] })
            row.append(.flag(false))
            t.append(row)
        }
        return t.text
    }

    /// n, persons and figures of a spread; empty below the threshold.
    static func spread(_ s: CooperationIndicators.Spread?, _ m: Int, figures: (CooperationIndicators.Spread) -> [TidyCSV.Cell]) -> [TidyCSV.Cell] {
        guard let s else { return [.int(0), .int(0)] + figures(CooperationIndicators.Spread(n: 0, persons: 0, mean: .nan, q1: .nan, median: .nan, q3: .nan)).map { _ in .missing } }
        if s.persons < m { return [.missing, .missing] + figures(s).map { _ in .missing } }
        return [.int(s.n), .int(s.persons)] + figures(s)
    }

    /// `stappenmeter_scores.csv`: one row per instrument, Veiligheidshuis, casusoverleg, quarter and step (or `total`).
    public static func scores(_ r: [CooperationResults.InstrumentScores], minimumCell m: Int) -> String {
        var t = TidyCSV(columns: ["instrument", "version", "veiligheidshuis", "casusoverleg", "kwartaal", "step", "n", "mean", "sd",
                                  "ci_low", "ci_high", "q1", "median", "q3", "suppressed"])
        for i in r {
            for c in i.scores.cells {
                var row: [TidyCSV.Cell] = [.text(i.instrument.instrument), .int(i.instrument.version), label(c.veiligheidshuis),
                                           label(c.casusoverleg), label(c.quarter), .text(c.step ?? "total")]
                if c.n < m {
                    row += Array(repeating: .missing, count: 8) + [.flag(true)]
                } else {
                    row += [.int(c.n), .optional(c.mean), .optional(c.standardDeviation), .optional(c.ci?.lower), .optional(c.ci?.upper),
                            .optional(c.q1), .optional(c.median), .optional(c.q3), .flag(false)]
                }
                t.append(row)
            }
        }
        return t.text
    }

    /// `stappenmeter_distribution.csv`: questionnaires per point of the scale, for each published step cell.
    public static func distribution(_ r: [CooperationResults.InstrumentScores], minimumCell m: Int) -> String {
        var t = TidyCSV(columns: ["instrument", "version", "veiligheidshuis", "casusoverleg", "kwartaal", "step", "score", "n"])
        for i in r {
            for c in i.scores.cells where c.n >= m {
                guard let d = c.distribution, let step = c.step else { continue }
                for (k, n) in d.enumerated() {
                    t.append([.text(i.instrument.instrument), .int(i.instrument.version), label(c.veiligheidshuis), label(c.casusoverleg),
                              label(c.quarter), .text(step), .int(i.instrument.scale.min + k), .int(n)])
                }
            }
        }
        return t.text
    }

    /// `stappenmeter_trend.csv`: the slope per quarter for each Veiligheidshuis (and all) and step (and the total).
    public static func trends(_ r: [CooperationResults.InstrumentScores], minimumCell m: Int) -> String {
        var t = TidyCSV(columns: ["instrument", "version", "veiligheidshuis", "step", "n", "quarters", "first_quarter", "last_quarter",
                                  "slope_per_quarter", "ci_low", "ci_high", "p_value", "reason", "suppressed"])
        for i in r {
            for x in i.trends {
                var row: [TidyCSV.Cell] = [.text(i.instrument.instrument), .int(i.instrument.version), label(x.veiligheidshuis), .text(x.step ?? "total")]
                if x.n < m {
                    row += [.missing, .int(x.quarters), .text(x.firstQuarter.description), .text(x.lastQuarter.description),
                            .missing, .missing, .missing, .missing, .text("suppressed"), .flag(true)]
                } else {
                    row += [.int(x.n), .int(x.quarters), .text(x.firstQuarter.description), .text(x.lastQuarter.description),
                            .optional(x.slopePerQuarter), .optional(x.ci?.lower), .optional(x.ci?.upper), .optional(x.pValue),
                            x.reason.map { .text($0) } ?? .missing, .flag(false)]
                }
                t.append(row)
            }
        }
        return t.text
    }

    /// `stappenmeter_association.csv`: the exploratory ecological association, one row per instrument
    /// (`row=fit`) followed by its points (`row=point`, one per Veiligheidshuis and quarter).
    public static func association(_ r: [CooperationResults.InstrumentScores]) -> String {
        var t = TidyCSV(columns: ["instrument", "version", "row", "source", "window_months", "veiligheidshuis", "kwartaal", "mean_score",
                                  "questionnaires", "did", "clients", "n_points", "slope", "ci_low", "ci_high", "p_value", "pearson_r", "reason"])
        for i in r {
            let a = i.association
            let head: [TidyCSV.Cell] = [.text(i.instrument.instrument), .int(i.instrument.version)]
            t.append(head + [.text("fit"), .text(a.source), .int(a.windowMonths), .missing, .missing, .missing, .missing, .missing, .missing,
                             .int(a.points.count), .optional(a.slope), .optional(a.ci?.lower), .optional(a.ci?.upper), .optional(a.pValue),
                             .optional(a.pearsonR), a.reason.map { .text($0) } ?? .missing])
            for p in a.points {
                t.append(head + [.text("point"), .text(a.source), .int(a.windowMonths), .text(p.veiligheidshuis), .text(p.quarter.description),
                                 .number(p.meanScore), .int(p.questionnaires), .number(p.did), .int(p.clients),
                                 .missing, .missing, .missing, .missing, .missing, .missing, .missing])
            }
        }
        return t.text
    }
}
