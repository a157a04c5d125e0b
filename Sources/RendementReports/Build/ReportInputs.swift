import Foundation
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementStore

/// Everything a report set shows, read from the store: one stored analysis
/// run (its results and record), the stored summary of the matching run it
/// analysed, the registry and the import log. Nothing is recomputed: a report
/// renders exactly the numbers of the run's tables, with the run's settings.
public struct ReportInputs: Sendable {
    public var results: AnalysisRun.Results
    public var matching: MatchingSummary
    public var matchRun: MatchRunRecord
    public var registry: [VeiligheidshuisRecord]
    public var imports: [ImportRecord]
    /// Optional fields without a value: (table, column, missing, total).
    public var missingFields: [(table: String, column: String, missing: Int, total: Int)]
    public var toolVersion: String
    public var runDate: Day
    /// Why the run no longer describes the store (only for a run named explicitly).
    public var staleness: String?
    /// Which populations may be published (`DisclosurePlan`), decided once
    /// before any page is rendered; `results` already has its hidden rows marked.
    public var plan: DisclosurePlan

    /// Why a report cannot be made from the store.
    public enum Failure: Error, CustomStringConvertible {
        case missing(String)
        case stale(String)
        public var description: String {
            switch self {
            case .missing(let what): "cannot report: \(what)"
            case .stale(let why): "cannot report: \(why)"
            }
        }
    }

    /// Loads analysis run `run`, or the latest one. The latest is refused when
    /// it is stale -- an input was replaced after it, or matching was run again
    /// -- with the command that brings it up to date; a run named explicitly is
    /// rendered as it was stored, and `staleness` says why it is out of date.
    public static func load(store: Store, run: Int64? = nil, toolVersion: String, runDate: Day) throws -> ReportInputs {
        let id: Int64
        if let run { id = run } else {
            guard let latest = try store.latestAnalysisRun() else {
                throw Failure.missing("no analysis in the store (run rendement match and rendement analyze first)")
            }
            id = latest.id
        }
        var results = try AnalysisRun.Results.load(from: store, run: id)
        guard let matchID = results.record.matchRunID, let matchRun = try store.matchRun(id: matchID) else {
            throw Failure.stale("analysis run \(id) was made by an earlier version that did not record its matching run: run rendement analyze again")
        }
        guard results.settings.comparisonDesign.includesMatched else {
            throw Failure.missing("analysis run \(id) made only the not-yet-treated comparison (--design staggered); the reports lead with the matched one: run rendement analyze --design both")
        }
        let staleness = try Self.staleness(store: store, record: results.record, matchRun: matchRun)
        if run == nil, let staleness { throw Failure.stale(staleness) }
        let matching = try MatchingSummary.load(from: store, run: matchID), registry = try store.registry()
        let plan = DisclosurePlan(results: results.stored, regions: Dictionary(registry.map { ($0.name, $0.regio) }, uniquingKeysWith: { a, _ in a }),
                                  clients: matching.clientsByHouseQuarter.map { ($0.veiligheidshuis, $0.quarter, $0.clients) })
        results.stored = plan.applied(to: results.stored)
        return ReportInputs(results: results, matching: matching, matchRun: matchRun,
                            registry: registry, imports: try store.imports(), missingFields: try store.missingFields(),
                            toolVersion: toolVersion, runDate: runDate, staleness: staleness, plan: plan)
    }

    /// Why analysis run `record` (of match run `matchRun`) no longer describes the store, or nil.
    static func staleness(store: Store, record: AnalysisRunRecord, matchRun: MatchRunRecord) throws -> String? {
        let kinds = InputKind.readByMatching.map(\.rawValue)
        let live = try store.liveInputs(kinds: InputKind.readByMatching)
        if let changed = Staleness.of(recorded: matchRun.inputs, live: live, kinds: kinds) {
            return "\(changed) after analysis run \(record.id) (matching run \(matchRun.id)): run rendement match and rendement analyze again"
        }
        let analysisKinds = InputKind.readByAnalysisOnly
        if let changed = Staleness.of(recorded: record.inputs, live: try store.liveInputs(kinds: analysisKinds), kinds: analysisKinds.map(\.rawValue)) {
            return "\(changed) after analysis run \(record.id): run rendement analyze again"
        }
        if let latest = try store.latestMatchRun(), latest.id != matchRun.id {
            return "matching was run again (run \(latest.id)) after analysis run \(record.id): run rendement analyze again"
        }
        return nil
    }

    var minimumCell: Int { results.settings.minimumCell }

    /// The imports the analysis run read, by kind (in the contract's order) and file name -- never in the order they arrived.
    var runImports: [ImportRecord] {
        let read = Set(results.record.inputs.map(\.importID))
        let order = InputKind.allCases
        return imports.filter { read.contains($0.id) }.sorted {
            (order.firstIndex(of: $0.kind)!, $0.fileName, $0.sha256) < (order.firstIndex(of: $1.kind)!, $1.fileName, $1.sha256)
        }
    }
    var stored: AnalysisResults { results.stored }
}
