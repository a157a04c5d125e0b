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

    /// The result name under which the results are stored with their run.
    public static let resultName = "results"

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
        do { return try StoredJSON.decoder.decode(AnalysisResults.self, from: data) } catch {
            throw StoreError.damaged("the results of analysis run \(run) cannot be read: \(error)")
        }
    }
}
