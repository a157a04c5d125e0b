import Foundation
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementStore

/// The quarterly rendement report of one Veiligheidshuis: headline, cohort
/// and matching, before/after effects with age bands, event study and
/// survival charts, what the numbers can and cannot show, data quality,
/// method and provenance.
public struct QuarterlyReport {
    let inputs: ReportInputs
    let house: String
    let quarter: Quarter
    let language: ReportLanguage

    public init(inputs: ReportInputs, house: String, quarter: Quarter, language: ReportLanguage) {
        self.inputs = inputs
        self.house = house
        self.quarter = quarter
        self.language = language
    }

    public func document() -> ReportDocument {
        let text = ReportText(language: language)
        let style = NumberStyle(language)
        let m = inputs.minimumCell
        let tables = EffectTables(language: language, minimumCell: m)
        let headline = Headline(language: language, minimumCell: m)
        let quarterSets = inputs.sets(house: house, quarter: quarter)
        let houseSets = inputs.sets(house: house)
        let quarterRows = inputs.effects(for: quarterSets)
        let houseRows = inputs.effects(for: houseSets)
        func primary(_ rows: [EffectRow]) -> EffectRow? {
            rows.first { $0.ageBand == "all" && $0.source == .bvh && $0.windowMonths == 2 }
                ?? rows.first { $0.ageBand == "all" && $0.source == .bvh }
        }
        // The house's name is data: it enters the report's text only as literal text.
        let name = ReportMarkup.literal(house)
        var doc = ReportDocument(title: text.t("Rendement \(name) – \(quarter)", "Return of \(name) – \(quarter)"), language: language)

        // 1. Headline.
        doc.heading(text.t("In het kort", "In brief"))
        if let row = primary(quarterRows) {
            doc.paragraph(text.t("**Cliënten die in \(quarter) instroomden.** ", "**Clients with intake in \(quarter).** ") + headline.sentence(row, anticipationMonths: inputs.results.settings.anticipationMonths))
        }
        if let row = primary(houseRows) {
            doc.paragraph(text.t("**Alle cliënten van \(name) tot nu toe.** ", "**All clients of \(name) so far.** ") + headline.sentence(row, anticipationMonths: inputs.results.settings.anticipationMonths))
        }

        // 2. Cohort and matching.
        doc.heading(text.t("Cliënten en controlegroep", "Clients and control group"))
        let cohortClients = inputs.population.cohort.clients.filter { $0.veiligheidshuis == house }
        let unmatched = inputs.unmatched.filter { $0.veiligheidshuis == house }
        let quarters = (0..<8).map { k -> Quarter in
            let total = quarter.year * 4 + quarter.quarter - 1 - (7 - k)
            return Quarter(year: total / 4, quarter: total % 4 + 1)
        }
        var trendDisplay: [[String]] = [], trendCSV: [[String]] = []
        var trendPoints: [(x: Double, y: Double)] = []
        for (i, q) in quarters.enumerated() {
            let clients = cohortClients.filter { Quarter(containing: $0.index) == q }.count
            let matched = inputs.sets(house: house, quarter: q).count
            trendDisplay.append([q.description, tables.count(clients), tables.count(matched)])
            trendCSV.append([q.description, tables.csvCount(clients), tables.csvCount(matched)])
            // A quarter under the threshold is a gap in the chart, not a point.
            trendPoints.append((Double(i), clients >= m ? Double(clients) : .nan))
        }
        doc.table(ReportTable(name: "clients-per-quarter",
                              caption: text.t("Cliënten met een plan van aanpak per kwartaal van instroom (eerste instroom per persoon) en het aantal met een vergelijkbare controlepersoon.",
                                              "Clients with a plan of approach per intake quarter (first intake per person) and the number with a comparable control person."),
                              header: [text.t("Kwartaal", "Quarter"), text.t("Cliënten", "Clients"), text.t("Gekoppeld", "Matched")],
                              rows: trendDisplay, csvHeader: ["quarter", "n_clients", "n_matched"], csvRows: trendCSV))
        if trendPoints.filter({ $0.y.isFinite }).count >= 2 {
            let labels = Dictionary(uniqueKeysWithValues: quarters.enumerated().map { (Double($0.offset), $0.element.description) })
            doc.chart("clients-per-quarter", LineChart(title: text.t("Instroom per kwartaal", "Intake per quarter"),
                                                       xLabel: text.t("Kwartaal van instroom", "Intake quarter"),
                                                       yLabel: text.t("Cliënten", "Clients"),
                                                       series: [.init(name: text.t("Cliënten", "Clients"), points: trendPoints)],
                                                       xTickLabels: labels, language: language).svg(),
                      caption: text.t("Aantal cliënten per kwartaal van instroom; kwartalen met minder dan \(m) cliënten zijn weggelaten (de lijn is daar onderbroken).",
                                      "Number of clients per intake quarter; quarters with fewer than \(m) clients are left out (the line is broken there)."))
        }
        let coverage = inputs.population.cohort.coverage[house]
        var facts: [String] = []
        facts.append(text.t("Cliënten in de analyse (alle kwartalen): \(tables.count(cohortClients.count)); gekoppeld aan een controlepersoon: \(tables.count(houseSets.count)).",
                            "Clients in the analysis (all quarters): \(tables.count(cohortClients.count)); matched to a control person: \(tables.count(houseSets.count))."))
        for (reason, n) in Dictionary(grouping: unmatched, by: \.reason).mapValues(\.count).sorted(by: { $0.key < $1.key }) {
            facts.append(text.t("Niet gekoppeld, \(Self.reasonText(reason, text)): \(tables.count(n))", "Not matched, \(Self.reasonText(reason, text)): \(tables.count(n))"))
        }
        if let c = coverage, c.clients > 0 {
            let share = c.clients >= m ? style.percent(Double(c.found) / Double(c.clients)) : "–"
            facts.append(text.t("Dekking: \(share) van de cliënten komt voor in de politiegegevens (\(tables.count(c.found)) van \(tables.count(c.clients))).",
                                "Coverage: \(share) of clients appear in the police data (\(tables.count(c.found)) of \(tables.count(c.clients)))."))
        }
        doc.bullets(facts)
        let balanceRows = inputs.balance.filter { $0.scopeType == "veiligheidshuis" && $0.scope == house }
        doc.table(BalanceSection.table(balanceRows, minimumCell: m, text: text, style: style))
        if let guidance = BalanceSection.guidance(balanceRows, minimumCell: m, text: text) { doc.paragraph(guidance) }
        if balanceRows.allSatisfy({ $0.clientsAfter >= m }), !balanceRows.isEmpty {
            doc.chart("balance", LovePlot(title: text.t("Vergelijkbaarheid vóór en na koppelen", "Balance before and after matching"),
                                          xLabel: text.t("Absoluut gestandaardiseerd verschil (|SMD|)", "Absolute standardised mean difference (|SMD|)"),
                                          legend: (text.t("vóór koppelen", "before matching"), text.t("na koppelen", "after matching")),
                                          rows: balanceRows.map { .init(covariate: BalanceSection.covariateName($0.covariate, text), before: $0.before?.smd ?? .nan, after: $0.after?.smd ?? .nan) },
                                          language: language).svg(),
                      caption: text.t("Gestandaardiseerd verschil tussen cliënten en controles per kenmerk (SD van de cliënten); onder de stippellijn (0,1) gelden groepen als vergelijkbaar.",
                                      "Standardised difference between clients and controls per covariate (clients' SD); below the dashed line (0.1) groups count as comparable."))
        }

        // 3. Effects.
        doc.heading(text.t("Vóór en na instroom", "Before and after intake"))
        doc.table(tables.beforeAfter(quarterRows, name: "effects-quarter",
                                     caption: text.t("Cliënten met instroom in \(quarter): gemiddeld aantal gebeurtenissen per persoon in de maanden vóór en na instroom, en het verschil met de controlegroep.",
                                                     "Clients with intake in \(quarter): mean events per person in the months before and after intake, and the difference with the control group.")))
        doc.table(tables.beforeAfter(houseRows, name: "effects-to-date",
                                     caption: text.t("Alle cliënten van \(name) tot nu toe (alleen wie lang genoeg gevolgd kon worden telt mee per venster).",
                                                     "All clients of \(name) so far (per window only those who could be followed long enough).")))
        doc.table(tables.ageBands(houseRows, source: .bvh, windows: [1, 12].filter(inputs.results.settings.windows.contains), name: "age-bands",
                                  caption: text.t("Politiecontacten naar leeftijd bij instroom (alle cliënten tot nu toe); p gecorrigeerd voor meerdere leeftijdsgroepen (Holm).",
                                                  "Police contacts by age at intake (all clients so far); p adjusted for several age bands (Holm).")))
        let counter = WindowCounter(periods: inputs.results.input.periods, design: inputs.results.settings.design)
        let events = EventStudy.estimate(houseSets, counter: counter).filter { $0.source == .bvh && $0.sets >= m }
        if !events.isEmpty {
            func series(_ g: EventStudy.Group, _ name: String) -> LineChart.Series {
                let pts = events.filter { $0.group == g }
                return .init(name: name, points: pts.map { (Double($0.month), $0.mean) },
                             band: pts.compactMap { p in p.ci.map { (Double(p.month), $0.low, $0.high) } })
            }
            doc.chart("event-study", LineChart(title: text.t("Politiecontacten per maand rond de instroom", "Police contacts per month around intake"),
                                               xLabel: text.t("Maanden vóór (−) en na (+) instroom", "Months before (−) and after (+) intake"),
                                               yLabel: text.t("Gemiddeld per persoon", "Mean per person"),
                                               series: [series(.clients, text.t("Cliënten", "Clients")), series(.controls, text.t("Controlegroep", "Control group"))],
                                               verticalMarker: (0, text.t("instroom", "intake")),
                                               shadedRange: anticipationShade(text), language: language).svg(),
                      caption: text.t("Gemiddeld aantal politiecontacten (BVH, verdachte of betrokkene) per kalendermaand, met 95%-betrouwbaarheidsband; alleen sets die 12 maanden vóór en na gevolgd konden worden. Het gearceerde deel zijn de maanden vlak vóór instroom die niet als gewoon niveau meetellen (anticipatie: vaak een crisis die tot de aanmelding leidde).",
                                      "Mean police contacts (BVH, suspect or involved) per calendar month with a 95% confidence band; only sets that could be followed 12 months before and after. The shaded months just before intake do not count as the usual level (anticipation: often a crisis that led to the referral)."))
        }
        let survival = TimeToFirstEvent(houseSets, counter: counter)
        let curves = survival.curves.filter { $0.source == .bvh }
        if curves.count == 2, let s = survival.summaries.first(where: { $0.source == .bvh }), s.clients >= m, s.controls >= m {
            addSurvival(curves, s, to: &doc, text: text, style: style, tables: tables)
        }
        if let power = tables.power(primary(houseRows)) { doc.paragraph(power) }

        // 4. Data quality, 5. method, 6. provenance.
        DataQualitySection(inputs: inputs, language: language).add(to: &doc)
        Glossary.add(to: &doc, language: language)
        doc.heading(text.t("Methode en kanttekeningen", "Method and caveats"))
        for p in text.methodParagraphs { doc.paragraph(p) }
        ProvenanceSection(inputs: inputs, language: language).add(to: &doc)
        return doc
    }

    /// The anticipation months on the event-study chart (months -M...0), nil when M = 0.
    func anticipationShade(_ text: ReportText) -> (from: Double, to: Double, label: String)? {
        let m = inputs.results.settings.anticipationMonths
        return m > 0 ? (Double(-m) - 0.5, 0, text.t("anticipatie", "anticipation")) : nil
    }

    static func reasonText(_ reason: String, _ text: ReportText) -> String {
        switch reason {
        case "no_candidate_in_stratum": text.t("geen kandidaat van hetzelfde geslacht, dezelfde leeftijdsgroep en instroommaand", "no candidate of the same sex, age band and intake month")
        case "outside_common_support": text.t("zwaarder of lichter dan elke kandidaat (buiten gemeenschappelijke steun)", "heavier or lighter than every candidate (outside common support)")
        case "no_candidate_within_caliper": text.t("geen kandidaat dichtbij genoeg (caliper)", "no candidate close enough (caliper)")
        case "candidates_used_up": text.t("alle passende kandidaten al gebruikt", "all suitable candidates already used")
        default: ReportMarkup.literal(reason)
        }
    }
}
