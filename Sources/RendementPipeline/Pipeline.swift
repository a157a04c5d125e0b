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
    static let order: [InputKind] = [.veiligheidshuizen, .personen, .bvh, .hks, .clienten, .stappenmeter]

    /// Runs the stages that are stale and renders the report; returns the
    /// path of the overview page. Files already imported are skipped; a
    /// matching run is reused when its inputs are unchanged and its settings
    /// are the configured ones, and so is an analysis run of it; any other
    /// stage is run again, so the report always renders a run of exactly
    /// these inputs and settings.
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
        let matchRun = try freshMatchRun(store, log: log)
        let results = try freshAnalysis(store, matchRun: matchRun, log: log)
        let tables = try AnalysisRun.write(results, to: c.output)
        log("Result tables: " + tables.joined(separator: ", "))
        let today = Day(number: Int32(Date().timeIntervalSince1970 / 86400))
        let reportInputs = try ReportInputs.load(store: store, run: results.record.id, toolVersion: toolVersion, runDate: today)
        return try ReportSetWriter(inputs: reportInputs, language: c.language, formats: c.formats,
                                   house: c.veiligheidshuis, quarter: c.quarter).write(to: c.report)
    }

    /// The latest matching run when it read the live imports and used the
    /// configured settings; otherwise a new one.
    private func freshMatchRun(_ store: Store, log: (String) -> Void) throws -> Int64 {
        let live = try store.liveInputs(kinds: InputKind.readByMatching)
        if let latest = try store.latestMatchRun(), latest.configuration == configuration.matching.json,
           Staleness.of(recorded: latest.inputs, live: live, kinds: InputKind.readByMatching.map(\.rawValue)) == nil,
           try store.runResult(kind: "match", run: latest.id, name: MatchingSummary.resultName) != nil {
            log("Matching run #\(latest.id) is up to date (same inputs and settings): reused.")
            return latest.id
        }
        let matching = try MatchingRun(settings: configuration.matching, toolVersion: toolVersion).run(store: store)
        log("Matched \(DigitGrouping.format(matching.matchedSets)) of \(DigitGrouping.format(matching.cohort.clients.count)) clients with \(DigitGrouping.format(matching.controls)) controls (matching run #\(matching.runID)).")
        return matching.runID
    }

    /// The latest analysis run of `matchRun` with the configured settings that
    /// read the live registry and Stappenmeters; otherwise a new one.
    private func freshAnalysis(_ store: Store, matchRun: Int64, log: (String) -> Void) throws -> AnalysisRun.Results {
        let kinds = InputKind.readByAnalysisOnly
        if let latest = try store.latestAnalysisRun(), latest.matchRunID == matchRun, latest.configuration == configuration.analysis.json,
           Staleness.of(recorded: latest.inputs, live: try store.liveInputs(kinds: kinds), kinds: kinds.map(\.rawValue)) == nil {
            log("Analysis run #\(latest.id) is up to date (same matching run, registry, Stappenmeters and settings): reused.")
            return try AnalysisRun.Results.load(from: store, run: latest.id)
        }
        let results = try AnalysisRun(settings: configuration.analysis, toolVersion: toolVersion).run(store: store)
        log("Analysed matching run #\(matchRun) (analysis run #\(results.record.id)).")
        return results
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
            options.instrumentPath = input.instrument
            let summary = try Importer(store: store, options: options).importFile(input.file, kind: input.kind)
            log(summary.description)
        }
    }
}

