import Foundation
import RendementCore
import RendementStore

/// Everything one analysis run produced that tables and reports show, as
/// stored with the run (`run_results`, kind `analysis`): the result tables
/// are written from it and the reports render it -- neither ever recomputes
/// an estimate, so a report always shows exactly the numbers of the run's
/// tables, with the run's settings.
public struct AnalysisResults: Sendable, Codable {
    /// The event study of all sets (`veiligheidshuis` nil) or of one Veiligheidshuis.
    public struct ScopedEventStudy: Sendable, Codable {
        public var veiligheidshuis: String?
        public var points: [EventStudy.Point]
    }

    /// The survival analysis of all sets (`veiligheidshuis` nil) or of one Veiligheidshuis.
    public struct ScopedSurvival: Sendable, Codable {
        public var veiligheidshuis: String?
        public var result: SurvivalResult
    }

    /// Matched sets by Veiligheidshuis, intake quarter and round of staged matching.
    public struct SetTally: Sendable, Codable, Equatable {
        public var veiligheidshuis: String
        public var quarter: Quarter
        public var round: Int
        public var sets: Int
    }

    public var settings: AnalysisSettings
    /// The matching run whose sets were analysed.
    public var matchRunID: Int64
    public var periods: ObservationPeriods
    public var effects: [EffectRow]
    public var sensitivity: [AnticipationSensitivity.Row]
    public var ageModeration: [AgeModeration.Row]
    public var eventStudies: [ScopedEventStudy]
    public var survival: [ScopedSurvival]
    public var comparison: [VeiligheidshuisComparison]
    public var setTallies: [SetTally]
    /// The cooperation indicators and the Stappenmeter (nil in runs stored by an earlier version).
    public var cooperation: CooperationResults?
    /// The comparison with clients who had not entered yet; nil when the run's
    /// `comparisonDesign` is `matched` (or the run was made before it existed).
    public var staggered: StaggeredResults?
    /// How many parts the effect rows were stored in beside the rest (nil:
    /// stored inline, by an earlier version, or not yet stored).
    public var effectParts: Int?

    /// The result name under which the results are stored with their run;
    /// the effect rows under `results.effects.1`, `.2`, ... (`effectPartName`).
    public static let resultName = "results"
    /// Parts the effect rows are stored in: encoded and decoded on all cores.
    static let storedEffectParts = 8

    /// The name of stored part k (1-based) of the effect rows.
    static func effectPartName(_ k: Int) -> String { "\(resultName).effects.\(k)" }

    /// The event study of all sets or of one Veiligheidshuis (empty when there is none).
    public func eventStudy(of house: String? = nil) -> [EventStudy.Point] {
        eventStudies.first { $0.veiligheidshuis == house }?.points ?? []
    }

    /// The survival analysis of all sets or of one Veiligheidshuis.
    public func survival(of house: String? = nil) -> SurvivalResult? {
        survival.first { $0.veiligheidshuis == house }?.result
    }

    /// Matched sets in the analysis (of one Veiligheidshuis and quarter, when given).
    public func sets(house: String? = nil, quarter: Quarter? = nil) -> Int {
        setTallies.filter { (house == nil || $0.veiligheidshuis == house) && (quarter == nil || $0.quarter == quarter) }
            .reduce(0) { $0 + $1.sets }
    }

    /// The effect rows of one scope.
    public func effects(_ scope: Scope) -> [EffectRow] { effects.filter { $0.scope == scope } }

    /// The results stored with analysis run `run`; an error when it stored none.
    public static func load(from store: Store, run: Int64) throws -> AnalysisResults {
        guard let data = try store.runResult(kind: "analysis", run: run, name: resultName) else {
            throw AnalysisInput.Failure.missing("analysis run \(run) stored no results (it was made by an earlier version): run rendement analyze again")
        }
        do {
            var results = try StoredJSON.decoder.decode(AnalysisResults.self, from: data)
            guard let parts = results.effectParts else { return results }
            guard parts >= 1 else { throw StoreError.damaged("analysis run \(run) names \(parts) parts of effect rows") }
            let stored = try (1...parts).map { k in
                guard let part = try store.runResult(kind: "analysis", run: run, name: effectPartName(k)) else {
                    throw StoreError.damaged("part \(k) of the effect rows of analysis run \(run) is missing")
                }
                return part
            }
            let decoded = ParallelMap.map(stored) { part in Result { try StoredJSON.decoder.decode([EffectRow].self, from: part) } }
            results.effects = try decoded.flatMap { try $0.get() }
            results.effectParts = nil
            return results
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.damaged("the results of analysis run \(run) cannot be read: \(error)")
        }
    }

    /// The results as stored: (name, JSON) of the rest and of each part of
    /// the effect rows, encoded on all cores.
    func storedForm() throws -> [(name: String, content: Data)] {
        let ranges = ParallelMap.ranges(effects.count, parts: Self.storedEffectParts)
        let rows = effects
        let parts = ParallelMap.map(ranges) { range in Result { try StoredJSON.encoder.encode(Array(rows[range])) } }
        var rest = self
        rest.effects = []
        rest.effectParts = ranges.count
        return [(Self.resultName, try StoredJSON.encoder.encode(rest))]
            + (try parts.enumerated().map { (Self.effectPartName($0 + 1), try $1.get()) })
    }
}
