import ArgumentParser
import Foundation
import RendementAnalysis
import RendementCore
import RendementStore

/// `rendement analyze`: before/after, difference-in-differences, age, event study, survival, Veiligheidshuizen side by side.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Estimate the effect of Veiligheidshuis intake on police contacts (BVH) and offences (HKS) against the matched controls.",
        discussion: "Writes effects.csv, age_moderation.csv, event_study.csv, survival.csv, survival_summary.csv and vhh_comparison.csv to --out (columns: data-schema/outputs.md)."
    )

    @OptionGroup var store: StoreOption

    @Option(help: "Window lengths in months.")
    var windows: String = "1,2,3,6,12"

    @Option(help: "Age bands at intake.")
    var ageBands: String = "12-17,18-24,25-34,35-"

    @Option(help: "Days after the index date that count in no window (for extracts without the pv-incident link).")
    var graceDays: Int = 0

    @Option(help: "Anticipation window in months: the baseline ends this many months before intake, so the crisis that usually precedes intake is not taken for the usual level (0 gives the plain before/after comparison).")
    var anticipation: Int = AnalysisSettings.defaultAnticipationMonths

    @Option(help: "Suppression threshold (at least 10): figures resting on fewer persons are left empty.")
    var minCell: Int = 10

    @Option(help: "BVH roles that count as a police contact.")
    var roles: String = "verdachte,betrokkene"

    @Option(help: "Only these HKS offence categories (e.g. geweld); default all.")
    var categories: String?

    @Option(help: "Only HKS offences of at least this severity: licht, ernstig or zeer_ernstig.")
    var minSeverity: String?

    @Option(help: "Folder for the result tables.")
    var out: String = "output"

    func validate() throws {
        guard let w = Self.windowList(windows), !w.isEmpty else { throw ValidationError("--windows: expected months 1-12 like 1,2,3,6,12") }
        _ = w
        guard AgeBand.parseList(ageBands) != nil else { throw ValidationError("--age-bands: expected bands like 12-17,18-24,35-") }
        guard graceDays >= 0 else { throw ValidationError("--grace-days must be >= 0") }
        if let reason = MinimumCell.refusal(minCell, name: "--min-cell") { throw ValidationError(reason) }
        guard (0...11).contains(anticipation) else { throw ValidationError("--anticipation: expected 0 to 11 months, not \(anticipation)") }
        guard roles.split(separator: ",").allSatisfy({ BVHRole(text: $0) != nil }) else { throw ValidationError("--roles: unknown role") }
        if let c = categories, !c.split(separator: ",").allSatisfy({ OffenceCategory(text: $0) != nil }) {
            throw ValidationError("--categories: expected geweld, vermogen, vernieling_openbare_orde, drugs, verkeer, overig")
        }
        if let s = minSeverity, Severity(text: s) == nil { throw ValidationError("--min-severity: expected licht, ernstig or zeer_ernstig") }
    }

    static func windowList(_ text: String) -> [Int]? {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard values.allSatisfy({ $0 != nil && (1...12).contains($0!) }) else { return nil }
        return Array(Set(values.compactMap { $0 })).sorted()
    }

    var settings: AnalysisSettings {
        var s = AnalysisSettings()
        s.windows = Self.windowList(windows) ?? s.windows
        s.ageBands = AgeBand.parseList(ageBands)?.map(\.description) ?? s.ageBands
        s.graceDays = graceDays
        s.anticipationMonths = anticipation
        s.minimumCell = minCell
        s.bvhRoles = roles.split(separator: ",").compactMap { BVHRole(text: $0)?.rawValue }
        s.hksCategories = categories.map { $0.split(separator: ",").compactMap { OffenceCategory(text: $0)?.rawValue } }
        s.hksMinimumSeverity = minSeverity.flatMap { Severity(text: $0)?.rawValue }
        return s
    }

    func run() throws {
        try reportingErrors {
            try TableFolder.check(out)
            let db = try Store(path: store.path, create: false)
            let results = try AnalysisRun(settings: settings, toolVersion: RendementVersion.string).run(store: db)
            let paths = try AnalysisRun.write(results, to: out)
            AnalysisSummaryPrinter(results: results).print()
            print("Result tables:")
            for p in paths { print("  \(p)") }
        }
    }
}
