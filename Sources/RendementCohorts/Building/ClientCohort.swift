import RendementCore
import RendementStore

/// The clients of the analysis: persons with a registration whose plan of
/// approach is `ja`, each entering once, at their first such intake in the
/// analysis period, with the Veiligheidshuis and target group of that
/// intake. Counts what was folded and what was left out, and why.
public struct ClientCohort: Sendable {
    /// One client at its index date.
    public struct Client: Sendable {
        public var person: Int64
        public var index: Day
        public var veiligheidshuis: String
        public var doelgroep: String
        public var birth: Day
        public var sex: Sex
    }

    /// Why a person with registrations is not a client of the analysis.
    public enum Exclusion: String, Sendable, CaseIterable {
        case noPlan = "no_plan_of_approach"
        case noBirthDate = "no_birth_date"
        case outsidePeriod = "outside_analysis_period"
        case noPoliceRecord = "no_police_record"
        case tooYoung = "younger_than_12"
    }

    public var clients: [Client]
    /// Every person who was ever registered (never a control).
    public var everRegistered: Set<Int64>
    public var registrations: Int
    /// Registrations beyond the first of a client that were folded into it.
    public var foldedRegistrations: Int
    public var excluded: [Exclusion: Int]
    /// Per Veiligheidshuis: (clients with a plan in the period, of whom found in the police data).
    public var coverage: [String: (clients: Int, found: Int)]

    /// Builds the cohort. `period` limits intake dates (nil: any); a client
    /// also needs its 1-month windows inside the BVH observation period.
    /// Clients are in the order of their stable keys (`StablePersonKey`;
    /// the store key when none is given), never in the order of import.
    public init(registrations records: [RegistrationRecord], attributes: [Int64: PersonAttributes], histories: HistoryTable,
                bvhPeriod: ClosedRange<Day>?, period: ClosedRange<Day>? = nil, stableKeys: [Int64: UInt64] = [:]) {
        registrations = records.count
        everRegistered = Set(records.map(\.personKey))
        var byPerson: [Int64: [RegistrationRecord]] = [:]
        for r in records { byPerson[r.personKey, default: []].append(r) }
        var clients: [Client] = [], excluded: [Exclusion: Int] = [:], folded = 0
        var coverage: [String: (clients: Int, found: Int)] = [:]
        for person in byPerson.keys.sorted() {
            let regs = byPerson[person]!.sorted { ($0.instroom, $0.veiligheidshuis) < ($1.instroom, $1.veiligheidshuis) }
            let planned = regs.filter { $0.planVanAanpak && (period?.contains($0.instroom) ?? true) }
            guard let first = planned.first else {
                excluded[regs.contains(where: \.planVanAanpak) ? .outsidePeriod : .noPlan, default: 0] += 1
                continue
            }
            let found = histories.contains(person)
            coverage[first.veiligheidshuis, default: (0, 0)].clients += 1
            if found { coverage[first.veiligheidshuis, default: (0, 0)].found += 1 }
            guard let birth = attributes[person]?.birth else { excluded[.noBirthDate, default: 0] += 1; continue }
            if let bvh = bvhPeriod, !OutcomeWindows(index: first.instroom, months: 1).lies(within: bvh.lowerBound, bvh.upperBound) {
                excluded[.outsidePeriod, default: 0] += 1; continue
            }
            guard found else { excluded[.noPoliceRecord, default: 0] += 1; continue }
            guard first.instroom.age(bornOn: birth) >= 12 else { excluded[.tooYoung, default: 0] += 1; continue }
            folded += regs.count - 1
            clients.append(Client(person: person, index: first.instroom, veiligheidshuis: first.veiligheidshuis,
                                  doelgroep: first.doelgroep, birth: birth, sex: attributes[person]?.sex ?? .onbekend))
        }
        func key(_ person: Int64) -> UInt64 { stableKeys[person] ?? UInt64(bitPattern: person) }
        self.clients = clients.sorted { (key($0.person), $0.index.number) < (key($1.person), $1.index.number) }
        self.foldedRegistrations = folded
        self.excluded = excluded
        self.coverage = coverage
    }
}
