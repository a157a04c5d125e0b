import Foundation
import RendementCore
import RendementStore

/// `rendement match` as a library call: read the store, build the client
/// cohort and the candidate pool, match, measure balance, store the sets.
public struct MatchingRun: Sendable {
    /// What a run produced, for printing and for the reports.
    public struct Report: Sendable {
        public var runID: Int64
        public var cohort: ClientCohort
        public var candidates: Int
        public var candidatePersons: Int
        public var matchedSets: Int
        public var controls: Int
        public var caliper: Double?
        public var unmatchedByHouse: [String: [UnmatchedReason: Int]]
        public var balance: [BalanceRow]
        public var propensity: PropensityModel
        /// The rounds of staged matching.
        public var rounds: [ControlGroupMatching.Round]
        /// What is stored with the run for the reports.
        public var summary: MatchingSummary
        public var timings: [(stage: String, seconds: Double)]
    }

    /// Why matching cannot start.
    public enum Failure: Error, CustomStringConvertible {
        case missing(String)
        public var description: String {
            switch self { case .missing(let what): "cannot match: \(what)" }
        }
    }

    public var settings: MatchingSettings
    public var toolVersion: String

    public init(settings: MatchingSettings, toolVersion: String) {
        self.settings = settings
        self.toolVersion = toolVersion
    }

    /// The kinds of input matching reads (a replaced import of any of them makes the run stale).
    public static let inputKinds = InputKind.readByMatching

    public func run(store: Store, progress: ((String) -> Void)? = nil) throws -> Report {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ stage: String) { timings.append((stage, Date().timeIntervalSince(clock))); clock = Date(); progress?(stage) }

        let population = try MatchingPopulation.build(store: store, settings: settings)
        let cohort = population.cohort, clients = population.clients, candidates = population.candidates
        guard !candidates.isEmpty else { throw Failure.missing("no control candidates (persons never registered, with a BVH suspect registration in the clients' intake months)") }
        lap("read store, cohort and candidates")

        let matching = ControlGroupMatching(
            matching: MatchingOptions(ratio: settings.ratio, caliperSD: settings.caliperSD, withReplacement: settings.withReplacement,
                                      seed: settings.seed, distance: settings.distance),
            exact: settings.exactRules, relaxations: settings.relaxations)
        let outcome = try matching.run(clients: clients, candidates: candidates)
        lap("propensity and matching")

        var unmatched: [String: [UnmatchedReason: Int]] = [:]
        for u in outcome.unmatched { unmatched[cohort.clients[u.client].veiligheidshuis, default: [:]][u.reason, default: 0] += 1 }
        let balance = BalanceTable.rows(clients: clients, candidates: candidates, sets: outcome.sets,
                                        clientScope: cohort.clients.map(\.veiligheidshuis))
        lap("balance")

        var units: [MatchedUnitRecord] = []
        for (n, s) in outcome.sets.enumerated() {
            let c = cohort.clients[s.client]
            units.append(MatchedUnitRecord(setID: n + 1, isClient: true, personKey: c.person, index: c.index, indexIncident: nil,
                                           veiligheidshuis: c.veiligheidshuis, doelgroep: c.doelgroep, weight: 1, distance: nil,
                                           round: s.round))
            for (k, control) in s.controls.enumerated() {
                let m = candidates[control]
                units.append(MatchedUnitRecord(setID: n + 1, isClient: false, personKey: m.person, index: m.index,
                                               indexIncident: m.indexIncident, veiligheidshuis: c.veiligheidshuis, doelgroep: c.doelgroep,
                                               weight: 1 / Double(s.controls.count), distance: s.distances[k], round: s.round))
            }
        }
        let unmatchedRecords = outcome.unmatched.map { u in
            let c = cohort.clients[u.client]
            return UnmatchedClientRecord(personKey: c.person, index: c.index, veiligheidshuis: c.veiligheidshuis,
                                         doelgroep: c.doelgroep, reason: u.reason.rawValue)
        }
        var summary = MatchingSummary(runID: 0, settings: settings, cohort: cohort, candidates: candidates, outcome: outcome,
                                      unmatched: unmatched, balance: balance)
        let runID = try store.saveMatchRun(configuration: settings.json, seed: settings.seed, caliper: outcome.caliper,
                                           clients: cohort.clients.count, toolVersion: toolVersion, units: units,
                                           unmatched: unmatchedRecords, inputs: try store.liveInputs(kinds: Self.inputKinds)) { id in
            summary.runID = id
            return [MatchingSummary.resultName: try StoredJSON.encoder.encode(summary)]
        }
        lap("store sets")
        return Report(runID: runID, cohort: cohort, candidates: candidates.count, candidatePersons: Set(candidates.map(\.person)).count,
                      matchedSets: outcome.sets.count, controls: outcome.sets.reduce(0) { $0 + $1.controls.count },
                      caliper: outcome.caliper, unmatchedByHouse: unmatched, balance: balance, propensity: outcome.propensity,
                      rounds: outcome.rounds, summary: summary, timings: timings)
    }
}
