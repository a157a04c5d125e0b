import Foundation
import RendementCore
import RendementStore

/// `rendement analyze` as a library call: load the latest matched sets and
/// the histories once (refusing a matching run whose inputs have changed
/// since), compute every estimate (scopes in parallel), and store the
/// results with the run (`AnalysisResults`), from which the result tables
/// are written and the reports rendered.
public struct AnalysisRun: Sendable {
    /// What one run produced: the stored results and the run's record.
    public struct Results: Sendable {
        public var stored: AnalysisResults
        /// This run as recorded in the store (purpose, configuration, match run and inputs).
        public var record: AnalysisRunRecord
        public var timings: [(stage: String, seconds: Double)]

        public init(stored: AnalysisResults, record: AnalysisRunRecord, timings: [(stage: String, seconds: Double)] = []) {
            self.stored = stored
            self.record = record
            self.timings = timings
        }

        public var settings: AnalysisSettings { stored.settings }
        public var effects: [EffectRow] { stored.effects }
        public var sensitivity: [AnticipationSensitivity.Row] { stored.sensitivity }
        public var ageModeration: [AgeModeration.Row] { stored.ageModeration }
        public var comparison: [VeiligheidshuisComparison] { stored.comparison }
        public var periods: ObservationPeriods { stored.periods }

        /// The run as stored: its record and results; an error when either is missing.
        public static func load(from store: Store, run: Int64) throws -> Results {
            guard let record = try store.analysisRun(id: run) else { throw AnalysisInput.Failure.missing("there is no analysis run \(run)") }
            return Results(stored: try AnalysisResults.load(from: store, run: run), record: record)
        }
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
        try settings.validate()
        let f = settings.filter
        let input = try AnalysisInput.load(from: store, filter: HistoryTable.Filter(bvhRoles: f.roles, hksCategories: f.categories,
                                                                                       hksMinimumSeverity: f.minimumSeverity))
        lap("read store")
        // The two designs at once (each uses all cores in parts; together they keep both busy).
        let designs = ParallelMap.map([false, true]) { staggered -> DesignPart in
            staggered ? .staggered(stopwatch { self.staggeredResults(input) }) : self.matchedResults(input)
        }
        guard case .matched(var withStaggered, let matchedTimings) = designs[0],
              case .staggered(let staggered) = designs[1] else { preconditionFailure("one part per design") }
        timings += matchedTimings
        if let result = staggered.value {
            withStaggered.staggered = result
            if settings.comparisonDesign.includesMatched {
                withStaggered.effects = StaggeredPreTrendCheck.apply(to: withStaggered.effects, staggered: result,
                                                                     level: settings.diagnosticLevel)
            }
            timings.append(("not-yet-treated comparison (at the same time)", staggered.seconds))
        }
        clock = Date()
        withStaggered.cooperation = try Self.cooperation(store: store, effects: withStaggered.effects, settings: settings)
        lap("cooperation")
        // Disclosure control before anything is stored or written: every table is written from protected rows.
        let regions = Dictionary(input.sets.map { ($0.veiligheidshuis, $0.regio) }, uniquingKeysWith: { a, _ in a })
        withStaggered = DisclosurePlan(results: withStaggered, regions: regions, clients: []).applied(to: withStaggered)
        if let indicators = withStaggered.cooperation?.indicators {
            withStaggered.cooperation!.indicators = CooperationDisclosure.protect(indicators, threshold: settings.minimumCell)
        }
        lap("disclosure control")
        let record = try store.recordAnalysisRun(kind: "analysis", configuration: settings.json, purpose: settings.purpose,
                                                 toolVersion: toolVersion, matchRunID: input.matchRun.id)
        try store.saveRunResults(kind: "analysis", run: record.id, try withStaggered.storedForm())
        lap("store results")
        return Results(stored: withStaggered, record: record, timings: timings)
    }

    /// What each design produced, with its timings.
    private enum DesignPart: Sendable {
        case matched(AnalysisResults, [(String, Double)])
        case staggered((value: StaggeredResults?, seconds: Double))
    }

    /// `work`'s value and the seconds it took.
    private func stopwatch<T>(_ work: () -> T) -> (value: T, seconds: Double) {
        let start = Date()
        let value = work()
        return (value, Date().timeIntervalSince(start))
    }

    /// The not-yet-treated comparison, or nil when the design leaves it out.
    func staggeredResults(_ input: AnalysisInput) -> StaggeredResults? {
        guard settings.comparisonDesign.includesStaggered else { return nil }
        return StaggeredComparison(periods: input.periods, windows: settings.windows, ageBands: settings.ageBands,
                                   anticipationMonths: settings.anticipationMonths, minimumCell: settings.minimumCell)
            .estimate(input.sets)
    }

    /// The matched-control results (empty when the design leaves them out), with the time of each part.
    private func matchedResults(_ input: AnalysisInput) -> DesignPart {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ stage: String) { timings.append((stage, Date().timeIntervalSince(clock))); clock = Date() }
        let tallies = Self.tallies(input.sets)
        guard settings.comparisonDesign.includesMatched else {
            return .matched(AnalysisResults(settings: settings, matchRunID: input.matchRun.id, periods: input.periods, effects: [],
                                            sensitivity: [], ageModeration: [], eventStudies: [], survival: [], comparison: [],
                                            setTallies: tallies), [])
        }
        let counter = WindowCounter(periods: input.periods, design: settings.design)
        let effects = EffectsEstimator(counter: counter, windows: settings.windows, ageBands: settings.ageBands,
                                       minimumCell: settings.minimumCell, diagnosticLevel: settings.diagnosticLevel)
            .estimate(input.sets)
        lap("effects")
        let stored = AnalysisResults(
            settings: settings, matchRunID: input.matchRun.id, periods: input.periods, effects: effects,
            sensitivity: AnticipationSensitivity.estimate(input.sets, periods: input.periods, design: settings.design, windows: settings.windows),
            ageModeration: AgeModeration.estimate(input.sets, counter: counter, windows: settings.windows),
            eventStudies: Self.byHouse(input.sets) { AnalysisResults.ScopedEventStudy(veiligheidshuis: $0, points: EventStudy.estimate($1, counter: counter)) },
            survival: Self.byHouse(input.sets) { AnalysisResults.ScopedSurvival(veiligheidshuis: $0, result: SurvivalResult(TimeToFirstEvent($1, counter: counter))) },
            comparison: VeiligheidshuisComparison.compare(input.sets, counter: counter, windows: settings.windows, minimumSets: settings.minimumCell),
            setTallies: tallies)
        lap("sensitivity, age, event study, survival, comparison")
        return .matched(stored, timings)
    }

    /// The cooperation indicators and Stappenmeter results of the live registrations and questionnaires.
    static func cooperation(store: Store, effects: [EffectRow], settings: AnalysisSettings) throws -> CooperationResults {
        let forms = try store.stappenmeterForms(), instruments = try store.stappenmeterInstruments()
        if let orphan = forms.first(where: { instruments[$0.importID] == nil }) {
            throw StoreError.damaged("Stappenmeter import \(orphan.importID) has no instrument definition; import the file again with --replace")
        }
        return CooperationResults.compute(registrations: try store.registrations(), forms: forms, instruments: instruments,
                                          effects: effects, windows: settings.windows, minimumCell: settings.minimumCell)
    }

    /// The cooperation tables (none for a run stored by an earlier version).
    static func cooperationTables(_ c: CooperationResults?, minimumCell m: Int) -> [(String, String)] {
        guard let c else { return [] }
        return [
            ("cooperation_indicators.csv", CooperationTables.indicators(c.indicators, minimumCell: m)),
            ("stappenmeter_scores.csv", CooperationTables.scores(c.stappenmeter, minimumCell: m)),
            ("stappenmeter_distribution.csv", CooperationTables.distribution(c.stappenmeter, minimumCell: m)),
            ("stappenmeter_trend.csv", CooperationTables.trends(c.stappenmeter, minimumCell: m)),
            ("stappenmeter_association.csv", CooperationTables.association(c.stappenmeter)),
        ]
    }

    /// `make` for all sets (house nil) and for each Veiligheidshuis's sets, in parallel.
    static func byHouse<T: Sendable>(_ sets: [AnalysisSet], _ make: @Sendable @escaping (String?, [AnalysisSet]) -> T) -> [T] {
        let houses = Set(sets.map(\.veiligheidshuis)).sorted()
        let groups: [(String?, [AnalysisSet])] = [(nil, sets)] + houses.map { h in (h, sets.filter { $0.veiligheidshuis == h }) }
        return ParallelMap.map(groups) { make($0.0, $0.1) }
    }

    /// Sets by Veiligheidshuis, intake quarter and round.
    static func tallies(_ sets: [AnalysisSet]) -> [AnalysisResults.SetTally] {
        var counts: [String: [Quarter: [Int: Int]]] = [:]
        for s in sets { counts[s.veiligheidshuis, default: [:]][s.intakeQuarter, default: [:]][s.matchRound, default: 0] += 1 }
        return counts.keys.sorted().flatMap { h in
            counts[h]!.keys.sorted().flatMap { q in
                counts[h]![q]!.keys.sorted().map { AnalysisResults.SetTally(veiligheidshuis: h, quarter: q, round: $0, sets: counts[h]![q]![$0]!) }
            }
        }
    }

    /// Writes the result tables into `folder`; returns their paths.
    public static func write(_ r: Results, to folder: String) throws -> [String] {
        let m = r.settings.minimumCell, s = r.stored
        let all = s.survival().map { [$0] } ?? []
        let files: [(String, String)] = [
            ("effects.csv", EffectsTable.csv(s.effects, minimumCell: m, anticipationMonths: s.settings.anticipationMonths)),
            ("anticipation_sensitivity.csv", AnticipationSensitivity.csv(s.sensitivity, minimumCell: m)),
            ("age_moderation.csv", SecondaryTables.ageModeration(s.ageModeration, minimumCell: m)),
            ("event_study.csv", SecondaryTables.eventStudy(s.eventStudy(), minimumCell: m)),
            ("survival.csv", SecondaryTables.survivalCurves(all, minimumCell: m)),
            ("survival_summary.csv", SecondaryTables.survivalSummary(all, minimumCell: m)),
            ("vhh_comparison.csv", SecondaryTables.comparison(s.comparison)),
            // Header only when the run's design leaves the comparison out (data-schema/outputs.md).
            ("staggered.csv", StaggeredTables.rows(s.staggered ?? .none(s.settings), minimumCell: m)),
            ("staggered_event_study.csv", StaggeredTables.eventStudy(s.staggered ?? .none(s.settings), minimumCell: m)),
        ] + cooperationTables(s.cooperation, minimumCell: m)
        // All tables replaced in one step: never a mix of this run's and an earlier run's.
        return try TableFolder.write(files.map { (name: $0.0, text: $0.1) }, into: folder)
    }
}
