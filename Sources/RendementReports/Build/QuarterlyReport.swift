import Foundation
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementStore

/// The quarterly rendement report of one Veiligheidshuis, rendered from the
/// stored analysis run: in brief (the clients who entered this quarter, in
/// the last four quarters, this year, and so far, each with its own n), the
/// effect over time, the cohort and matching, before/after effects with age
/// bands, event study and survival charts, what the numbers can and cannot
/// show, the cooperation (indicators and Stappenmeter), data quality, glossary, method and provenance.
public struct QuarterlyReport {
    let inputs: ReportInputs
    let house: String
    let quarter: Quarter
    let language: ReportLanguage
    /// The disclosure audit of the report set the page belongs to, listed in the data-quality section (nil: not yet run).
    var audit: ReportSetAudit.Report?

    public init(inputs: ReportInputs, house: String, quarter: Quarter, language: ReportLanguage, audit: ReportSetAudit.Report? = nil) {
        self.inputs = inputs
        self.house = house
        self.quarter = quarter
        self.language = language
        self.audit = audit
    }

    var text: ReportText { ReportText(language: language) }
    var style: NumberStyle { NumberStyle(language) }
    var tables: EffectTables { EffectTables(language: language, minimumCell: inputs.minimumCell) }
    /// The house's name is data: it enters the report's text only as literal text.
    var name: String { ReportMarkup.literal(house) }

    /// The stored rows of one of this house's scopes.
    func rows(_ kind: Scope.Kind) -> [EffectRow] {
        kind == .veiligheidshuis ? inputs.stored.effects(Scope(.veiligheidshuis, house))
            : inputs.stored.effects(Scope(kind, house, quarter: quarter))
    }

    /// The row the headline is about: BVH, the 2-month window (or the first), all ages.
    static func primary(_ rows: [EffectRow]) -> EffectRow? {
        rows.first { $0.ageBand == "all" && $0.source == .bvh && $0.windowMonths == 2 }
            ?? rows.first { $0.ageBand == "all" && $0.source == .bvh }
    }

    public func document() -> ReportDocument {
        var doc = ReportDocument(title: text.t("Rendement \(name) – \(quarter)", "Return of \(name) – \(quarter)"), language: language)
        addBrief(to: &doc)
        addEffectOverTime(to: &doc)
        addCohort(to: &doc)
        addEffects(to: &doc)
        addCooperation(to: &doc)
        DataQualitySection(inputs: inputs, language: language, audit: audit).add(to: &doc)
        Glossary.add(to: &doc, language: language)
        doc.heading(text.t("Methode en kanttekeningen", "Method and caveats"))
        for p in text.methodParagraphs { doc.paragraph(p) }
        ProvenanceSection(inputs: inputs, language: language).add(to: &doc)
        return doc
    }

    /// In brief: the headline for each cohort a manager can speak about, each with its own number of sets.
    func addBrief(to doc: inout ReportDocument) {
        let headline = Headline(language: language, minimumCell: inputs.minimumCell)
        let m = inputs.results.settings.anticipationMonths
        doc.heading(text.t("In het kort", "In brief"))
        let first = quarter.adding(-3)
        let cohorts: [(Scope.Kind, String)] = [
            (.veiligheidshuisKwartaal, text.t("Cliënten die in \(quarter) instroomden", "Clients with intake in \(quarter)")),
            (.veiligheidshuisVierKwartalen, text.t("Cliënten die in de vier kwartalen \(first)–\(quarter) instroomden", "Clients with intake in the four quarters \(first)–\(quarter)")),
            (.veiligheidshuisJaar, text.t("Cliënten die in \(String(quarter.year)) tot en met \(quarter) instroomden", "Clients with intake in \(String(quarter.year)) up to \(quarter)")),
            (.veiligheidshuis, text.t("Alle cliënten van \(name) tot nu toe", "All clients of \(name) so far")),
        ]
        for (kind, label) in cohorts {
            guard let row = Self.primary(rows(kind)) else { continue }
            let n = row.estimate?.summary.sets ?? 0
            doc.paragraph("**\(label)** (\(text.t("sets", "sets")): \(tables.count(n, shown: !row.suppressed))). " + headline.sentence(row, anticipationMonths: m))
        }
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
