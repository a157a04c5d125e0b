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
        discussion: "Writes effects.csv, age_moderation.csv, event_study.csv, survival.csv, survival_summary.csv, vhh_comparison.csv, staggered.csv and staggered_event_study.csv, and the cooperation tables cooperation_indicators.csv and stappenmeter_*.csv, to --out (columns: data-schema/outputs.md)."
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

    @Option(help: "Comparisons to make: matched (matched controls), staggered (clients who have not entered yet) or both.")
    var design: ComparisonDesign = .both

    @Option(help: "Folder for the result tables.")
    var out: String = "output"

    /// Checked by the same rules as the `analysis` object of a configuration file.
    func validate() throws {
        do { _ = try settings() } catch let e as SettingError { throw ValidationError(e.description) }
    }

    /// The typed settings of these flags, validated (`AnalysisSettings.validate`).
    func settings() throws -> AnalysisSettings {
        var s = AnalysisSettings()
        s.windows = try AnalysisSettings.windows(from: windows)
        guard let bands = AgeBand.parseList(ageBands) else {
            throw SettingError(key: "ageBands", flag: "--age-bands", "expected non-overlapping bands like 12-17,18-24,25-34,35-")
        }
        s.ageBands = bands
        s.graceDays = graceDays
        s.anticipationMonths = anticipation
        s.minimumCell = minCell
        s.comparisonDesign = design
        s.bvhRoles = try AnalysisSettings.list(roles, key: "bvhRoles", flag: "--roles", allowed: BVHRole.allCases.map(\.rawValue)) {
            BVHRole(text: $0)
        }
        s.hksCategories = try categories.map {
            try AnalysisSettings.list($0, key: "hksCategories", flag: "--categories", allowed: OffenceCategory.allCases.map(\.rawValue)) {
                OffenceCategory(text: $0)
            }
        }
        s.hksMinimumSeverity = try minSeverity.map { text in
            guard let severity = Severity(text: text) else {
                throw SettingError(key: "hksMinimumSeverity", flag: "--min-severity",
                                   "expected \(Severity.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
            }
            return severity
        }
        try s.validate()
        return s
    }

    func run() throws {
        try reportingErrors {
            try TableFolder.check(out)
            let db = try Store(path: store.path, create: false)
            let results = try AnalysisRun(settings: settings(), toolVersion: RendementVersion.string).run(store: db)
            let paths = try AnalysisRun.write(results, to: out)
            AnalysisSummaryPrinter(results: results).print()
            print("Result tables:")
            for p in paths { print("  \(p)") }
        }
    }
}

extension ComparisonDesign: ExpressibleByArgument {}
