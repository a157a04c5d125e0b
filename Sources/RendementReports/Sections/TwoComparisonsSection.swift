import RendementAnalysis
import RendementCore
import RendementStats

/// "Twee vergelijkingen": the matched-control estimate and the not-yet-treated
/// estimate (clients against clients who had not entered yet) side by side,
/// per source and window, with a plain sentence on whether they agree
/// (`DesignAgreement`). Rendered from the stored rows; absent when the run
/// did not make the second comparison.
struct TwoComparisonsSection {
    let inputs: ReportInputs
    let language: ReportLanguage
    /// The scope compared: all clients or one Veiligheidshuis.
    let scope: Scope

    var text: ReportText { ReportText(language: language) }
    var style: NumberStyle { NumberStyle(language) }
    var tables: EffectTables { EffectTables(language: language, minimumCell: inputs.minimumCell) }

    func add(to doc: inout ReportDocument, level: Int = 2) {
        guard let staggered = inputs.stored.staggered else { return }
        doc.heading(text.t("Twee vergelijkingen", "Two comparisons"), level: level)
        doc.paragraph(text.t("De cijfers hierboven vergelijken cliënten met vergelijkbare personen die nooit in een Veiligheidshuis zijn besproken. Die hebben gemiddeld minder complexe problemen, en koppelen op politiehistorie haalt dat verschil niet helemaal weg. Daarom staat hieronder een tweede vergelijking: cliënten met cliënten die later instroomden, zolang die nog niet waren ingestroomd. Dat zijn dezelfde soort mensen; tot hun instroom laten zij zien hoe het zonder Veiligheidshuis gaat (Callaway & Sant'Anna, 2021).",
                             "The figures above compare clients with comparable people who were never discussed in a Veiligheidshuis. These have less complex problems on average, and matching on police history does not remove that difference entirely. So below is a second comparison: clients against clients who entered later, as long as they had not entered yet. They are the same kind of people; until their intake they show what happens without the Veiligheidshuis (Callaway & Sant'Anna, 2021)."))
        let window = inputs.results.settings.windows.contains(2) ? 2 : inputs.results.settings.windows[0]
        let agreement = DesignAgreement.compare(matched: matchedRow(.bvh, window), staggered: staggered.row(scope, source: .bvh, months: window))
        doc.paragraph(sentence(agreement, window: window))
        doc.table(table(staggered))
        if scope == .all { addEventStudy(staggered, to: &doc) }
        if let p = staggered.row(scope, source: .bvh, months: window)?.preTrend, staggered.row(scope, source: .bvh, months: window)?.reason == nil {
            doc.paragraph(p.pValue < 0.05
                ? text.t("**Let op:** in het jaar vóór instroom (buiten de anticipatiemaanden) bewogen cliënten en later instromende cliënten niet gelijk op (\(style.pValue(p.pValue))); ook de tweede vergelijking is dan met voorzichtigheid te lezen.",
                         "**Note:** in the year before intake (outside the anticipation months) clients and clients entering later did not move in parallel (\(style.pValue(p.pValue))); the second comparison, too, should then be read with caution.")
                : text.t("In het jaar vóór instroom (buiten de anticipatiemaanden) bewogen cliënten en later instromende cliënten gelijk op (toets op gelijke trends: \(style.pValue(p.pValue))).",
                         "In the year before intake (outside the anticipation months) clients and clients entering later moved in parallel (test of parallel trends: \(style.pValue(p.pValue)))."))
        }
    }

    func matchedRow(_ source: OutcomeSource, _ w: Int) -> EffectRow? {
        inputs.stored.effects.first { $0.scope == scope && $0.ageBand == "all" && $0.source == source && $0.windowMonths == w }
    }

    /// Whether the two agree for the headline window, in plain words.
    func sentence(_ a: DesignAgreement, window: Int) -> String {
        let what = text.t("politiecontacten per cliënt in \(text.months(window))", "police contacts per client in \(text.months(window))")
        switch a.verdict {
        case .agree:
            return text.t("**De twee vergelijkingen komen overeen** (\(what)): met gekoppelde controles \(signed(a.matched!)), met later instromende cliënten \(signed(a.staggered!)); het verschil tussen beide is niet groter dan toeval kan verklaren.",
                          "**The two comparisons agree** (\(what)): with matched controls \(signed(a.matched!)), with clients entering later \(signed(a.staggered!)); the difference between them is no larger than chance explains.")
        case .differ:
            return text.t("**De twee vergelijkingen verschillen** (\(what)): met gekoppelde controles \(signed(a.matched!)), met later instromende cliënten \(signed(a.staggered!)). Het verschil is groter dan toeval kan verklaren: de uitkomst hangt af van de vergelijkingsgroep en is met voorzichtigheid te lezen.",
                          "**The two comparisons differ** (\(what)): with matched controls \(signed(a.matched!)), with clients entering later \(signed(a.staggered!)). The difference is larger than chance explains: the result depends on the comparison group and should be read with caution.")
        case .notComparable:
            return text.t("De twee vergelijkingen zijn voor \(what) niet naast elkaar te zetten: een van beide heeft te weinig cliënten of te weinig volgtijd.",
                          "The two comparisons cannot be set side by side for \(what): one of them has too few clients or too little follow-up.")
        }
    }

    /// "+0,12", "-0,30" or "0,00" (never "-0,00").
    func signed(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == 0 ? style.decimal(0) : (r > 0 ? "+" : "") + style.decimal(x)
    }

    /// Per source and window: both estimates (extra events per client, 95% CI) and whether they agree.
    func table(_ staggered: StaggeredResults) -> ReportTable {
        var display: [[String]] = [], csv: [[String]] = []
        for source in OutcomeSource.allCases {
            for w in inputs.results.settings.windows {
                let m = matchedRow(source, w), s = staggered.row(scope, source: source, months: w)
                let a = DesignAgreement.compare(matched: m, staggered: s)
                let label = "\(source == .bvh ? "BVH" : "HKS") \(text.months(w))"
                let mShown = m.flatMap { r in r.suppressed ? nil : r.estimate }
                let sShown = s.flatMap { r in r.reason == nil ? r.effect : nil }
                let verdict = switch a.verdict {
                case .agree: text.t("ja", "yes")
                case .differ: text.t("nee", "no")
                case .notComparable: "–"
                }
                // A hidden group (DisclosurePlan) shows its hidden mark, never its count.
                display.append([label, tables.count(m?.estimate?.summary.sets ?? 0, shown: !(m?.suppressed ?? false)),
                                mShown.map { "\(signed($0.summary.did)) (\(tables.interval($0.didCI, digits: 2)))" } ?? "–",
                                tables.count(sShown?.treated ?? s?.clients ?? 0, shown: !(s?.suppressed ?? false)),
                                sShown.map { "\(signed($0.estimate)) (\(tables.interval($0.confidenceInterval(), digits: 2)))" } ?? "–", verdict])
                csv.append([source.rawValue, String(w), tables.csvCount(mShown?.summary.sets ?? 0), tables.csvNumber(mShown?.summary.did),
                            tables.csvNumber(mShown?.didCI?.lower), tables.csvNumber(mShown?.didCI?.upper), tables.csvCount(sShown?.treated ?? 0),
                            tables.csvCount(sShown?.comparison ?? 0), tables.csvNumber(sShown?.estimate),
                            tables.csvNumber(sShown?.confidenceInterval().lower), tables.csvNumber(sShown?.confidenceInterval().upper),
                            a.verdict.rawValue])
            }
        }
        let m = inputs.results.settings.anticipationMonths
        return ReportTable(
            name: scope == .all ? "two-comparisons" : "two-comparisons-house",
            caption: text.t("Extra gebeurtenissen per cliënt na instroom (negatief: minder) volgens twee vergelijkingen, met 95%-BI. Gekoppelde controles: het verschil-in-verschillen in de maanden na instroom tegenover evenveel maanden vóór de anticipatieperiode. Later instromende cliënten: de hele kalendermaanden na de maand van instroom tegenover hun gemiddelde in het jaar vóór de \(m) anticipatiemaanden (de anticipatiemaanden en de maand van instroom tellen niet mee), vergeleken met cliënten die toen nog niet waren ingestroomd. Overeen: het verschil tussen beide is niet groter dan toeval kan verklaren.",
                            "Extra events per client after intake (negative: fewer) by two comparisons, with 95% CI. Matched controls: the difference-in-differences in the months after intake against as many months before the anticipation period. Clients entering later: the whole calendar months after the month of intake against their mean in the year before the \(m) anticipation months (the anticipation months and the month of intake do not count), compared with clients who had not entered yet. Agree: the difference between the two is no larger than chance explains."),
            header: [text.t("Bron en venster", "Source and window"), text.t("Sets", "Sets"), text.t("Gekoppelde controles (95%-BI)", "Matched controls (95% CI)"),
                     text.t("Cliënten", "Clients"), text.t("Later instromende cliënten (95%-BI)", "Clients entering later (95% CI)"),
                     text.t("Overeen?", "Agree?")],
            rows: display,
            csvHeader: ["source", "window_months", "n_sets", "matched_did", "matched_ci_low", "matched_ci_high", "n_clients", "n_comparison",
                        "staggered_att", "staggered_ci_low", "staggered_ci_high", "agreement"],
            csvRows: csv)
    }

    /// The event-time curve of police contacts against clients not yet entered, with its uniform band.
    func addEventStudy(_ staggered: StaggeredResults, to doc: inout ReportDocument) {
        guard let study = staggered.eventStudy(.bvh) else { return }
        let m = inputs.minimumCell
        let shown = study.points.filter { p in p.isReference || (p.effect.map { $0.treated >= m && $0.comparison >= m } ?? false) }
        guard shown.filter({ !$0.isReference }).count >= 2 else { return }
        let series = LineChart.Series(name: text.t("Verschil met later instromende cliënten", "Difference with clients entering later"),
                                      points: shown.map { (Double($0.eventTime), $0.effect?.estimate ?? 0) },
                                      band: shown.compactMap { p in study.uniformInterval(p).map { (Double(p.eventTime), $0.lower, $0.upper) } })
        let a = staggered.anticipationMonths
        doc.chart("staggered-event-study",
                  LineChart(title: text.t("Politiecontacten rond de instroom, tegenover later instromende cliënten", "Police contacts around intake, against clients entering later"),
                            xLabel: text.t("Maanden vanaf de maand van instroom (0)", "Months from the month of intake (0)"),
                            yLabel: text.t("Extra contacten per cliënt per maand", "Extra contacts per client per month"),
                            series: [series], verticalMarker: (0, text.t("instroom", "intake")),
                            shadedRange: (Double(-a) - 0.5, 0.5, text.t("telt niet mee", "not counted")), language: language).svg(),
                  caption: text.t("Per maand het verschil in politiecontacten (BVH) tussen cliënten en cliënten die toen nog niet waren ingestroomd, ten opzichte van het gemiddelde van het jaar vóór de anticipatiemaanden (maand −\(a + 12) tot en met −\(a + 1)), met een 95%-band die voor alle maanden tegelijk geldt (\(style.count(study.draws)) bootstrap-trekkingen). Vóór instroom hoort de lijn rond 0 te liggen; het gearceerde deel (de \(a) anticipatiemaanden en de maand van instroom) telt in geen venster mee.",
                                  "Per month the difference in police contacts (BVH) between clients and clients who had not entered yet, relative to the mean of the year before the anticipation months (months −\(a + 12) to −\(a + 1)), with a 95% band that holds for all months at once (\(style.count(study.draws)) bootstrap draws). Before intake the line should lie around 0; the shaded part (the \(a) anticipation months and the month of intake) counts in no window."))
    }
}
