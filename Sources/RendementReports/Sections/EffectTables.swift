import RendementAnalysis
import RendementCore
import RendementStats

/// Tables of before/after effects, formatted for the reader (display cells)
/// and machine-readable (CSV cells), with suppression applied to both.
struct EffectTables {
    let text: ReportText
    let style: NumberStyle
    let minimumCell: Int

    init(language: ReportLanguage, minimumCell: Int) {
        text = ReportText(language: language)
        style = NumberStyle(language)
        self.minimumCell = minimumCell
    }

    func count(_ n: Int) -> String { style.count(n, threshold: minimumCell) }
    func csvCount(_ n: Int) -> String { n > 0 && n < minimumCell ? "" : String(n) }

    /// A count of a population that disclosure control may hide
    /// (`DisclosurePlan`): the hidden mark when it is hidden, whether for its
    /// own small count or to protect another (a reader cannot tell which).
    func count(_ n: Int, shown: Bool) -> String { shown ? count(n) : NumberStyle.hidden }
    /// The same for a CSV cell: empty when hidden.
    func csvCount(_ n: Int, shown: Bool) -> String { shown ? csvCount(n) : "" }
    func csvNumber(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : "" } ?? "" }

    /// A p-value for a table cell: "0,003" or "< 0,001".
    func pCell(_ p: Double) -> String {
        guard p.isFinite else { return "–" }
        return p < 0.001 ? "<" + NumberStyle.nbsp + style.decimal(0.001, digits: 3) : style.decimal(p, digits: p < 0.1 ? 3 : 2)
    }

    /// "0,34 – 0,98", with non-breaking spaces: an interval never breaks over two lines.
    func interval(_ ci: (low: Double, high: Double)?, digits: Int) -> String {
        guard let ci else { return "–" }
        return "\(style.decimal(ci.low, digits: digits))\(NumberStyle.nbsp)–\(NumberStyle.nbsp)\(style.decimal(ci.high, digits: digits))"
    }

    /// The windows the side-by-side tables show: the short and the long term
    /// (2 and 12 months, when analysed), so the table fits a printed page;
    /// every window is in the table's CSV.
    static func sideBySideWindows(_ windows: [Int]) -> [Int] {
        let chosen = windows.filter { [2, 12].contains($0) }
        return chosen.isEmpty ? Array(windows.prefix(2)) : chosen
    }

    func interval(_ ci: ConfidenceInterval?, digits: Int) -> String {
        interval(ci.map { (low: $0.lower, high: $0.upper) }, digits: digits)
    }

    /// One row per source and window: n, clients and controls before -> after,
    /// did (CI), the rate ratio (CI) with its p -- the test the headline uses
    /// -- and whether the comparison passed its checks (`Credibility`).
    func beforeAfter(_ rows: [EffectRow], name: String, caption: String) -> ReportTable {
        let header = [text.t("Bron en venster", "Source and window"), text.t("Sets", "Sets"),
                      text.t("Cliënten voor → na", "Clients before → after"), text.t("Controles voor → na", "Controls before → after"),
                      text.t("Verschil-in-verschillen (95%-BI)", "Difference-in-differences (95% CI)"),
                      text.t("Rate ratio (95%-BI)", "Rate ratio (95% CI)"), text.t("p (rate ratio)", "p (rate ratio)"),
                      text.t("Controles op de vergelijking", "Checks on the comparison")]
        var display: [[String]] = [], csv: [[String]] = []
        for r in rows where r.ageBand == "all" {
            let label = "\(r.source == .bvh ? "BVH" : "HKS") \(text.months(r.windowMonths))"
            let n = r.estimate?.summary.sets ?? 0
            guard let e = r.estimate, !r.suppressed else {
                display.append([label, count(n, shown: !r.suppressed), "–", "–", "–", "–", "–", "–"])
                csv.append([r.source.rawValue, String(r.windowMonths), csvCount(n, shown: !r.suppressed)] + Array(repeating: "", count: 12) + ["\(r.suppressed)", "", ""])
                continue
            }
            let s = e.summary
            display.append([label, count(n),
                            "\(style.decimal(s.clientsBeforeMean)) → \(style.decimal(s.clientsAfterMean))",
                            "\(style.decimal(s.controlsBeforeMean)) → \(style.decimal(s.controlsAfterMean))",
                            "\(style.decimal(s.did)) (\(interval(e.didCI, digits: 2)))",
                            e.rateRatio.map { "\(style.decimal($0)) (\(interval(e.rateRatioCI, digits: 2)))" } ?? "–",
                            e.pRateRatio.map(pCell) ?? "–",
                            credibilityCell(r.credibility)])
            csv.append([r.source.rawValue, String(r.windowMonths), String(n), "\(s.clientsBeforeMean)", "\(s.clientsAfterMean)",
                        "\(s.controlsBeforeMean)", "\(s.controlsAfterMean)", "\(s.did)", csvNumber(e.didCI?.lower), csvNumber(e.didCI?.upper),
                        csvNumber(e.pValue), csvNumber(e.rateRatio), csvNumber(e.rateRatioCI?.lower), csvNumber(e.rateRatioCI?.upper),
                        csvNumber(e.pRateRatio), "false", String(r.credibility.credible), r.credibility.code])
        }
        return ReportTable(name: name, caption: caption, header: header, rows: display,
                           csvHeader: ["source", "window_months", "n_sets", "clients_before_mean", "clients_after_mean",
                                       "controls_before_mean", "controls_after_mean", "did", "did_ci_low", "did_ci_high", "p_value",
                                       "rate_ratio", "rate_ratio_ci_low", "rate_ratio_ci_high", "p_rate_ratio", "suppressed",
                                       "credible", "credibility_reason"],
                           csvRows: csv)
    }

    /// "in orde", or what failed, in a few words.
    func credibilityCell(_ c: Credibility) -> String {
        guard !c.credible else { return text.t("in orde", "passed") }
        return c.concerns.map { concern -> String in
            switch concern {
            case .preTrendFailed: text.t("geen parallelle trend vooraf", "no parallel trend before")
            case .placeboFailed: text.t("placebo vindt effect", "placebo finds an effect")
            case .preTrendUnavailable: text.t("trend vooraf niet te toetsen", "trend before not testable")
            case .placeboUnavailable: text.t("placebo niet te toetsen", "placebo not testable")
            case .staggeredPreTrendFailed: text.t("geen parallelle trend met latere instromers", "no parallel trend with later entrants")
            }
        }.joined(separator: "; ")
    }

    /// The rate ratio of all clients for anticipation windows 0...6 months
    /// (`AnticipationSensitivity`), for one source and window.
    func sensitivity(_ rows: [AnticipationSensitivity.Row], chosen: Int, name: String, caption: String) -> ReportTable {
        let header = [text.t("Anticipatieperiode", "Anticipation period"), text.t("Sets", "Sets"),
                      text.t("Rate ratio (95%-BI)", "Rate ratio (95% CI)"), text.t("p (rate ratio)", "p (rate ratio)")]
        var display: [[String]] = [], csv: [[String]] = []
        for r in rows {
            let n = r.estimate?.summary.sets ?? 0
            let mark = r.anticipationMonths == chosen ? text.t(" (gekozen)", " (chosen)") : ""
            guard n >= minimumCell, let e = r.estimate, let rr = e.rateRatio else {
                display.append([text.months(r.anticipationMonths) + mark, count(n), "–", "–"])
                csv.append([r.source.rawValue, String(r.windowMonths), String(r.anticipationMonths), csvCount(n), "", "", "", ""])
                continue
            }
            display.append([text.months(r.anticipationMonths) + mark, count(n), "\(style.decimal(rr)) (\(interval(e.rateRatioCI, digits: 2)))",
                            e.pRateRatio.map(pCell) ?? "–"])
            csv.append([r.source.rawValue, String(r.windowMonths), String(r.anticipationMonths), String(n), "\(rr)",
                        csvNumber(e.rateRatioCI?.lower), csvNumber(e.rateRatioCI?.upper), csvNumber(e.pRateRatio)])
        }
        return ReportTable(name: name, caption: caption, header: header, rows: display,
                           csvHeader: ["source", "window_months", "anticipation_months", "n_sets", "rate_ratio", "rate_ratio_ci_low",
                                       "rate_ratio_ci_high", "p_rate_ratio"], csvRows: csv)
    }

    /// Age bands of one source for the given windows: n, did (CI), Holm-adjusted p.
    func ageBands(_ rows: [EffectRow], source: OutcomeSource, windows: [Int], name: String, caption: String) -> ReportTable {
        let header = [text.t("Leeftijd bij instroom", "Age at intake"), text.t("Venster", "Window"), text.t("Sets", "Sets"),
                      text.t("Verschil-in-verschillen (95%-BI)", "Difference-in-differences (95% CI)"),
                      text.t("p (Holm)", "p (Holm)"), text.t("Rate ratio", "Rate ratio")]
        var display: [[String]] = [], csv: [[String]] = []
        for r in rows where r.ageBand != "all" && r.source == source && windows.contains(r.windowMonths) {
            let n = r.estimate?.summary.sets ?? 0
            guard let e = r.estimate, !r.suppressed else {
                display.append([ReportMarkup.literal(r.ageBand), text.months(r.windowMonths), count(n, shown: !r.suppressed), "–", "–", "–"])
                csv.append([r.ageBand, String(r.windowMonths), csvCount(n, shown: !r.suppressed), "", "", "", "", "", "\(r.suppressed)"])
                continue
            }
            display.append([ReportMarkup.literal(r.ageBand), text.months(r.windowMonths), count(n),
                            "\(style.decimal(e.summary.did)) (\(interval(e.didCI, digits: 2)))",
                            r.pHolm.map(pCell) ?? "–",
                            e.rateRatio.map { style.decimal($0) } ?? "–"])
            csv.append([r.ageBand, String(r.windowMonths), String(n), "\(e.summary.did)", csvNumber(e.didCI?.lower), csvNumber(e.didCI?.upper),
                        csvNumber(r.pHolm), csvNumber(e.rateRatio), "false"])
        }
        return ReportTable(name: name, caption: caption, header: header, rows: display,
                           csvHeader: ["age_band", "window_months", "n_sets", "did", "did_ci_low", "did_ci_high", "p_holm", "rate_ratio", "suppressed"],
                           csvRows: csv)
    }

    /// What the cohort can detect: the smallest difference-in-differences
    /// with 80% power at alpha 0.05 (normal approximation, from the observed
    /// SD of the set-level differences), and the number of clients needed to
    /// detect a 20% drop from the clients' level before intake.
    func power(_ row: EffectRow?) -> String? {
        guard let row, let e = row.estimate, !row.suppressed, e.summary.differences.count >= 2 else { return nil }
        let d = e.summary.differences
        let sd = Descriptives.standardDeviation(d)
        guard sd > 0 else { return nil }
        let n = Double(d.count)
        let mde: Double, needed: Double
        do {
            mde = try NormalPower.minimumDetectableEffect(n: n) * sd
            let twenty = 0.2 * e.summary.clientsBeforeMean
            needed = twenty > 0 ? try NormalPower.requiredSampleSize(effectSize: twenty / sd).rounded(.up) : .infinity
        } catch {
            // n >= 2, sd > 0 and the default alpha and power always pass the library's checks.
            preconditionFailure("NormalPower refused valid arguments: \(error)")
        }
        let base = e.summary.clientsBeforeMean
        let window = text.months(row.windowMonths)
        let share: String
        if base <= 0 {
            share = ""
        } else if mde / base < 1 {
            share = " (\(style.percent(mde / base)) \(text.t("van het niveau vóór instroom", "of the level before intake")))"
        } else {
            share = text.t(" (meer dan het hele niveau vóór instroom: met dit aantal cliënten is alleen een heel groot verschil aan te tonen)",
                           " (more than the whole level before intake: with this number of clients only a very large difference can be shown)")
        }
        let neededText = needed.isFinite ? style.count(Int(needed)) : "–"
        return text.t(
            "**Wat deze cijfers kunnen laten zien.** Met \(style.count(d.count)) cliënten is over \(window) een verschil-in-verschillen van \(style.decimal(mde)) gebeurtenissen per persoon\(share) met 80% kans aan te tonen (alfa 0,05; normale benadering met de waargenomen spreiding). Om een daling van 20% aan te tonen zijn ongeveer \(neededText) cliënten nodig. Een niet-significante uitkomst betekent dus niet dat er geen effect is.",
            "**What these figures can show.** With \(style.count(d.count)) clients, a difference-in-differences of \(style.decimal(mde)) events per person over \(window)\(share) can be detected with 80% power (alpha 0.05; normal approximation with the observed spread). About \(neededText) clients would be needed to detect a 20% drop. A non-significant result therefore does not mean there is no effect.")
    }
}
