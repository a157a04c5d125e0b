import ArgumentParser
import Foundation
import RendementAnalysis
import RendementCore
import RendementReports
import RendementStore

/// `rendement report`: the quarterly rendement reports and the national overview.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the report set: an overview of all Veiligheidshuizen and a quarterly report per Veiligheidshuis.",
        discussion: "Markdown (with SVG charts), one self-contained HTML file per page, and every table as CSV. Aggregates only: counts below --min-cell are shown as <10 and what derives from them is left empty."
    )

    @OptionGroup var store: StoreOption

    @Option(help: "Folder for the report set.")
    var out: String

    @Option(help: "Only this Veiligheidshuis.")
    var veiligheidshuis: String?

    @Option(help: "The intake quarter of the quarterly reports, e.g. 2013Q2 (default: each house's latest).")
    var kwartaal: String?

    @Option(help: "Language: nl or en.")
    var lang: String = "nl"

    @Option(help: "Formats: any of md,csv,html.")
    var format: String = "md,csv,html"

    @Option(help: "Suppression threshold (at least 10).")
    var minCell: Int = 10

    @Option(help: "Window lengths in months.")
    var windows: String = "1,2,3,6,12"

    @Option(help: "Stated purpose of the analysis (doelbinding), shown in the provenance.")
    var purpose: String = "rendementsanalyse Veiligheidshuizen"

    func validate() throws {
        guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang takes nl or en") }
        guard kwartaal.map({ Quarter($0) != nil }) ?? true else { throw ValidationError("--kwartaal: expected a quarter like 2013Q2") }
        guard format.split(separator: ",").allSatisfy({ ReportSetWriter.Format(rawValue: String($0)) != nil }) else {
            throw ValidationError("--format takes md, csv and/or html")
        }
        if let reason = MinimumCell.refusal(minCell, name: "--min-cell") { throw ValidationError(reason) }
        do { _ = try AnalysisSettings.windows(from: windows) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        try reportingErrors {
            let db = try Store(path: store.path, create: false)
            var settings = AnalysisSettings()
            settings.minimumCell = minCell
            settings.windows = try AnalysisSettings.windows(from: windows)
            settings.purpose = purpose
            let path = try ReportGeneration.write(store: db, settings: settings, out: out, language: ReportLanguage(rawValue: lang)!,
                                                  formats: Set(format.split(separator: ",").compactMap { ReportSetWriter.Format(rawValue: String($0)) }),
                                                  house: veiligheidshuis, quarter: kwartaal.flatMap(Quarter.init))
            print("Report set written. Overview: \(path)")
        }
    }
}

/// Analysis plus report writing, shared by `report`, `run` and `demo`.
enum ReportGeneration {
    /// The registry's spelling of a Veiligheidshuis named on the command
    /// line, matched as the importer matches names (case, accents, spaces,
    /// `-` and `_` ignored); an unknown name is an error listing the names.
    static func registryName(_ text: String, store: Store) throws -> String {
        let names = try store.registry().map(\.name)
        if let match = names.first(where: { InputName.normalize($0) == InputName.normalize(text) }) { return match }
        throw ValidationError("unknown Veiligheidshuis \"\(Escaping.terminal(text))\"; the registry holds: "
                              + names.sorted().map(Escaping.terminal).joined(separator: ", "))
    }

    static func write(store: Store, settings: AnalysisSettings, out: String, language: ReportLanguage,
                      formats: Set<ReportSetWriter.Format>, house: String?, quarter: Quarter?) throws -> String {
        let house = try house.map { try registryName($0, store: store) }
        try ReportSetFolder.check(out)  // before the work, and again when the set is swapped in
        let results = try AnalysisRun(settings: settings, toolVersion: RendementVersion.string).run(store: store)
        let today = Day(number: Int32(Date().timeIntervalSince1970 / 86400))
        let inputs = try ReportInputs.gather(store: store, results: results, toolVersion: RendementVersion.string, runDate: today)
        return try ReportSetWriter(inputs: inputs, language: language, formats: formats, house: house, quarter: quarter).write(to: out)
    }
}

extension ReportLanguage: ExpressibleByArgument {}
