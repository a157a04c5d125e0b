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
    public let configuration: Configuration
    public let toolVersion: String

    public init(configuration: Configuration, toolVersion: String) {
        self.configuration = configuration
        self.toolVersion = toolVersion
    }

    /// Kinds in the order they must be imported (the registry before clients).
    static let order: [InputKind] = [.veiligheidshuizen, .personen, .bvh, .hks, .clienten]

    /// Runs everything; returns the path of the overview page.
    public func run(log: (String) -> Void) throws -> String {
        let c = configuration
        try c.analysis.validate()
        try c.matching.validate()
        try TableFolder.check(c.output)
        try ReportSetFolder.check(c.report)
        let store = try Store(path: c.db)
        do { try importAll(into: store, log: log) } catch {
            store.removeIfUnused()  // a failed first import leaves no store behind
            throw error
        }
        let matching = try MatchingRun(settings: c.matching, toolVersion: toolVersion).run(store: store)
        log("Matched \(DigitGrouping.format(matching.matchedSets)) of \(DigitGrouping.format(matching.cohort.clients.count)) clients with \(DigitGrouping.format(matching.controls)) controls.")
        let results = try AnalysisRun(settings: c.analysis, toolVersion: toolVersion).run(store: store)
        let tables = try AnalysisRun.write(results, to: c.output)
        log("Result tables: " + tables.joined(separator: ", "))
        let today = Day(number: Int32(Date().timeIntervalSince1970 / 86400))
        let reportInputs = try ReportInputs.gather(store: store, results: results, toolVersion: toolVersion, runDate: today)
        return try ReportSetWriter(inputs: reportInputs, language: c.language, formats: c.formats,
                                   house: c.veiligheidshuis, quarter: c.quarter).write(to: c.report)
    }

    /// Imports the configured inputs, the registry first.
    private func importAll(into store: Store, log: (String) -> Void) throws {
        let c = configuration
        let inputs = c.inputs.enumerated().sorted { a, b in
            (Self.order.firstIndex(of: a.element.kind) ?? 9, a.offset) < (Self.order.firstIndex(of: b.element.kind) ?? 9, b.offset)
        }.map(\.element)
        for input in inputs {
            var options = ImportOptions()
            options.mappingPath = input.mapping
            options.rejectsDirectory = c.rejects
            options.maxRejectRate = c.maxRejectRate
            options.periodFrom = input.periodFrom
            options.periodTo = input.periodTo
            options.delimiter = input.delimiter
            options.encoding = input.encoding
            let summary = try Importer(store: store, options: options).importFile(input.file, kind: input.kind)
            log(summary.description)
        }
    }
}

