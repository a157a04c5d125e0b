import Foundation
import RendementCore
import RendementStore

/// The people matching works on, read from the store: the client cohort with
/// its covariates at intake, and every control candidate person-date with
/// its covariates. Deterministic for a store and settings, so the reports can
/// rebuild it to show balance for a stored matching run.
public struct MatchingPopulation: Sendable {
    public var cohort: ClientCohort
    public var clients: [CohortMember]
    public var candidates: [CohortMember]

    public static func build(store: Store, settings: MatchingSettings) throws -> MatchingPopulation {
        guard let bvhPeriod = try store.observationPeriod(.bvh) else {
            throw MatchingRun.Failure.missing("no BVH extract imported (rendement import bvh FILE)")
        }
        let records = try store.registrations()
        guard !records.isEmpty else { throw MatchingRun.Failure.missing("no client registrations imported (rendement import clienten FILE)") }
        let attributes = try store.personAttributes()
        let histories = try HistoryTable.load(from: store)
        let period = settings.period
        let stableKeys = try store.stablePersonKeys()
        let cohort = ClientCohort(registrations: records, attributes: attributes, histories: histories, bvhPeriod: bvhPeriod, period: period,
                                  stableKeys: stableKeys)
        guard !cohort.clients.isEmpty else {
            throw MatchingRun.Failure.missing("no client with a plan of approach, a birth date and a police record in the period")
        }
        let clients = cohort.clients.map { c in
            CohortMember(person: c.person, index: c.index,
                         covariates: MatchingCovariates(history: histories.history(of: c.person), index: c.index, birth: c.birth, sex: c.sex),
                         stableKey: stableKeys[c.person])
        }
        let months = Set(cohort.clients.map { $0.index.year * 12 + $0.index.month - 1 })
        let candidates = CandidatePool.build(histories: histories, attributes: attributes, excluding: cohort.everRegistered,
                                             clientMonths: months, monthTolerance: settings.widestMonthTolerance, bvhPeriod: bvhPeriod,
                                             stableKeys: stableKeys)
        return MatchingPopulation(cohort: cohort, clients: clients, candidates: candidates)
    }

    /// Turns stored units back into sets of indices into `clients` and `candidates`.
    public func sets(from units: [MatchedUnitRecord]) -> [MatchResult.MatchedSet] {
        let clientIndex = Dictionary(clients.enumerated().map { ($1.person, $0) }, uniquingKeysWith: { a, _ in a })
        var candidateIndex: [Int64: [(Int32, Int)]] = [:]
        for (i, c) in candidates.enumerated() { candidateIndex[c.person, default: []].append((c.index.number, i)) }
        var out: [MatchResult.MatchedSet] = []
        for group in Dictionary(grouping: units, by: \.setID).sorted(by: { $0.key < $1.key }) {
            guard let c = group.value.first(where: \.isClient), let ci = clientIndex[c.personKey] else { continue }
            let controls = group.value.filter { !$0.isClient }.compactMap { u in
                candidateIndex[u.personKey]?.first { $0.0 == u.index.number }?.1
            }
            guard !controls.isEmpty else { continue }
            out.append(MatchResult.MatchedSet(client: ci, controls: controls, distances: group.value.filter { !$0.isClient }.map { $0.distance ?? .nan }))
        }
        return out
    }
}
