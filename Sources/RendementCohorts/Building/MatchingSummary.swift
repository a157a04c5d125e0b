import Foundation
import RendementCore
import RendementStore

/// What a matching run produced that tables and reports show, stored with
/// the run (`run_results`, kind `match`): the cohort in numbers, the
/// candidates, the sets, why clients were left unmatched, the balance before
/// and after, the rounds of staged matching and the propensity model. The
/// reports render this; they never rebuild the cohort or the balance.
public struct MatchingSummary: Sendable, Codable {
    /// A count of clients by Veiligheidshuis and intake quarter.
    public struct HouseQuarter: Sendable, Codable, Equatable {
        public var veiligheidshuis: String
        public var quarter: Quarter
        public var clients: Int
    }

    /// Clients left unmatched, by Veiligheidshuis and reason.
    public struct Unmatched: Sendable, Codable, Equatable {
        public var veiligheidshuis: String
        public var reason: UnmatchedReason
        public var clients: Int
    }

    /// Per Veiligheidshuis: clients with a plan in the period, and how many appear in the police data.
    public struct Coverage: Sendable, Codable, Equatable {
        public var veiligheidshuis: String
        public var clients: Int
        public var found: Int
    }

    /// A coefficient of the propensity model.
    public struct Coefficient: Sendable, Codable, Equatable {
        public var name: String
        public var estimate: Double
        public var standardError: Double
    }

    public var runID: Int64
    public var settings: MatchingSettings
    public var registrations: Int
    /// Clients of the analysis (first intake with a plan of approach).
    public var clients: Int
    public var foldedRegistrations: Int
    /// Persons with registrations left out of the cohort, by reason.
    public var excluded: [String: Int]
    public var coverage: [Coverage]
    public var clientsByHouseQuarter: [HouseQuarter]
    public var candidates: Int
    public var candidatePersons: Int
    public var matchedSets: Int
    public var controls: Int
    public var caliper: Double?
    public var unmatched: [Unmatched]
    public var balance: [BalanceRow]
    public var rounds: [ControlGroupMatching.Round]
    public var propensity: [Coefficient]
    /// Features left out of the propensity model because they did not vary.
    public var constantFeatures: [String]

    /// Clients of one Veiligheidshuis (all quarters, or one).
    public func clients(of house: String, in quarter: Quarter? = nil) -> Int {
        clientsByHouseQuarter.filter { $0.veiligheidshuis == house && (quarter == nil || $0.quarter == quarter) }.reduce(0) { $0 + $1.clients }
    }

    /// The intake quarters of a Veiligheidshuis's clients, in order.
    public func quarters(of house: String) -> [Quarter] {
        Array(Set(clientsByHouseQuarter.filter { $0.veiligheidshuis == house }.map(\.quarter))).sorted()
    }

    /// The coverage of one Veiligheidshuis, if it had clients.
    public func coverage(of house: String) -> Coverage? { coverage.first { $0.veiligheidshuis == house } }

    /// The result name under which the summary is stored with its run.
    public static let resultName = "summary"

    /// The summary stored with match run `run`; an error when the run stored none.
    public static func load(from store: Store, run: Int64) throws -> MatchingSummary {
        guard let data = try store.runResult(kind: "match", run: run, name: resultName) else {
            throw MatchingRun.Failure.missing("match run \(run) stored no summary (it was made by an earlier version): run rendement match again")
        }
        do { return try StoredJSON.decoder.decode(MatchingSummary.self, from: data) } catch {
            throw StoreError.damaged("the summary of match run \(run) cannot be read: \(error)")
        }
    }

    /// The summary of a matching run's outcome.
    init(runID: Int64, settings: MatchingSettings, cohort: ClientCohort, candidates: [CohortMember], outcome: ControlGroupMatching.Outcome,
         unmatched: [String: [UnmatchedReason: Int]], balance: [BalanceRow]) {
        self.runID = runID
        self.settings = settings
        registrations = cohort.registrations
        clients = cohort.clients.count
        foldedRegistrations = cohort.foldedRegistrations
        excluded = Dictionary(uniqueKeysWithValues: cohort.excluded.map { ($0.key.rawValue, $0.value) })
        coverage = cohort.coverage.keys.sorted().map { Coverage(veiligheidshuis: $0, clients: cohort.coverage[$0]!.clients, found: cohort.coverage[$0]!.found) }
        var byHouseQuarter: [String: [Quarter: Int]] = [:]
        for c in cohort.clients { byHouseQuarter[c.veiligheidshuis, default: [:]][Quarter(containing: c.index), default: 0] += 1 }
        clientsByHouseQuarter = byHouseQuarter.keys.sorted().flatMap { house in
            byHouseQuarter[house]!.keys.sorted().map { HouseQuarter(veiligheidshuis: house, quarter: $0, clients: byHouseQuarter[house]![$0]!) }
        }
        self.candidates = candidates.count
        candidatePersons = Set(candidates.map(\.person)).count
        matchedSets = outcome.sets.count
        controls = outcome.sets.reduce(0) { $0 + $1.controls.count }
        caliper = outcome.caliper
        self.unmatched = unmatched.keys.sorted().flatMap { house in
            unmatched[house]!.keys.sorted { $0.rawValue < $1.rawValue }.map { Unmatched(veiligheidshuis: house, reason: $0, clients: unmatched[house]![$0]!) }
        }
        self.balance = balance
        rounds = outcome.rounds
        propensity = PropensityModel.featureNames.indices.map {
            Coefficient(name: PropensityModel.featureNames[$0], estimate: outcome.propensity.coefficients[$0],
                        standardError: outcome.propensity.standardErrors[$0])
        }
        constantFeatures = outcome.propensity.constantFeatures
    }
}
