import RendementAnalysis
import RendementCore

extension QuarterlyReport {
    /// Before and after intake: the cohorts' tables, the age bands, the event
    /// study, survival, and what the numbers can show.
    func addEffects(to doc: inout ReportDocument) {
        let m = inputs.minimumCell
        doc.heading(text.t("Vóór en na instroom", "Before and after intake"))
        let first = quarter.adding(-3)
        let cohorts: [(Scope.Kind, String, String)] = [
            (.veiligheidshuisKwartaal, "effects-quarter", text.t("Cliënten met instroom in \(quarter)", "Clients with intake in \(quarter)")),
            (.veiligheidshuisVierKwartalen, "effects-rolling-year", text.t("Cliënten met instroom in \(first)–\(quarter)", "Clients with intake in \(first)–\(quarter)")),
            (.veiligheidshuis, "effects-to-date", text.t("Alle cliënten van \(name) tot nu toe", "All clients of \(name) so far")),
        ]
        for (kind, tableName, label) in cohorts {
            doc.table(tables.beforeAfter(rows(kind), name: tableName,
                                         caption: label + text.t(": gemiddeld aantal gebeurtenissen per persoon in de maanden vóór en na instroom, en het verschil met de controlegroep (per venster alleen wie lang genoeg gevolgd kon worden).",
                                                                 ": mean events per person in the months before and after intake, and the difference with the control group (per window only those who could be followed long enough).")))
        }
        doc.table(tables.ageBands(rows(.veiligheidshuis), source: .bvh, windows: [1, 12].filter(inputs.results.settings.windows.contains), name: "age-bands",
                                  caption: text.t("Politiecontacten naar leeftijd bij instroom (alle cliënten tot nu toe); p gecorrigeerd voor meerdere leeftijdsgroepen (Holm).",
                                                  "Police contacts by age at intake (all clients so far); p adjusted for several age bands (Holm).")))
        TwoComparisonsSection(inputs: inputs, language: language, scope: Scope(.veiligheidshuis, house)).add(to: &doc, level: 3)
        addEventStudy(to: &doc)
        if let s = inputs.stored.survival(of: house), let summary = s.summary(.bvh), summary.clients >= m, summary.controls >= m {
            addSurvival(s, summary, to: &doc, text: text, style: style, tables: tables)
        }
        if let power = tables.power(Self.primary(rows(.veiligheidshuis))) { doc.paragraph(power) }
    }

    /// The event study of the house's police contacts, with the anticipation months shaded.
    func addEventStudy(to doc: inout ReportDocument) {
        let events = inputs.stored.eventStudy(of: house).filter { $0.source == .bvh && $0.sets >= inputs.minimumCell }
        guard !events.isEmpty else { return }
        func series(_ g: EventStudy.Group, _ name: String) -> LineChart.Series {
            let pts = events.filter { $0.group == g }
            return .init(name: name, points: pts.map { (Double($0.month), $0.mean) },
                         band: pts.compactMap { p in p.ci.map { (Double(p.month), $0.lower, $0.upper) } })
        }
        doc.chart("event-study", LineChart(title: text.t("Politiecontacten per maand rond de instroom", "Police contacts per month around intake"),
                                           xLabel: text.t("Maanden vóór (−) en na (+) instroom", "Months before (−) and after (+) intake"),
                                           yLabel: text.t("Gemiddeld per persoon", "Mean per person"),
                                           series: [series(.clients, text.t("Cliënten", "Clients")), series(.controls, text.t("Controlegroep", "Control group"))],
                                           verticalMarker: (0, text.t("instroom", "intake")),
                                           shadedRange: anticipationShade(), language: language).svg(),
                  caption: text.t("Gemiddeld aantal politiecontacten (BVH, verdachte of betrokkene) per kalendermaand, met 95%-betrouwbaarheidsband; alleen sets die 24 maanden vóór en 12 maanden na instroom gevolgd konden worden (\(tables.count(events.first?.sets ?? 0)) sets). Het gearceerde deel zijn de maanden vlak vóór instroom die niet als gewoon niveau meetellen (anticipatie: vaak een crisis die tot de aanmelding leidde).",
                                  "Mean police contacts (BVH, suspect or involved) per calendar month with a 95% confidence band; only sets that could be followed 24 months before and 12 months after intake (\(tables.count(events.first?.sets ?? 0)) sets). The shaded months just before intake do not count as the usual level (anticipation: often a crisis that led to the referral)."))
    }

    /// The anticipation months on the event-study chart (months -M...0), nil when M = 0.
    func anticipationShade() -> (from: Double, to: Double, label: String)? {
        let m = inputs.results.settings.anticipationMonths
        return m > 0 ? (Double(-m) - 0.5, 0, text.t("anticipatie", "anticipation")) : nil
    }
}
