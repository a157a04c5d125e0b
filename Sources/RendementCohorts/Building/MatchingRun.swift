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

    public func run(store: Store, progress: ((String) -> Void)? = nil) throws -> Report {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ stage: String) { timings.append((stage, Date().timeIntervalSince(clock))); clock = Date(); progress?(stage) }

        guard let bvhPeriod = try store.observationPeriod(.bvh) else { throw Failure.missing("no BVH extract imported (rendement import bvh FILE)") }
        let records = try store.registrations()
        guard !records.isEmpty else { throw Failure.missing("no client registrations imported (rendement import clienten FILE)") }
        let attributes = try store.personAttributes()
        let histories = try HistoryTable.load(from: store)
        lap("read store")

        let period: ClosedRange<Day>? = {
            guard let f = settings.periodFrom.flatMap(Day.init(iso:)), let t = settings.periodTo.flatMap(Day.init(iso:)), f <= t else { return nil }
            return f...t
        }()
        let cohort = ClientCohort(registrations: records, attributes: attributes, histories: histories, bvhPeriod: bvhPeriod, period: period)
        guard !cohort.clients.isEmpty else { throw Failure.missing("no client with a plan of approach, a birth date and a police record in the period") }
        let clients = cohort.clients.map { c in
            CohortMember(person: c.person, index: c.index,
                         covariates: MatchingCovariates(history: histories.history(of: c.person), index: c.index, birth: c.birth, sex: c.sex))
        }
        let months = Set(cohort.clients.map { $0.index.year * 12 + $0.index.month - 1 })
        let candidates = CandidatePool.build(histories: histories, attributes: attributes, excluding: cohort.everRegistered,
                                             clientMonths: months, monthTolerance: settings.monthTolerance, bvhPeriod: bvhPeriod)
        guard !candidates.isEmpty else { throw Failure.missing("no control candidates (persons never registered, with a BVH suspect registration in the clients' intake months)") }
        lap("cohort and candidates")

        let exactVariables = Set(settings.exact.compactMap(ExactMatching.Variable.init(rawValue:)))
        let bands = settings.ageBands.compactMap(AgeBand.init)
        let matching = ControlGroupMatching(
            matching: MatchingOptions(ratio: settings.ratio, caliperSD: settings.caliperSD, withReplacement: settings.withReplacement,
                                      seed: settings.seed),
            exact: ExactMatching(variables: exactVariables, ageBands: bands, monthTolerance: settings.monthTolerance))
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
                                           veiligheidshuis: c.veiligheidshuis, doelgroep: c.doelgroep, weight: 1, distance: nil))
            for (k, control) in s.controls.enumerated() {
                let m = candidates[control]
                units.append(MatchedUnitRecord(setID: n + 1, isClient: false, personKey: m.person, index: m.index,
                                               indexIncident: m.indexIncident, veiligheidshuis: c.veiligheidshuis, doelgroep: c.doelgroep,
                                               weight: 1 / Double(s.controls.count), distance: s.distances[k]))
            }
        }
        let runID = try store.saveMatchRun(configuration: settings.json, seed: settings.seed, caliper: outcome.caliper,
                                           clients: cohort.clients.count, toolVersion: toolVersion, units: units)
        lap("store sets")
        return Report(runID: runID, cohort: cohort, candidates: candidates.count, candidatePersons: Set(candidates.map(\.person)).count,
                      matchedSets: outcome.sets.count, controls: outcome.sets.reduce(0) { $0 + $1.controls.count },
                      caliper: outcome.caliper, unmatchedByHouse: unmatched, balance: balance, propensity: outcome.propensity,
                      timings: timings)
    }
}
