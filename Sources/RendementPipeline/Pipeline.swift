import Foundation
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementImport
import RendementReports
import RendementStore

/// The whole job -- import, match, analyse, report -- as used by `run` and
/// `demo`. Files already imported (same content) are skipped by the importer.
public struct Pipeline: Sendable {
    /// One input file of the configuration.
    public struct Input: Codable, Sendable {
        public var kind: String
        public var file: String
        public var mapping: String?
        public var periode_van: String?
        public var periode_tot: String?
        public var delimiter: String?
        public var encoding: String?

        public init(kind: String, file: String, mapping: String? = nil, periode_van: String? = nil, periode_tot: String? = nil,
                    delimiter: String? = nil, encoding: String? = nil) {
            self.kind = kind; self.file = file; self.mapping = mapping; self.periode_van = periode_van
            self.periode_tot = periode_tot; self.delimiter = delimiter; self.encoding = encoding
        }
    }

    /// The `run --config` file (JSON); every field is documented in docs/configuration.md.
    public struct Configuration: Codable, Sendable {
        public var db: String?
        public var purpose: String?
        public var inputs: [Input]
        public var rejects: String?
        public var max_reject_rate: Double?
        public var matching: MatchingSettings?
        public var analysis: AnalysisSettings?
        public var output: String?
        public var report: String?
        public var lang: String?
        public var formats: [String]?
        public var veiligheidshuis: String?
        public var kwartaal: String?

        public init(db: String? = nil, purpose: String? = nil, inputs: [Input], rejects: String? = nil, max_reject_rate: Double? = nil,
                    matching: MatchingSettings? = nil, analysis: AnalysisSettings? = nil, output: String? = nil, report: String? = nil,
                    lang: String? = nil, formats: [String]? = nil, veiligheidshuis: String? = nil, kwartaal: String? = nil) {
            self.db = db; self.purpose = purpose; self.inputs = inputs; self.rejects = rejects; self.max_reject_rate = max_reject_rate
            self.matching = matching; self.analysis = analysis; self.output = output; self.report = report; self.lang = lang
            self.formats = formats; self.veiligheidshuis = veiligheidshuis; self.kwartaal = kwartaal
        }
    }

    public let configuration: Configuration
    public let toolVersion: String

    public init(configuration: Configuration, toolVersion: String) {
        self.configuration = configuration
        self.toolVersion = toolVersion
    }

    /// Why the configuration cannot be run.
    public enum Failure: Error, CustomStringConvertible {
        case unknownKind(String)
        case minimumCell(String)
        public var description: String {
            switch self {
            case .unknownKind(let k): "unknown input kind \"\(k)\" in the configuration (bvh, hks, clienten, veiligheidshuizen, personen)"
            case .minimumCell(let reason): reason
            }
        }
    }

    /// Kinds in the order they must be imported (the registry before clients).
    static let order: [InputKind] = [.veiligheidshuizen, .personen, .bvh, .hks, .clienten]

    /// Runs everything; returns the path of the overview page.
    public func run(log: (String) -> Void) throws -> String {
        let c = configuration
        if let m = c.analysis?.minimumCell, let reason = MinimumCell.refusal(m, name: "analysis.minimumCell") {
            throw Failure.minimumCell(reason)
        }
        try TableFolder.check(c.output ?? "output")
        try ReportSetFolder.check(c.report ?? "reports")
        let store = try Store(path: c.db ?? "rendement.sqlite")
        do { try importAll(into: store, log: log) } catch {
            store.removeIfUnused()  // a failed first import leaves no store behind
            throw error
        }
        let matching = try MatchingRun(settings: c.matching ?? MatchingSettings(), toolVersion: toolVersion).run(store: store)
        log("Matched \(DigitGrouping.format(matching.matchedSets)) of \(DigitGrouping.format(matching.cohort.clients.count)) clients with \(DigitGrouping.format(matching.controls)) controls.")
        var analysis = c.analysis ?? AnalysisSettings()
        if let purpose = c.purpose { analysis.purpose = purpose }
        let results = try AnalysisRun(settings: analysis, toolVersion: toolVersion).run(store: store)
        let tables = try AnalysisRun.write(results, to: c.output ?? "output")
        log("Result tables: " + tables.joined(separator: ", "))
        let formats = Set((c.formats ?? ["md", "csv", "html"]).compactMap(ReportSetWriter.Format.init(rawValue:)))
        let today = Day(number: Int32(Date().timeIntervalSince1970 / 86400))
        let reportInputs = try ReportInputs.gather(store: store, results: results, toolVersion: toolVersion, runDate: today)
        return try ReportSetWriter(inputs: reportInputs, language: ReportLanguage(rawValue: c.lang ?? "nl") ?? .nl, formats: formats,
                                   house: c.veiligheidshuis, quarter: c.kwartaal.flatMap(Quarter.init)).write(to: c.report ?? "reports")
    }

    /// Imports the configured inputs, the registry first.
    private func importAll(into store: Store, log: (String) -> Void) throws {
        let c = configuration
        let inputs = c.inputs.sorted { a, b in
            (Self.order.firstIndex { $0.rawValue == a.kind } ?? 9) < (Self.order.firstIndex { $0.rawValue == b.kind } ?? 9)
        }
        for input in inputs {
            guard let kind = InputKind(rawValue: input.kind) else { throw Failure.unknownKind(input.kind) }
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
    }
}

