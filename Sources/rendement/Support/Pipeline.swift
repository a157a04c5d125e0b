import ArgumentParser
import Foundation
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementImport
import RendementReports
import RendementStore

/// The whole job -- import, match, analyse, report -- as used by `run` and
/// `demo`. Files already imported (same content) are skipped by the importer.
struct Pipeline {
    /// One input file of the configuration.
    struct Input: Codable {
        var kind: String
        var file: String
        var mapping: String?
        var periode_van: String?
        var periode_tot: String?
        var delimiter: String?
        var encoding: String?
    }

    /// The `run --config` file (JSON); every field is documented in docs/configuration.md.
    struct Configuration: Codable {
        var db: String?
        var purpose: String?
        var inputs: [Input]
        var rejects: String?
        var max_reject_rate: Double?
        var matching: MatchingSettings?
        var analysis: AnalysisSettings?
        var output: String?
        var report: String?
        var lang: String?
        var formats: [String]?
        var veiligheidshuis: String?
        var kwartaal: String?
    }

    let configuration: Configuration

    /// Kinds in the order they must be imported (the registry before clients).
    static let order: [InputKind] = [.veiligheidshuizen, .personen, .bvh, .hks, .clienten]

    func run(log: (String) -> Void) throws -> String {
        let c = configuration
        let store = try Store(path: c.db ?? "rendement.sqlite")
        let inputs = c.inputs.sorted { a, b in
            (Self.order.firstIndex { $0.rawValue == a.kind } ?? 9) < (Self.order.firstIndex { $0.rawValue == b.kind } ?? 9)
        }
        for input in inputs {
            guard let kind = InputKind(rawValue: input.kind) else { throw ValidationError("unknown input kind \"\(input.kind)\" in the configuration") }
            var options = ImportOptions()
            options.mappingPath = input.mapping
            options.rejectsDirectory = c.rejects
            options.maxRejectRate = c.max_reject_rate ?? 0.05
            options.periodFrom = input.periode_van.flatMap(Day.init(iso:))
            options.periodTo = input.periode_tot.flatMap(Day.init(iso:))
            options.delimiter = input.delimiter.flatMap(ImportOptions.delimiter(option:))
            options.encoding = input.encoding.flatMap(TextEncoding.init(option:))
            let summary = try Importer(store: store, options: options).importFile(input.file, kind: kind)
            log(summary.description)
        }
        let matching = try MatchingRun(settings: c.matching ?? MatchingSettings(), toolVersion: RendementVersion.string).run(store: store)
        log("Matched \(Readable.count(matching.matchedSets)) of \(Readable.count(matching.cohort.clients.count)) clients with \(Readable.count(matching.controls)) controls.")
        var analysis = c.analysis ?? AnalysisSettings()
        if let purpose = c.purpose { analysis.purpose = purpose }
        let results = try AnalysisRun(settings: analysis).run(store: store)
        let tables = try AnalysisRun.write(results, to: c.output ?? "output")
        log("Result tables: " + tables.joined(separator: ", "))
        let formats = Set((c.formats ?? ["md", "csv", "html"]).compactMap(ReportSetWriter.Format.init(rawValue:)))
        let today = Day(number: Int32(Date().timeIntervalSince1970 / 86400))
        let reportInputs = try ReportInputs.gather(store: store, results: results, toolVersion: RendementVersion.string, runDate: today)
        return try ReportSetWriter(inputs: reportInputs, language: ReportLanguage(rawValue: c.lang ?? "nl") ?? .nl, formats: formats,
                                   house: c.veiligheidshuis, quarter: c.kwartaal.flatMap(Quarter.init)).write(to: c.report ?? "reports")
    }
}

