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
        var parts = ParallelMap.map(ParallelMap.ranges(histories.persons.count)) { range in
            candidates(of: histories.persons[range], histories: histories, attributes: attributes, excluding: registered,
                       months: wanted, bvhPeriod: bvhPeriod, stableKeys: stableKeys)
        }
        // Joined part by part (each part released once copied) and sorted in place through small keys: the
        // members are large, and a national pool holds millions of them, so no second copy is ever made.
        var all: [CohortMember] = []
        all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for k in parts.indices { all += parts[k]; parts[k] = [] }
        var keys = all.enumerated().map { (key: $1.stableKey, day: $1.index.number, at: Int32($0)) }
        keys.sort { ($0.key, $0.day, $0.at) < ($1.key, $1.day, $1.at) }
        permute(&all, to: keys.map { Int($0.at) })
        return all
    }

    /// Reorders `values` in place so that position k holds the value that was at `order[k]` (cycle by cycle).
    static func permute<T>(_ values: inout [T], to order: [Int]) {
        var placed = [Bool](repeating: false, count: values.count)
        for start in values.indices where !placed[start] {
            let first = values[start]
            var k = start
            while order[k] != start {
                values[k] = values[order[k]]
                placed[k] = true
                k = order[k]
            }
            values[k] = first
            placed[k] = true
        }
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
