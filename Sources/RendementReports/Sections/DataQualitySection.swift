import Foundation
import RendementCore
import RendementStore
import RendementCohorts

/// The data-quality part of a report: what was imported, what was rejected
/// and why, the observation periods, and who could not be used.
struct DataQualitySection {
    let inputs: ReportInputs
    let language: ReportLanguage
    var audit: ReportSetAudit.Report? = nil

    func add(to doc: inout ReportDocument) {
        let text = ReportText(language: language)
        let style = NumberStyle(language)
        doc.heading(text.t("Datakwaliteit", "Data quality"))
        var display: [[String]] = [], csv: [[String]] = []
        for i in inputs.runImports {
            let period = [i.periodFrom, i.periodTo].compactMap { $0?.iso }.joined(separator: " – ")
            display.append([ReportMarkup.literal(i.fileName), i.kind.rawValue, style.count(i.rowsRead), style.count(i.rowsImported), style.count(i.duplicates),
                            style.count(i.rejected), period.isEmpty ? "–" : period])
            csv.append([i.fileName, i.kind.rawValue, String(i.rowsRead), String(i.rowsImported), String(i.duplicates), String(i.rejected),
                        i.periodFrom?.iso ?? "", i.periodTo?.iso ?? ""])
        }
        doc.table(ReportTable(name: "imports", caption: text.t("Ingelezen bestanden: rijen gelezen, ingelezen, dubbel (één keer geteld), afgekeurd, en de observatieperiode.",
                                                               "Imported files: rows read, imported, duplicate (counted once), rejected, and the observation period."),
                              header: [text.t("Bestand", "File"), text.t("Soort", "Kind"), text.t("Gelezen", "Read"), text.t("Ingelezen", "Imported"),
                                       text.t("Dubbel", "Duplicate"), text.t("Afgekeurd", "Rejected"), text.t("Periode", "Period")],
                              rows: display,
                              csvHeader: ["file", "kind", "rows_read", "rows_imported", "duplicates", "rejected", "period_from", "period_to"],
                              csvRows: csv))
        var reasons: [String: Int] = [:], unreadable: [String] = []
        for i in inputs.runImports {
            // The import log's counts per reason; a log that cannot be read is named, never left out in silence.
            guard let counts = try? JSONDecoder().decode([String: Int].self, from: Data(i.rejectedByReason.utf8)) else {
                unreadable.append(i.fileName)
                continue
            }
            for (k, v) in counts { reasons[k, default: 0] += v }
        }
        if !unreadable.isEmpty {
            let names = ReportMarkup.literal(unreadable.joined(separator: ", "))
            doc.bullets([text.t("Afgekeurd per reden: het importlogboek van \(names) is niet leesbaar (beschadigde store); lees het bestand opnieuw in.",
                                "Rejected by reason: the import log of \(names) cannot be read (damaged store); import the file again.")])
        }
        if !reasons.isEmpty {
            doc.bullets(reasons.sorted { $0.key < $1.key }.map { k, v in
                let explanation = ReportMarkup.literal(RejectionReason(rawValue: k)?.explanation ?? k)
                let code = ReportMarkup.literal(k)
                return text.t("Afgekeurd, \(code) (\(explanation)): \(style.count(v))", "Rejected, \(code) (\(explanation)): \(style.count(v))")
            })
        }
        var missingDisplay: [[String]] = [], missingCSV: [[String]] = []
        for f in inputs.missingFields where f.total > 0 {
            let share = Double(f.missing) / Double(f.total)
            missingDisplay.append(["\(f.table).\(f.column)", style.count(f.missing, threshold: inputs.minimumCell),
                                   style.count(f.total, threshold: inputs.minimumCell),
                                   f.missing > 0 && f.missing < inputs.minimumCell ? "–" : style.percent(share, digits: 1)])
            missingCSV.append([f.table, f.column, f.missing > 0 && f.missing < inputs.minimumCell ? "" : String(f.missing),
                               f.total < inputs.minimumCell ? "" : String(f.total),
                               f.missing > 0 && f.missing < inputs.minimumCell ? "" : "\(share)"])
        }
        doc.table(ReportTable(name: "missing-fields",
                              caption: text.t("Ontbrekende waarden in velden die niet verplicht zijn (registraties worden daarom niet afgekeurd).",
                                              "Missing values in optional fields (rows are not rejected for these)."),
                              header: [text.t("Veld", "Field"), text.t("Ontbreekt", "Missing"), text.t("Rijen", "Rows"), text.t("Aandeel", "Share")],
                              rows: missingDisplay, csvHeader: ["table", "column", "n_missing", "n_rows", "share_missing"], csvRows: missingCSV))
        let cohort = inputs.matching
        var left: [String] = [text.t("Registraties: \(style.count(cohort.registrations)); later registraties van dezelfde cliënt samengevoegd: \(style.count(cohort.foldedRegistrations)).",
                                     "Registrations: \(style.count(cohort.registrations)); later registrations of the same client folded: \(style.count(cohort.foldedRegistrations)).")]
        for (code, n) in cohort.excluded.sorted(by: { $0.key < $1.key }) {
            guard let reason = ClientCohort.Exclusion(rawValue: code) else { continue }
            left.append(text.t("Niet in de analyse, \(Self.exclusionText(reason, text)): \(style.count(n, threshold: inputs.minimumCell))",
                               "Not in the analysis, \(Self.exclusionText(reason, text)): \(style.count(n, threshold: inputs.minimumCell))"))
        }
        doc.bullets(left)
        addAudit(to: &doc, text: text, style: style)
    }

    /// The disclosure audit's result: what it checked and every finding (a
    /// set with findings is never released, so a published page lists none).
    func addAudit(to doc: inout ReportDocument, text: ReportText, style: NumberStyle) {
        guard let audit else { return }
        let m = inputs.minimumCell
        var lines = [text.t("**Controle op onthulling.** Voordat deze rapportenset werd uitgegeven, is nagerekend wat een lezer uit alle gepubliceerde aantallen samen kan afleiden (\(style.count(audit.publishedCounts)) getoonde en \(style.count(audit.hiddenCounts)) verborgen aantallen, \(style.count(audit.relations)) verbanden zoals totaal = som van de delen; lineair programmeren). Regel: geen verborgen aantal is nauwkeuriger af te leiden dan tot een bereik van \(m). " + (audit.passed ? "Bevindingen: geen." : "Bevindingen:"),
                             "**Disclosure check.** Before this report set was released, what a reader can derive from all published counts together was worked out (\(style.count(audit.publishedCounts)) shown and \(style.count(audit.hiddenCounts)) hidden counts, \(style.count(audit.relations)) relations such as total = sum of the parts; linear programming). Rule: no hidden count can be derived more precisely than to a range of \(m). " + (audit.passed ? "Findings: none." : "Findings:"))]
        lines += audit.lines.map { ReportMarkup.literal($0) }
        doc.bullets(lines)
    }

    static func exclusionText(_ reason: ClientCohort.Exclusion, _ text: ReportText) -> String {
        switch reason {
        case .noPlan: text.t("geen plan van aanpak", "no plan of approach")
        case .noBirthDate: text.t("geen geboortedatum", "no birth date")
        case .outsidePeriod: text.t("instroom buiten de observatieperiode", "intake outside the observation period")
        case .noPoliceRecord: text.t("niet gevonden in de politiegegevens", "not found in the police data")
        case .tooYoung: text.t("jonger dan 12 bij instroom", "younger than 12 at intake")
        }
    }
}
