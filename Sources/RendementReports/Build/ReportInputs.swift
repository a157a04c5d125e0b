import Foundation
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementStore

/// Everything a report set shows, gathered from the store in one go: the
/// analysis results, the cohort and matching outcome (with balance rebuilt
/// for the stored run), the registry and the import log.
public struct ReportInputs: Sendable {
    public var results: AnalysisRun.Results
    public var population: MatchingPopulation
    public var matchingSettings: MatchingSettings
    public var balance: [BalanceRow]
    public var unmatched: [UnmatchedClientRecord]
    public var registry: [VeiligheidshuisRecord]
    public var imports: [ImportRecord]
    /// Optional fields without a value: (table, column, missing, total).
    public var missingFields: [(table: String, column: String, missing: Int, total: Int)]
    public var toolVersion: String
    public var runDate: Day

    public static func gather(store: Store, results: AnalysisRun.Results, toolVersion: String, runDate: Day) throws -> ReportInputs {
        let run = results.input.matchRun
        let settings = (try? JSONDecoder().decode(MatchingSettings.self, from: Data(run.configuration.utf8))) ?? MatchingSettings()
        let population = try MatchingPopulation.build(store: store, settings: settings)
        let units = try store.matchedUnits(run: run.id)
        let sets = population.sets(from: units)
        let balance = BalanceTable.rows(clients: population.clients, candidates: population.candidates, sets: sets,
                                        clientScope: population.cohort.clients.map(\.veiligheidshuis))
        return ReportInputs(results: results, population: population, matchingSettings: settings, balance: balance,
                            unmatched: try store.unmatchedClients(run: run.id), registry: try store.registry(),
                            imports: try store.imports(), missingFields: try store.missingFields(), toolVersion: toolVersion,
                            runDate: runDate)
    }

    var minimumCell: Int { results.settings.minimumCell }

    /// Sets of one Veiligheidshuis (optionally one intake quarter).
    func sets(house: String?, quarter: Quarter? = nil) -> [AnalysisSet] {
        results.input.sets.filter { (house == nil || $0.veiligheidshuis == house) && (quarter == nil || $0.intakeQuarter == quarter) }
    }

    /// Effect rows for a subset of sets (its scope `all`), computed on demand.
    func effects(for sets: [AnalysisSet]) -> [EffectRow] {
        let counter = WindowCounter(periods: results.input.periods, design: results.settings.design)
        let estimator = EffectsEstimator(counter: counter, windows: results.settings.windows,
                                         ageBands: results.settings.ageBands, minimumCell: minimumCell,
                                         diagnosticLevel: results.settings.diagnosticLevel)
        return estimator.rows(for: .all, sets: sets)
    }
}
