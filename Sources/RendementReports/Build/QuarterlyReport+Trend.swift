import RendementAnalysis
import RendementCore

extension QuarterlyReport {
    /// The eight quarters up to the report's quarter.
    var recentQuarters: [Quarter] { (0..<8).map { quarter.adding($0 - 7) } }

    /// The effect over time: the rate ratio of the clients who entered in the
    /// four quarters up to each quarter (a rolling year), as a table and a
    /// chart; quarters with too few sets are gaps.
    func addEffectOverTime(to doc: inout ReportDocument) {
        let settings = inputs.results.settings
        let window = settings.windows.contains(2) ? 2 : settings.windows[0]
        var display: [[String]] = [], csv: [[String]] = []
        var points: [(x: Double, y: Double)] = [], band: [(x: Double, low: Double, high: Double)] = []
        for (i, q) in recentQuarters.enumerated() {
            let row = inputs.stored.effects(Scope(.veiligheidshuisVierKwartalen, house, quarter: q))
                .first { $0.ageBand == "all" && $0.source == .bvh && $0.windowMonths == window }
            let n = row?.estimate?.summary.sets ?? 0
            if let row, let e = row.estimate, !row.suppressed, let rr = e.rateRatio {
                display.append([q.description, tables.count(n), "\(style.decimal(rr)) (\(tables.interval(e.rateRatioCI, digits: 2)))",
                                e.pRateRatio.map(tables.pCell) ?? "–", tables.credibilityCell(row.credibility)])
                csv.append([q.description, String(n), "\(rr)", tables.csvNumber(e.rateRatioCI?.lower), tables.csvNumber(e.rateRatioCI?.upper),
                             tables.csvNumber(e.pRateRatio), String(row.credibility.credible), "bvh", String(window)])
                points.append((Double(i), rr))
                if let ci = e.rateRatioCI { band.append((Double(i), ci.lower, ci.upper)) }
            } else {
                let shown = !(row?.suppressed ?? false)
                display.append([q.description, tables.count(n, shown: shown), "–", "–", "–"])
                csv.append([q.description, tables.csvCount(n, shown: shown), "", "", "", "", "", "bvh", String(window)])
                points.append((Double(i), .nan))
                band.append((Double(i), .nan, .nan))
            }
        }
        doc.heading(text.t("Het effect door de tijd", "The effect over time"))
        guard points.contains(where: { $0.y.isFinite }) else {
            doc.paragraph(text.t("Per voortschrijdend jaar (de vier kwartalen tot en met een kwartaal) zijn er nog te weinig cliënten met een controlepersoon (minder dan \(inputs.minimumCell)) om het effect door de tijd te tonen; het effect over alle cliënten tot nu toe staat hierboven.",
                                 "Per rolling year (the four quarters up to a quarter) there are still too few clients with a control person (fewer than \(inputs.minimumCell)) to show the effect over time; the effect over all clients so far is given above."))
            return
        }
        doc.table(ReportTable(
            name: "effect-over-time",
            caption: text.t("Rate ratio van politiecontacten (\(text.months(window)) na instroom) van de cliënten die in de vier kwartalen tot en met elk kwartaal instroomden (een voortschrijdend jaar). Onder 1: sterkere daling dan bij vergelijkbare personen.",
                            "Rate ratio of police contacts (\(text.months(window)) after intake) of the clients with intake in the four quarters up to each quarter (a rolling year). Below 1: a larger drop than among comparable people."),
            header: [text.t("Kwartaal", "Quarter"), text.t("Sets", "Sets"), text.t("Rate ratio (95%-BI)", "Rate ratio (95% CI)"),
                     text.t("p (rate ratio)", "p (rate ratio)"), text.t("Controles op de vergelijking", "Checks on the comparison")],
            rows: display,
            csvHeader: ["quarter", "n_sets", "rate_ratio", "rate_ratio_ci_low", "rate_ratio_ci_high", "p_rate_ratio", "credible", "source", "window_months"], csvRows: csv))
        guard points.filter({ $0.y.isFinite }).count >= 2 else { return }
        let labels = Dictionary(uniqueKeysWithValues: recentQuarters.enumerated().map { (Double($0.offset), $0.element.description) })
        doc.chart("effect-over-time", LineChart(
            title: text.t("Rate ratio per voortschrijdend jaar", "Rate ratio per rolling year"),
            xLabel: text.t("Laatste kwartaal van het jaar van instroom", "Last quarter of the intake year"),
            yLabel: text.t("Rate ratio (1 = geen verschil)", "Rate ratio (1 = no difference)"),
            series: [.init(name: text.t("Rate ratio", "Rate ratio"), points: points, band: band)],
            xTickLabels: labels, language: language, logarithmic: true).svg(),
            caption: text.t("Rate ratio met 95%-band, op een logaritmische as (0,5 en 2 liggen even ver van 1; de stippellijn is 1: geen verschil); een onderbreking is een kwartaal met te weinig cliënten om te tonen.",
                            "Rate ratio with 95% band, on a logarithmic axis (0.5 and 2 lie equally far from 1; the dashed line is 1: no difference); a break is a quarter with too few clients to show."))
    }
}
