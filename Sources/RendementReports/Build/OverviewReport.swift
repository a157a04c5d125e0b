import Foundation
import RendementAnalysis
import RendementCore
import RendementStats

/// The national overview: every Veiligheidshuis side by side (clients,
/// matched, coverage, effect per window with CI), a forest plot with the
/// pooled effect, the regions side by side, and whether the return grows
/// with the age of the Veiligheidshuis.
public struct OverviewReport {
    let inputs: ReportInputs
    let language: ReportLanguage
    /// Links to the quarterly reports: house -> relative path of its latest report.
    let links: [String: String]

    public init(inputs: ReportInputs, language: ReportLanguage, links: [String: String]) {
        self.inputs = inputs
        self.language = language
        self.links = links
    }

    public func document() -> ReportDocument {
        let text = ReportText(language: language)
        let style = NumberStyle(language)
        let m = inputs.minimumCell
        let tables = EffectTables(language: language, minimumCell: m)
        let results = inputs.results
        var doc = ReportDocument(title: text.t("Rendement van de Veiligheidshuizen – overzicht", "Return of the Veiligheidshuizen – overview"),
                                 language: language)
        doc.paragraph(text.t("Dit overzicht vergelijkt politiecontacten en verdenkingen van cliënten vóór en na instroom in een casusoverleg van het Veiligheidshuis met die van vergelijkbare personen die alleen strafrechtelijk zijn aangepakt.",
                             "This overview compares police contacts and suspected offences of clients before and after intake in a Veiligheidshuis case meeting with those of comparable people handled by criminal justice alone."))
        let all = results.effects.filter { $0.scope == .all }
        if let row = all.first(where: { $0.ageBand == "all" && $0.source == .bvh && $0.windowMonths == 2 }) ?? all.first(where: { $0.ageBand == "all" }) {
            doc.paragraph("**" + text.t("Landelijk.", "Nationally.") + "** " + Headline(language: language, minimumCell: m).sentence(row, anticipationMonths: results.settings.anticipationMonths))
        }
        doc.table(tables.beforeAfter(all, name: "effects-national", caption: text.t("Alle cliënten: gemiddeld aantal gebeurtenissen per persoon vóór en na instroom, en het verschil met de controlegroep.",
                                                                                     "All clients: mean events per person before and after intake, and the difference with the control group.")))
        TwoComparisonsSection(inputs: inputs, language: language, scope: .all).add(to: &doc, level: 3)
        addMatchingRounds(to: &doc, text: text, style: style)
        addBalance(to: &doc, text: text, style: style)
        addSensitivity(to: &doc, text: text, tables: tables)

        // Veiligheidshuizen side by side.
        doc.heading(text.t("De Veiligheidshuizen naast elkaar", "The Veiligheidshuizen side by side"))
        let windows = results.settings.windows
        var display: [[String]] = [], csv: [[String]] = [], together: [[String]] = [], togetherCSV: [[String]] = []
        let cooperation = CooperationColumns(results: inputs.stored.cooperation, minimumCell: m, text: text, style: style)
        for house in inputs.registry.map(\.name) {
            let clients = inputs.matching.clients(of: house)
            let sets = inputs.stored.sets(house: house)
            let published = inputs.plan.mayPublishCohort(house: house)
            let cov = inputs.matching.coverage(of: house)
            let coverage = cov.map { $0.clients >= m ? style.percent(Double($0.found) / Double($0.clients)) : "–" } ?? "–"
            let name = links[house].map { doc.link(house, to: $0) } ?? ReportMarkup.literal(house)
            var row = [name, tables.count(clients, shown: published), tables.count(sets, shown: published), published ? coverage : "–"]
            let shown = EffectTables.sideBySideWindows(windows)
            var csvRow = [house, tables.csvCount(clients, shown: published), tables.csvCount(sets, shown: published),
                          cov.map { published && $0.clients >= m ? "\(Double($0.found) / Double($0.clients))" : "" } ?? ""]
            for w in windows {
                let r = results.effects.first { $0.scope == Scope(.veiligheidshuis, house) && $0.ageBand == "all" && $0.source == .bvh && $0.windowMonths == w }
                if let r, let e = r.estimate, !r.suppressed, let rr = e.rateRatio {
                    if shown.contains(w) { row.append("\(style.decimal(rr)) (\(tables.interval(e.rateRatioCI, digits: 2)))") }
                    csvRow += ["\(rr)", tables.csvNumber(e.rateRatioCI?.lower), tables.csvNumber(e.rateRatioCI?.upper)]
                } else {
                    if shown.contains(w) { row.append("–") }
                    csvRow += ["", "", ""]
                }
            }
            let cells = cooperation.cells(house)
            display.append(row)
            csv.append(csvRow + [inputs.registry.first { $0.name == house }?.regio ?? "", links[house] ?? ""])
            together.append([ReportMarkup.literal(house)] + cells.display)
            togetherCSV.append([house] + cells.csv)
        }
        doc.table(ReportTable(name: "veiligheidshuizen",
                              caption: text.t("Per Veiligheidshuis: cliënten in de analyse, gekoppeld, dekking in de politiegegevens, en de rate ratio van politiecontacten (cliënten t.o.v. controles, na/vóór) met 95%-BI, op korte en lange termijn (alle vensters staan in de CSV); onder 1 = sterkere daling bij cliënten; – : minder dan \(m) personen.",
                                              "Per Veiligheidshuis: clients in the analysis, matched, coverage in the police data, and the rate ratio of police contacts (clients versus controls, after/before) with 95% CI, short and long term (every window is in the CSV); below 1 = a larger drop among clients; – : fewer than \(m) persons."),
                              header: [text.t("Veiligheidshuis", "Veiligheidshuis"), text.t("Cliënten", "Clients"), text.t("Gekoppeld", "Matched"),
                                       text.t("Dekking", "Coverage")] + EffectTables.sideBySideWindows(windows).map { "RR \(text.months($0))" },
                              rows: display,
                              csvHeader: ["veiligheidshuis", "n_clients", "n_matched", "coverage"] + windows.flatMap { ["rate_ratio_\($0)m", "rate_ratio_\($0)m_ci_low", "rate_ratio_\($0)m_ci_high"] } + ["regio", "report"],
                              csvRows: csv))
        if inputs.stored.cooperation != nil {
            doc.table(ReportTable(name: "veiligheidshuizen-samenwerking",
                                  caption: text.t("De samenwerking per Veiligheidshuis over alle kwartalen: het deel van de aanmeldingen met een integraal plan van aanpak, de mediaan van het aantal dagen van instroom tot het plan, en de gemiddelde totaalscore op de Stappenmeter (met de schaal); – : minder dan \(m) personen of vragenlijsten.",
                                                  "The cooperation per Veiligheidshuis over all quarters: the share of registrations with an integral plan of approach, the median days from intake to the plan, and the mean Stappenmeter total score (with its scale); – : fewer than \(m) persons or questionnaires."),
                                  header: [text.t("Veiligheidshuis", "Veiligheidshuis")] + cooperation.header,
                                  rows: together, csvHeader: ["veiligheidshuis"] + CooperationColumns.csvHeader, csvRows: togetherCSV))
        }

        // Forest plot of the 2-month (or first) window on the rate-ratio scale.
        let window = windows.contains(2) ? 2 : windows[0]
        if let comparison = results.comparison.first(where: { $0.source == .bvh && $0.windowMonths == window && $0.measure == .logRateRatio }),
           comparison.entries.count >= 2 {
            var rows = comparison.entries.map { e in
                ForestPlot.Row(label: e.veiligheidshuis, estimate: exp(e.effect), low: exp(e.confidenceInterval.lower), high: exp(e.confidenceInterval.upper))
            }
            if let p = comparison.pooled {
                let ci = p.randomEffects.confidenceInterval.map(exp)
                rows.append(.init(label: text.t("Gepoold (random effects)", "Pooled (random effects)"), estimate: exp(p.randomEffects.estimate),
                                  low: ci.lower, high: ci.upper, pooled: true))
            }
            doc.chart("forest", ForestPlot(title: text.t("Rate ratio politiecontacten, \(text.months(window)) na instroom", "Rate ratio of police contacts, \(text.months(window)) after intake"),
                                           xLabel: text.t("Rate ratio (cliënten t.o.v. controles; < 1 = sterkere daling)", "Rate ratio (clients versus controls; < 1 = larger drop)"),
                                           rows: rows, nullValue: 1, language: language).svg(),
                      caption: text.t("Per Veiligheidshuis (met minstens \(m) sets) de rate ratio met 95%-BI, en het gepoolde effect (DerSimonian-Laird).",
                                      "Per Veiligheidshuis (with at least \(m) sets) the rate ratio with 95% CI, and the pooled effect (DerSimonian-Laird)."))
            if let p = comparison.pooled {
                doc.paragraph(text.t("Gepoold: rate ratio \(style.decimal(exp(p.randomEffects.estimate))) (95%-BI \(style.decimal(exp(p.randomEffects.confidenceInterval.lower))) – \(style.decimal(exp(p.randomEffects.confidenceInterval.upper)))); verschillen tussen Veiligheidshuizen: I² = \(style.percent(p.iSquared)), tau² = \(style.decimal(p.tauSquared, digits: 4)), Cochran's Q \(style.pValue(p.qPValue)). (Het gepoolde effect is het gemiddelde van alle Veiligheidshuizen samen, grote huizen wegen zwaarder; I² en tau² zeggen hoeveel de huizen onderling echt verschillen: I² = 0% betekent niet meer dan toeval, en Cochran's Q toetst of er verschil is.)",
                                     "Pooled: rate ratio \(style.decimal(exp(p.randomEffects.estimate))) (95% CI \(style.decimal(exp(p.randomEffects.confidenceInterval.lower))) – \(style.decimal(exp(p.randomEffects.confidenceInterval.upper)))); differences between Veiligheidshuizen: I² = \(style.percent(p.iSquared)), tau² = \(style.decimal(p.tauSquared, digits: 4)), Cochran's Q \(style.pValue(p.qPValue)). (The pooled effect is the average of all Veiligheidshuizen together, larger houses weighing more; I² and tau² say how much the houses really differ: I² = 0% means no more than chance, and Cochran's Q tests whether there is a difference.)"))
            }
            doc.heading(text.t("Groeit het rendement met de leeftijd van het Veiligheidshuis?", "Does the return grow with the age of the Veiligheidshuis?"), level: 3)
            if let mr = comparison.maturity {
                let s = mr.slope
                let perYear = exp(s.estimate)
                let significant = s.pValue < 0.05
                doc.paragraph(text.t("Per jaar dat een Veiligheidshuis langer bestaat, verandert de rate ratio met een factor \(style.decimal(perYear, digits: 3)) (95%-BI \(style.decimal(exp(s.confidenceInterval.lower), digits: 3)) – \(style.decimal(exp(s.confidenceInterval.upper), digits: 3)), \(style.pValue(s.pValue))). " + (significant ? "Dit verband is statistisch significant." : "Er is geen aantoonbaar verband: de gegevens laten (nog) niet zien dat het effect groeit naarmate een Veiligheidshuis langer bestaat."),
                                     "For every year a Veiligheidshuis has existed longer, the rate ratio changes by a factor \(style.decimal(perYear, digits: 3)) (95% CI \(style.decimal(exp(s.confidenceInterval.lower), digits: 3)) – \(style.decimal(exp(s.confidenceInterval.upper), digits: 3)), \(style.pValue(s.pValue))). " + (significant ? "This association is statistically significant." : "There is no demonstrable association: the data do not (yet) show that the effect grows as a Veiligheidshuis matures.")))
            } else {
                doc.paragraph(text.t("Te weinig Veiligheidshuizen met genoeg cliënten om dit te toetsen.", "Too few Veiligheidshuizen with enough clients to test this."))
            }
        }

        addRegions(to: &doc, text: text, style: style, tables: tables, window: window)
        Glossary.add(to: &doc, language: language)
        doc.heading(text.t("Methode en kanttekeningen", "Method and caveats"))
        for p in text.methodParagraphs { doc.paragraph(p) }
        ProvenanceSection(inputs: inputs, language: language).add(to: &doc)
        return doc
    }

    /// Balance of all clients and their controls, with what an imbalance means.
    func addBalance(to doc: inout ReportDocument, text: ReportText, style: NumberStyle) {
        let rows = inputs.matching.balance.filter { $0.scopeType == "all" }
        guard !rows.isEmpty else { return }
        doc.table(BalanceSection.table(rows, minimumCell: inputs.minimumCell, text: text, style: style))
        if let guidance = BalanceSection.guidance(rows, minimumCell: inputs.minimumCell, text: text) { doc.paragraph(guidance) }
    }

    /// How many clients each round of staged matching matched.
    func addMatchingRounds(to doc: inout ReportDocument, text: ReportText, style: NumberStyle) {
        let clients = inputs.matching.clients
        guard clients > 0 else { return }
        var byRound: [Int: Int] = [:]
        for t in inputs.stored.setTallies { byRound[t.round, default: 0] += t.sets }
        let matched = inputs.stored.sets()
        let m = inputs.minimumCell
        let parts = byRound.keys.sorted().map { r -> String in
            let n = byRound[r]!
            let share = n >= m ? style.percent(Double(n) / Double(clients)) : "<\(m)"
            return r == 1 ? text.t("\(share) onder de strikte regels", "\(share) under the strict rules")
                          : text.t("\(share) in ronde \(r)", "\(share) in round \(r)")
        }
        doc.paragraph(text.t("**Koppelen.** Van de \(style.count(clients)) cliënten kreeg \(style.percent(Double(matched) / Double(clients))) een controlepersoon: \(parts.joined(separator: ", ")). Latere rondes laten de instroommaand tot drie maanden afwijken en daarna de leeftijdsgroep los; ze tellen alleen mee zolang de groepen vergelijkbaar blijven (|SMD| ≤ 0,1).",
                             "**Matching.** Of the \(style.count(clients)) clients, \(style.percent(Double(matched) / Double(clients))) got a control person: \(parts.joined(separator: ", ")). Later rounds let the intake month differ by up to three months and then drop the age group; they count only while the groups stay comparable (|SMD| ≤ 0.1)."))
    }

    /// The headline estimate for anticipation windows 0...6: a table and a chart.
    func addSensitivity(to doc: inout ReportDocument, text: ReportText, tables: EffectTables) {
        let settings = inputs.results.settings
        let window = settings.windows.contains(2) ? 2 : settings.windows[0]
        let rows = inputs.results.sensitivity.filter { $0.source == .bvh && $0.windowMonths == window }
        guard !rows.isEmpty else { return }
        doc.heading(text.t("Hangt de uitkomst af van de anticipatieperiode?", "Does the result depend on the anticipation period?"), level: 3)
        doc.table(tables.sensitivity(rows, chosen: settings.anticipationMonths, name: "anticipation-sensitivity",
                                     caption: text.t("Rate ratio van politiecontacten (\(text.months(window)) na instroom, alle cliënten) als de vergelijkingsperiode vóór instroom 0 tot 6 maanden eerder eindigt. Schuift de uitkomst naar 1 naarmate de periode eerder eindigt, dan kwam de daling bij een korte anticipatieperiode vooral door de crisis vóór instroom.",
                                                     "Rate ratio of police contacts (\(text.months(window)) after intake, all clients) when the comparison period before intake ends 0 to 6 months earlier. If the result moves towards 1 as the period ends earlier, the drop at a short anticipation period came mainly from the crisis before intake.")))
        let m = inputs.minimumCell
        let shown = rows.filter { ($0.estimate?.summary.sets ?? 0) >= m && $0.estimate?.rateRatio != nil }
        guard shown.count >= 2 else { return }
        let series = LineChart.Series(name: text.t("Rate ratio", "Rate ratio"),
                                      points: shown.map { (Double($0.anticipationMonths), $0.estimate!.rateRatio!) },
                                      band: shown.compactMap { r in r.estimate!.rateRatioCI.map { (Double(r.anticipationMonths), $0.lower, $0.upper) } })
        doc.chart("anticipation-sensitivity",
                  LineChart(title: text.t("Rate ratio bij een andere anticipatieperiode", "Rate ratio by anticipation period"),
                            xLabel: text.t("Anticipatieperiode (maanden vóór instroom)", "Anticipation period (months before intake)"),
                            yLabel: text.t("Rate ratio (1 = geen verschil)", "Rate ratio (1 = no difference)"), series: [series],
                            verticalMarker: (Double(settings.anticipationMonths), text.t("gekozen", "chosen")), language: language,
                            logarithmic: true).svg(),
                  caption: text.t("Rate ratio met 95%-band per anticipatieperiode, op een logaritmische as (de horizontale stippellijn is 1: geen verschil); de verticale stippellijn is de gekozen periode.",
                                  "Rate ratio with 95% band per anticipation period, on a logarithmic axis (the horizontal dashed line is 1: no difference); the vertical dashed line is the chosen period."))
    }

    /// The regions side by side: the rate ratio of police contacts per window
    /// (a table), and for the headline window a forest plot on a log axis.
    func addRegions(to doc: inout ReportDocument, text: ReportText, style: NumberStyle, tables: EffectTables, window: Int) {
        let windows = inputs.results.settings.windows
        doc.heading(text.t("Regio's naast elkaar", "Regions side by side"))
        let regions = Array(Set(inputs.stored.effects.filter { $0.scope.kind == .regio }.map(\.scope.name))).sorted()
        func row(_ region: String, _ w: Int) -> EffectRow? {
            inputs.stored.effects.first { $0.scope == Scope(.regio, region) && $0.ageBand == "all" && $0.source == .bvh && $0.windowMonths == w }
        }
        var display: [[String]] = [], csv: [[String]] = [], forest: [ForestPlot.Row] = []
        for region in regions {
            let n = row(region, window)?.estimate?.summary.sets ?? 0, shown = !(row(region, window)?.suppressed ?? false)
            var cells = [ReportMarkup.literal(region), tables.count(n, shown: shown)], csvCells = [region, tables.csvCount(n, shown: shown)]
            for w in windows {
                if let r = row(region, w), let e = r.estimate, !r.suppressed, let rr = e.rateRatio {
                    if EffectTables.sideBySideWindows(windows).contains(w) { cells.append("\(style.decimal(rr)) (\(tables.interval(e.rateRatioCI, digits: 2)))") }
                    csvCells += ["\(rr)", tables.csvNumber(e.rateRatioCI?.lower), tables.csvNumber(e.rateRatioCI?.upper)]
                    if w == window, let ci = e.rateRatioCI { forest.append(.init(label: region, estimate: rr, low: ci.lower, high: ci.upper)) }
                } else {
                    if EffectTables.sideBySideWindows(windows).contains(w) { cells.append("–") }
                    csvCells += ["", "", ""]
                }
            }
            display.append(cells)
            csv.append(csvCells + [String(window)])
        }
        doc.table(ReportTable(name: "regions",
                              caption: text.t("Per regio: de rate ratio van politiecontacten (cliënten t.o.v. controles, na/vóór) met 95%-BI, op korte en lange termijn (alle vensters staan in de CSV); onder 1 = sterkere daling bij cliënten. Sets: het aantal gekoppelde sets in het venster van \(text.months(window)).",
                                              "Per region: the rate ratio of police contacts (clients versus controls, after/before) with 95% CI, short and long term (every window is in the CSV); below 1 = a larger drop among clients. Sets: the number of matched sets in the \(text.months(window)) window."),
                              header: [text.t("Regio", "Region"), text.t("Sets", "Sets")] + EffectTables.sideBySideWindows(windows).map { "RR \(text.months($0))" },
                              rows: display,
                              csvHeader: ["regio", "n_sets"] + windows.flatMap { ["rate_ratio_\($0)m", "rate_ratio_\($0)m_ci_low", "rate_ratio_\($0)m_ci_high"] } + ["window_months"],
                              csvRows: csv))
        guard forest.count >= 2 else { return }
        doc.chart("regions", ForestPlot(title: text.t("Rate ratio politiecontacten per regio, \(text.months(window)) na instroom", "Rate ratio of police contacts per region, \(text.months(window)) after intake"),
                                        xLabel: text.t("Rate ratio (cliënten t.o.v. controles; < 1 = sterkere daling)", "Rate ratio (clients versus controls; < 1 = larger drop)"),
                                        rows: forest, nullValue: 1, language: language).svg(),
                  caption: text.t("Per regio (met minstens \(inputs.minimumCell) sets) de rate ratio met 95%-BI, op een logaritmische as: 0,5 en 2 liggen even ver van 1.",
                                  "Per region (with at least \(inputs.minimumCell) sets) the rate ratio with 95% CI, on a logarithmic axis: 0.5 and 2 lie equally far from 1."))
    }
}
