import RendementCore
import RendementStore

/// The control candidates: persons never registered at a Veiligheidshuis, on
/// each date they were registered in BVH as a suspect (a police contact
/// handled by the criminal-justice route). Only dates in the months clients
/// entered (widened by the month tolerance), with 1-month windows inside the
/// BVH observation period, for persons aged 12 or more with a known birth
/// date. Several suspect incidents on one day give one candidate date (the
/// incident with the smallest key). Candidates are returned in the order of
/// (stable person key, date), never in the order of import.
public enum CandidatePool {
    /// Every candidate date, built on all cores and ordered by (stable person key, date).
    public static func build(histories: HistoryTable, attributes: [Int64: PersonAttributes], excluding registered: Set<Int64>,
                             clientMonths: Set<Int>, monthTolerance: Int, bvhPeriod: ClosedRange<Day>,
                             stableKeys: [Int64: UInt64] = [:]) -> [CohortMember] {
        var months = Set<Int>()
        for m in clientMonths { for d in -monthTolerance...monthTolerance { months.insert(m + d) } }
        let wanted = months
        // Persons in contiguous parts, one per core; the sort below fixes the order whatever the parts.
        let parts = ParallelMap.map(ParallelMap.ranges(histories.persons.count)) { range in
            candidates(of: histories.persons[range], histories: histories, attributes: attributes, excluding: registered,
                       months: wanted, bvhPeriod: bvhPeriod, stableKeys: stableKeys)
        }
        var out = parts.flatMap { $0 }
        out.sort { ($0.stableKey, $0.index.number) < ($1.stableKey, $1.index.number) }
        return out
    }

    /// The candidate dates of some persons, in person order.
    private static func candidates(of persons: ArraySlice<Int64>, histories: HistoryTable, attributes: [Int64: PersonAttributes],
                                   excluding registered: Set<Int64>, months: Set<Int>, bvhPeriod: ClosedRange<Day>,
                                   stableKeys: [Int64: UInt64]) -> [CohortMember] {
        var out: [CohortMember] = []
        for person in persons where !registered.contains(person) {
            guard let attr = attributes[person], let birth = attr.birth else { continue }
            let incidents = histories.suspectIncidents(of: person)
            guard !incidents.isEmpty else { continue }
            var history: PoliceHistory? = nil
            var lastDay: Int32? = nil
            for (day, incident) in incidents where day != lastDay {
                lastDay = day
                let index = Day(number: day)
                guard months.contains(index.year * 12 + index.month - 1),
                      OutcomeWindows(index: index, months: 1).lies(within: bvhPeriod.lowerBound, bvhPeriod.upperBound),
                      index.age(bornOn: birth) >= 12 else { continue }
                if history == nil { history = histories.history(of: person) }
                out.append(CohortMember(person: person, index: index,
                                        covariates: MatchingCovariates(history: history!, index: index, birth: birth, sex: attr.sex),
                                        indexIncident: incident, stableKey: stableKeys[person]))
            }
        }
        return out
    }
}
