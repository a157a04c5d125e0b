import RendementAnalysis
import RendementCohorts
import RendementCore

extension QuarterlyReport {
    /// Clients and control group: clients per quarter (table and chart), who
    /// was matched or not and why, coverage, and the balance.
    func addCohort(to doc: inout ReportDocument) {
        let m = inputs.minimumCell
        doc.heading(text.t("Cliënten en controlegroep", "Clients and control group"))
        addClientsPerQuarter(to: &doc)
        var facts: [String] = []
        let shown = inputs.plan.mayPublishCohort(house: house)
        let clients = tables.count(inputs.matching.clients(of: house), shown: shown), matched = tables.count(inputs.stored.sets(house: house), shown: shown)
        facts.append(text.t("Cliënten in de analyse (alle kwartalen): \(clients); gekoppeld aan een controlepersoon: \(matched).",
                            "Clients in the analysis (all quarters): \(clients); matched to a control person: \(matched)."))
        for u in inputs.matching.unmatched where u.veiligheidshuis == house {
            facts.append(text.t("Niet gekoppeld, \(Self.reasonText(u.reason.rawValue, text)): \(tables.count(u.clients))",
                                "Not matched, \(Self.reasonText(u.reason.rawValue, text)): \(tables.count(u.clients))"))
        }
        if let c = inputs.matching.coverage(of: house), c.clients > 0, shown {
            let share = c.clients >= m ? style.percent(Double(c.found) / Double(c.clients)) : "–"
            facts.append(text.t("Dekking: \(share) van de cliënten komt voor in de politiegegevens (\(tables.count(c.found)) van \(tables.count(c.clients))).",
                                "Coverage: \(share) of clients appear in the police data (\(tables.count(c.found)) of \(tables.count(c.clients)))."))
        }
        doc.bullets(facts)
        addBalance(to: &doc)
    }

    /// Clients with a plan per intake quarter and how many were matched; suppressed quarters are gaps in the chart.
    func addClientsPerQuarter(to doc: inout ReportDocument) {
        let m = inputs.minimumCell
        var display: [[String]] = [], csv: [[String]] = [], points: [(x: Double, y: Double)] = []
        for (i, q) in recentQuarters.enumerated() {
            let clients = inputs.matching.clients(of: house, in: q), matched = inputs.stored.sets(house: house, quarter: q)
            let shown = inputs.plan.mayPublishCohort(house: house, quarter: q)
            display.append([q.description, tables.count(clients, shown: shown), tables.count(matched, shown: shown)])
            csv.append([q.description, tables.csvCount(clients, shown: shown), tables.csvCount(matched, shown: shown)])
            points.append((Double(i), shown && clients >= m ? Double(clients) : .nan))
        }
        doc.table(ReportTable(name: "clients-per-quarter",
                              caption: text.t("Cliënten met een plan van aanpak per kwartaal van instroom (eerste instroom per persoon) en het aantal met een vergelijkbare controlepersoon.",
                                              "Clients with a plan of approach per intake quarter (first intake per person) and the number with a comparable control person."),
                              header: [text.t("Kwartaal", "Quarter"), text.t("Cliënten", "Clients"), text.t("Gekoppeld", "Matched")],
                              rows: display, csvHeader: ["quarter", "n_clients", "n_matched"], csvRows: csv))
        guard points.filter({ $0.y.isFinite }).count >= 2 else { return }
        let labels = Dictionary(uniqueKeysWithValues: recentQuarters.enumerated().map { (Double($0.offset), $0.element.description) })
        doc.chart("clients-per-quarter", LineChart(title: text.t("Instroom per kwartaal", "Intake per quarter"),
                                                   xLabel: text.t("Kwartaal van instroom", "Intake quarter"), yLabel: text.t("Cliënten", "Clients"),
                                                   series: [.init(name: text.t("Cliënten", "Clients"), points: points)],
                                                   xTickLabels: labels, language: language).svg(),
                  caption: text.t("Aantal cliënten per kwartaal van instroom; kwartalen met minder dan \(m) cliënten zijn weggelaten (de lijn is daar onderbroken).",
                                  "Number of clients per intake quarter; quarters with fewer than \(m) clients are left out (the line is broken there)."))
    }

    /// The house's balance table, what an imbalance means, and the love plot.
    func addBalance(to doc: inout ReportDocument) {
        let m = inputs.minimumCell
        let rows = inputs.matching.balance.filter { $0.scopeType == "veiligheidshuis" && $0.scope == house }
        doc.table(BalanceSection.table(rows, minimumCell: m, text: text, style: style))
        if let guidance = BalanceSection.guidance(rows, minimumCell: m, text: text) { doc.paragraph(guidance) }
        guard !rows.isEmpty, rows.allSatisfy({ $0.clientsAfter >= m }) else { return }
        doc.chart("balance", LovePlot(title: text.t("Vergelijkbaarheid vóór en na koppelen", "Balance before and after matching"),
                                      xLabel: text.t("Absoluut gestandaardiseerd verschil (|SMD|)", "Absolute standardised mean difference (|SMD|)"),
                                      legend: (text.t("vóór koppelen", "before matching"), text.t("na koppelen", "after matching")),
                                      rows: rows.map { .init(covariate: BalanceSection.covariateName($0.covariate, text), before: $0.before?.smd ?? .nan,
                                                             after: $0.after?.smd ?? .nan) },
                                      language: language).svg(),
                  caption: text.t("Gestandaardiseerd verschil tussen cliënten en controles per kenmerk (SD van de cliënten); onder de stippellijn (0,1) gelden groepen als vergelijkbaar.",
                                  "Standardised difference between clients and controls per covariate (clients' SD); below the dashed line (0.1) groups count as comparable."))
    }
}
