import Foundation
import RendementCore
import RendementStats

/// Computes every row of `effects.csv`: for each scope (all, each
/// Veiligheidshuis, region, intake quarter, target group), age band (`all`
/// and each band of the client's age at intake), source and window, the
/// before/after figures and the difference-in-differences with its tests;
/// Holm adjustment across the age bands (statsmodels `multipletests(method='holm')`).
/// Scopes are estimated in parallel on all cores.
public struct EffectsEstimator: Sendable {
    public var counter: WindowCounter
    public var windows: [Int]
    public var ageBands: [AgeBand]
    /// Rows with fewer clients or controls than this are marked suppressed.
    public var minimumCell: Int

    public init(counter: WindowCounter, windows: [Int] = [1, 2, 3, 6, 12], ageBands: [AgeBand] = AgeBand.defaults,
                minimumCell: Int = 10) {
        self.counter = counter
        self.windows = windows
        self.ageBands = ageBands
        self.minimumCell = minimumCell
    }

    public func estimate(_ sets: [AnalysisSet]) -> [EffectRow] {
        var byScope: [Scope: [Int]] = [:]
        for (i, s) in sets.enumerated() { for scope in Scope.of(s) { byScope[scope, default: []].append(i) } }
        let groups = byScope.keys.sorted().map { scope in (scope, byScope[scope]!.map { sets[$0] }) }
        let results = ParallelMap.map(groups) { group in self.rows(for: group.0, sets: group.1) }
        return results.flatMap { $0 }
    }

    /// The rows of one scope, given the sets that belong to it.
    public func rows(for scope: Scope, sets: [AnalysisSet]) -> [EffectRow] {
        var out: [EffectRow] = []
        for source in OutcomeSource.allCases {
            for w in windows {
                let counted = sets.compactMap { s in counter.counts(s, source: source, months: w).map { (s.client.age, $0) } }
                out.append(row(scope, "all", source, w, counted.map(\.1)))
                var bandRows: [EffectRow] = []
                for band in ageBands {
                    bandRows.append(row(scope, band.description, source, w, counted.filter { band.contains($0.0) }.map(\.1)))
                }
                let ps = bandRows.map { $0.estimate?.pValue ?? .nan }
                if case let .success(adjusted) = LibraryCall.run({ () throws(StatsError) in try Multiplicity.holm(ps) }) {
                    for i in bandRows.indices where !ps[i].isNaN { bandRows[i].pHolm = adjusted[i] }
                }
                out += bandRows
            }
        }
        return out
    }

    private func row(_ scope: Scope, _ band: String, _ source: OutcomeSource, _ w: Int, _ counts: [SetCounts]) -> EffectRow {
        let estimate = counts.isEmpty ? nil : DifferenceInDifferences(counts)
        let n = estimate?.summary
        let suppressed = (n?.clients ?? 0) < minimumCell || (n?.controls ?? 0) < minimumCell
        return EffectRow(scope: scope, ageBand: band, source: source, windowMonths: w, estimate: estimate, pHolm: nil,
                         suppressed: suppressed)
    }
}
