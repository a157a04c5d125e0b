import Foundation
import RendementCore
import RendementStats

/// Computes every row of `effects.csv`: for each scope (all, each
/// Veiligheidshuis, region, intake quarter, target group), age band (`all`
/// and each band of the client's age at intake), source and window, the
/// before/after figures and the difference-in-differences with its tests;
/// Holm adjustment across the age bands (statsmodels `multipletests(method='holm')`);
/// and for every row the placebo, the pre-trend test and the credibility
/// judgement (`Credibility`). Scopes are estimated in parallel on all cores.
public struct EffectsEstimator: Sendable {
    public var counter: WindowCounter
    public var windows: [Int]
    public var ageBands: [AgeBand]
    /// Rows with fewer clients or controls than this are marked suppressed.
    public var minimumCell: Int
    /// The level of the credibility judgement (`Credibility.judge`).
    public var diagnosticLevel: Double

    public init(counter: WindowCounter, windows: [Int] = [1, 2, 3, 6, 12], ageBands: [AgeBand] = AgeBand.defaults,
                minimumCell: Int = 10, diagnosticLevel: Double = 0.05) {
        self.counter = counter
        self.windows = windows
        self.ageBands = ageBands
        self.minimumCell = minimumCell
        self.diagnosticLevel = diagnosticLevel
    }

    /// Every row: the scopes of `Scope.of` for every age band, and the period
    /// scopes of the quarterly reports (`Scope.periods`, over the quarters in
    /// which clients entered) for all ages.
    public func estimate(_ sets: [AnalysisSet]) -> [EffectRow] {
        var byScope: [Scope: [Int]] = [:]
        let quarters = sets.map(\.intakeQuarter)
        let range = quarters.min().map { $0...quarters.max()! }
        for (i, s) in sets.enumerated() {
            for scope in Scope.of(s) + (range.map { Scope.periods(of: s, quarters: $0) } ?? []) { byScope[scope, default: []].append(i) }
        }
        let counted = CountedSet.count(sets, counter: counter, windows: windows)
        let groups = byScope.keys.sorted().map { scope in (scope, byScope[scope]!.map { counted[$0] }) }
        let results = ParallelMap.map(groups) { group in self.rows(for: group.0, counted: group.1) }
        return results.flatMap { $0 }
    }

    /// The rows of one scope from its sets' counts.
    func rows(for scope: Scope, counted sets: [CountedSet]) -> [EffectRow] {
        var out: [EffectRow] = []
        let bands: [(label: String, contains: (Int) -> Bool)] = [("all", { _ in true })]
            + (scope.kind.isPeriod ? [] : ageBands.map { band in (band.description, { band.contains($0) }) })
        // The sets of each band, by position, found once for every source and window.
        let members = bands.map { band in sets.indices.filter { band.contains(sets[$0].age) } }
        for (s, source) in OutcomeSource.allCases.enumerated() {
            let preTrends = members.map { m in preTrend(m.compactMap { sets[$0].preTrend[s] }) }
            for (k, w) in windows.enumerated() {
                var rows = bands.indices.map { i in
                    row(scope, bands[i].label, source, w, members[i].compactMap { sets[$0].main[s][k] },
                        placebo: members[i].compactMap { sets[$0].placebo[s][k] }, preTrend: preTrends[i])
                }
                let ps = rows.dropFirst().map { $0.estimate?.pValue ?? .nan }
                if case let .success(adjusted) = LibraryCall.run({ () throws(StatsError) in try Multiplicity.holm(Array(ps)) }) {
                    for (i, p) in ps.enumerated() where !p.isNaN { rows[i + 1].pHolm = adjusted[i] }
                }
                out += rows
            }
        }
        return out
    }

    /// The pre-trend test of a group of sets' pre-trend counts.
    private func preTrend(_ counts: [(client: [Double], controls: [Double])]) -> PreTrendTest {
        guard let months = counter.design.preTrendMonths else {
            return PreTrendTest(firstMonth: -WindowDesign.preTrendSpanMonths, lastMonth: -(counter.design.anticipationMonths + 1),
                                binMonths: 1, sets: 0, statistic: nil, df1: nil, df2: nil, pValue: nil, reason: .noRoom)
        }
        return PreTrendTest.run(counts, months: months)
    }

    private func row(_ scope: Scope, _ band: String, _ source: OutcomeSource, _ w: Int, _ counts: [SetCounts],
                     placebo placeboCounts: [SetCounts], preTrend: PreTrendTest) -> EffectRow {
        let estimate = counts.isEmpty ? nil : DifferenceInDifferences(counts)
        let n = estimate?.summary
        let suppressed = (n?.clients ?? 0) < minimumCell || (n?.controls ?? 0) < minimumCell
        let placebo = PlaceboEstimate(windowMonths: counter.design.placeboMonths(for: w), counts: placeboCounts)
        return EffectRow(scope: scope, ageBand: band, source: source, windowMonths: w, estimate: estimate, pHolm: nil,
                         suppressed: suppressed, placebo: placebo, preTrend: preTrend,
                         credibility: .judge(preTrend: preTrend, placebo: placebo, level: diagnosticLevel))
    }
}
