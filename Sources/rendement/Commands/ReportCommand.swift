import ArgumentParser
import Foundation
import RendementAnalysis
import RendementCore
import RendementReports
import RendementStore

/// `rendement report`: renders a stored analysis run as the quarterly
/// rendement reports and the national overview. It never recomputes: the
/// numbers are those of the run's tables, with the run's settings.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the report set of an analysis run: an overview of all Veiligheidshuizen and a quarterly report per Veiligheidshuis.",
        discussion: """
        Renders the latest analysis run (or --run N) exactly as stored: the same numbers as its result tables, with its \
        settings (windows, anticipation, suppression threshold). The latest run is refused when an import was replaced or \
        matching was run again after it, with the command that brings it up to date. Markdown (with SVG charts), one \
        self-contained HTML file per page, and every table as CSV. Aggregates only: a group of fewer persons than the \
        threshold is hidden with what derives from it, and so is every group from which it could be worked out by \
        subtraction (shown as ×); the set is released only when the disclosure audit (rendement audit) finds nothing.
        """
    )

    @OptionGroup var store: StoreOption

    @Option(help: "Folder for the report set.")
    var out: String

    @Option(name: .customLong("run"), help: "The analysis run to render (default: the latest).")
    var analysisRun: Int64?

    @Option(help: "Only this Veiligheidshuis (as in the registry; case, accents, spaces and dashes do not matter).")
    var veiligheidshuis: String?

    @Option(help: "The intake quarter of the quarterly reports, e.g. 2013Q2 (default: the latest quarter with intake).")
    var kwartaal: String?

    @Option(help: "Language: nl or en.")
    var lang: ReportLanguage = .nl

    @Option(help: "Formats: any of md,csv,html.")
    var format: String = "md,csv,html"

    func validate() throws {
        guard kwartaal.map({ Quarter($0) != nil }) ?? true else { throw ValidationError("--kwartaal: expected a quarter like 2013Q2") }
        guard !format.isEmpty, format.split(separator: ",").allSatisfy({ ReportSetWriter.Format(rawValue: String($0)) != nil }) else {
            throw ValidationError("--format takes md, csv and/or html")
        }
    }

    func run() throws {
        try reportingErrors {
            let db = try Store(path: store.path, create: false)
            let path = try ReportGeneration.write(store: db, run: analysisRun, out: out, language: lang,
                                                  formats: Set(format.split(separator: ",").compactMap { ReportSetWriter.Format(rawValue: String($0)) }),
                                                  house: veiligheidshuis, quarter: kwartaal.flatMap(Quarter.init))
            print("Report set written. Overview: \(path)")
        }
    }
}

/// Report writing from a stored analysis run.
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

    static func write(store: Store, run: Int64?, out: String, language: ReportLanguage,
                      formats: Set<ReportSetWriter.Format>, house: String?, quarter: Quarter?) throws -> String {
        let house = try house.map { try registryName($0, store: store) }
        try ReportSetFolder.check(out)  // before the work, and again when the set is swapped in
        let today = Day(number: Int32(Date().timeIntervalSince1970 / 86400))
        let inputs = try ReportInputs.load(store: store, run: run, toolVersion: RendementVersion.string, runDate: today)
        if let staleness = inputs.staleness {
            FileHandle.standardError.write(Data("rendement: note: analysis run \(inputs.results.record.id) is rendered as stored; \(staleness)\n".utf8))
        }
        return try ReportSetWriter(inputs: inputs, language: language, formats: formats, house: house, quarter: quarter).write(to: out)
    }
}

extension ReportLanguage: ExpressibleByArgument {}
