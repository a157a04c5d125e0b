import Foundation
import RendementCore
import RendementStore

/// `rendement analyze` as a library call: load the matched sets and
/// histories once, compute every estimate (scopes in parallel) and write the
/// result tables.
public struct AnalysisRun: Sendable {
    /// All results of one run.
    public struct Results: Sendable {
        public var settings: AnalysisSettings
        public var input: AnalysisInput
        public var effects: [EffectRow]
        public var ageModeration: [AgeModeration.Row]
        public var eventStudy: [EventStudy.Point]
        public var survival: TimeToFirstEvent
        public var comparison: [VeiligheidshuisComparison]
        /// The main estimate for anticipation windows 0...6 months.
        public var sensitivity: [AnticipationSensitivity.Row]
        public var timings: [(stage: String, seconds: Double)]
        /// This run as recorded in the store (purpose, configuration and input hashes).
        public var record: AnalysisRunRecord
    }

    public var settings: AnalysisSettings
    public var toolVersion: String

    public init(settings: AnalysisSettings, toolVersion: String = "") {
        self.settings = settings
        self.toolVersion = toolVersion
    }

    public func run(store: Store) throws -> Results {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ stage: String) { timings.append((stage, Date().timeIntervalSince(clock))); clock = Date() }
        let f = settings.filter
        let input = try AnalysisInput.load(from: store, filter: HistoryTable.Filter(bvhRoles: f.roles, hksCategories: f.categories,
                                                                                       hksMinimumSeverity: f.minimumSeverity))
        lap("read store")
        let counter = WindowCounter(periods: input.periods, design: settings.design)
        let bands = settings.ageBands
        let effects = EffectsEstimator(counter: counter, windows: settings.windows, ageBands: bands, minimumCell: settings.minimumCell,
                                       diagnosticLevel: settings.diagnosticLevel)
            .estimate(input.sets)
        lap("effects")
        let moderation = AgeModeration.estimate(input.sets, counter: counter, windows: settings.windows)
        let events = EventStudy.estimate(input.sets, counter: counter)
        let survival = TimeToFirstEvent(input.sets, counter: counter)
        let comparison = VeiligheidshuisComparison.compare(input.sets, counter: counter, windows: settings.windows,
                                                           minimumSets: settings.minimumCell)
        let sensitivity = AnticipationSensitivity.estimate(input.sets, periods: input.periods, design: settings.design,
                                                           windows: settings.windows)
        lap("age, event study, survival, comparison, sensitivity")
        let record = try store.recordAnalysisRun(kind: "analysis", configuration: settings.json, purpose: settings.purpose,
                                                 toolVersion: toolVersion)
        return Results(settings: settings, input: input, effects: effects, ageModeration: moderation, eventStudy: events,
                       survival: survival, comparison: comparison, sensitivity: sensitivity, timings: timings, record: record)
    }

    /// Writes the result tables into `folder`; returns their paths.
    public static func write(_ r: Results, to folder: String) throws -> [String] {
        let m = r.settings.minimumCell
        let files: [(String, String)] = [
            ("effects.csv", EffectsTable.csv(r.effects, minimumCell: m, anticipationMonths: r.settings.anticipationMonths)),
            ("anticipation_sensitivity.csv", AnticipationSensitivity.csv(r.sensitivity, minimumCell: m)),
            ("age_moderation.csv", SecondaryTables.ageModeration(r.ageModeration, minimumCell: m)),
            ("event_study.csv", SecondaryTables.eventStudy(r.eventStudy, minimumCell: m)),
            ("survival.csv", SecondaryTables.survivalCurves(r.survival, minimumCell: m)),
            ("survival_summary.csv", SecondaryTables.survivalSummary(r.survival, minimumCell: m)),
            ("vhh_comparison.csv", SecondaryTables.comparison(r.comparison)),
        ]
        // All tables replaced in one step: never a mix of this run's and an earlier run's.
        return try TableFolder.write(files.map { (name: $0.0, text: $0.1) }, into: folder)
    }
}
