import RendementCore
import RendementStore

/// Everything the analysis reads from the store, loaded once: the latest
/// matched sets with every member's outcome history (a control's index
/// incidents -- its BVH suspect incidents on the index date -- and every pv
/// linked to them removed), the observation periods and the registry.
public struct AnalysisInput: Sendable {
    public var sets: [AnalysisSet]
    public var periods: ObservationPeriods
    public var matchRun: MatchRunRecord

    public enum Failure: Error, CustomStringConvertible {
        case missing(String)
        /// The matched sets no longer describe the store.
        case stale(String)
        public var description: String {
            switch self {
            case .missing(let what): "cannot analyse: \(what)"
            case .stale(let why): "cannot analyse: \(why)"
            }
        }
    }

    public static func load(from store: Store, filter: HistoryTable.Filter = HistoryTable.Filter()) throws -> AnalysisInput {
        guard let run = try store.latestMatchRun() else { throw Failure.missing("no matched sets in the store (run rendement match first)") }
        guard !run.inputs.isEmpty else {
            throw Failure.stale("matching run \(run.id) was made by an earlier version that did not record its inputs: run rendement match again")
        }
        let live = try store.liveInputs(kinds: InputKind.readByMatching)
        if let changed = Staleness.of(recorded: run.inputs, live: live, kinds: InputKind.readByMatching.map(\.rawValue)) {
            throw Failure.stale("\(changed) after matching run \(run.id): run rendement match again")
        }
        let units = try store.matchedUnits(run: run.id)
        guard !units.isEmpty else { throw Failure.missing("the latest matching run has no matched sets") }
        let periods = ObservationPeriods(bvh: try store.observationPeriod(.bvh), hks: try store.observationPeriod(.hks))
        // The registry is checked (each name once): duplicates are a one-line reason, never a crash.
        let registry = Dictionary(uniqueKeysWithValues: try store.registry().map { ($0.name, $0) })
        // Only the members of the sets are read (a national store holds millions of persons).
        let members = Set(units.map(\.personKey))
        let attributes = try store.personAttributes(of: members)
        let histories = try HistoryTable.load(from: store, filter: filter, persons: members)
        var sets: [AnalysisSet] = []
        for group in Dictionary(grouping: units, by: \.setID).sorted(by: { $0.key < $1.key }) {
            guard let c = group.value.first(where: \.isClient) else { continue }
            func member(_ u: MatchedUnitRecord) -> SetMember {
                var history = histories.history(of: u.personKey)
                if !u.isClient {
                    for incident in histories.suspectIncidents(of: u.personKey) where incident.day == u.index.number {
                        history = history.removing(incident: incident.incident)
                    }
                }
                let birth = attributes[u.personKey]?.birth
                let age = birth.map { u.index.age(bornOn: $0) } ?? -1
                return SetMember(person: u.personKey, index: u.index, age: age, history: history, birth: birth)
            }
            let house = registry[c.veiligheidshuis]
            sets.append(AnalysisSet(id: group.key, client: member(c), controls: group.value.filter { !$0.isClient }.map(member),
                                    veiligheidshuis: c.veiligheidshuis, regio: house?.regio ?? "onbekend", doelgroep: c.doelgroep,
                                    founded: house?.opgericht ?? c.index.year, matchRound: c.round))
        }
        return AnalysisInput(sets: sets, periods: periods, matchRun: run)
    }
}
