import Foundation

/// Staggered difference-in-differences with not-yet-treated comparison units
/// (Callaway & Sant'Anna 2021, Journal of Econometrics 225(2); R `did::att_gt`
/// with `control_group = "notyettreated"`, `base_period = "universal"`, no
/// covariates, panel data), with anticipation.
///
/// For cohort g the base period is b = g - anticipation - 1. For each period t
/// (t != b) the comparison units are those whose cohort lies after
/// max(t, b) + anticipation (and is not g); with ΔY = Y_t - Y_b,
/// ATT(g, t) = mean ΔY of cohort g - mean ΔY of the comparison units.
/// Its influence function, scaled to all n units as `did` does, is
/// psi_i = (n / n_g)(ΔY_i - mu1) for a unit of g, -(n / n_c)(ΔY_i - mu0) for a
/// comparison unit and 0 otherwise; the analytic standard error is
/// sqrt(sum psi_i^2) / n. A unit is one cluster (a person), so the variance is
/// clustered on units.
///
/// With `baseLength` K > 1 the base is a unit's mean outcome over the K
/// periods up to g - anticipation - 1 (a base window, less sensitive to a
/// single period; with K = 1 it is `did`'s universal base period), every
/// period outside and inside the window is estimated against it, and a
/// comparison unit must be untreated (with anticipation) through t and the window.
///
/// A cell is estimated when its cohort has a unit, both periods lie in the
/// panel and at least `minimumComparison` comparison units exist (`did` uses 1).
/// With entries (`StaggeredPanel`), only units at risk in both periods take
/// part in a cell, on either side; n_g is then the cell's own count.
///
/// ```swift
/// let panel = try StaggeredPanel(periods: 6, cohorts: cohorts, outcomes: y)
/// let did = try StaggeredDifferenceInDifferences(panel, anticipation: 1, eventTimes: -3...2)
/// let twoMonths = did.cumulative(periods: 2)   // sum of ATT(g, g) and ATT(g, g + 1) over balanced cohorts
/// ```
public struct StaggeredDifferenceInDifferences: Sendable {
    /// The panel estimated on.
    public let panel: StaggeredPanel
    /// Periods before g in which units may already react (`did`'s `anticipation`).
    public let anticipation: Int
    /// Fewest comparison units for a cell.
    public let minimumComparison: Int
    /// Periods in the base window (1: the universal base period).
    public let baseLength: Int
    /// Every estimated ATT(g, t), by cohort and period.
    public private(set) var cells: [GroupTimeEffect]

    /// Units of each cohort.
    let members: [Int: [Int]]
    /// Each unit's stratum as a dense index 0..<S (arrays instead of hashing in the inner loops), and the stratum of each index.
    let denseStratum: [Int], stratumValues: [Int]
    /// Unit indices ordered by cohort (never treated last), and their cohorts (Int.max for never).
    let order: [Int], orderedCohorts: [Int]
    /// Cell index by (g, t).
    private(set) var cellIndex: [Pair: Int]

    struct Pair: Hashable { var g: Int, t: Int }

    /// Estimates every ATT(g, t) with event time t - g in `eventTimes`.
    /// - Throws: `StatsError` for a negative anticipation or a minimum below 1.
    public init(_ panel: StaggeredPanel, anticipation: Int, eventTimes: ClosedRange<Int>, minimumComparison: Int = 1,
                baseLength: Int = 1) throws(StatsError) {
        guard anticipation >= 0 else { throw .invalidValue("anticipation \(anticipation) is negative") }
        guard baseLength >= 1 else { throw .invalidValue("base length \(baseLength) is below 1") }
        self.baseLength = baseLength
        guard minimumComparison >= 1 else { throw .invalidValue("minimum comparison \(minimumComparison) is below 1") }
        self.panel = panel
        self.anticipation = anticipation
        self.minimumComparison = minimumComparison
        var members: [Int: [Int]] = [:]
        for (i, g) in panel.cohorts.enumerated() { if let g { members[g, default: []].append(i) } }
        self.members = members
        stratumValues = Array(Set(panel.strata)).sorted()
        let denseOf = Dictionary(uniqueKeysWithValues: stratumValues.enumerated().map { ($1, $0) })
        denseStratum = panel.strata.map { denseOf[$0]! }
        let order = panel.cohorts.indices.sorted { (panel.cohorts[$0] ?? .max, $0) < (panel.cohorts[$1] ?? .max, $1) }
        self.order = order
        orderedCohorts = order.map { panel.cohorts[$0] ?? .max }
        cells = []
        cellIndex = [:]
        var cells: [GroupTimeEffect] = [], index: [Pair: Int] = [:]
        for g in members.keys.sorted() where g < panel.periods {
            let b = g - anticipation - 1
            guard b - baseLength + 1 >= 0 else { continue }
            for e in eventTimes {
                let t = g + e
                guard t >= 0, t < panel.periods, baseLength > 1 || t != b, let cell = estimateCell(g: g, t: t) else { continue }
                index[Pair(g: g, t: t)] = cells.count
                cells.append(cell)
            }
        }
        self.cells = cells
        self.cellIndex = index
    }

    /// The estimated cell ATT(g, t), if any.
    public func cell(group g: Int, period t: Int) -> GroupTimeEffect? { cellIndex[Pair(g: g, t: t)].map { cells[$0] } }

    /// The base window of cohort g.
    func baseWindow(_ g: Int) -> ClosedRange<Int> { (g - anticipation - baseLength)...(g - anticipation - 1) }

    /// Unit i's change from the base (the mean over the base window) to period t.
    @inline(__always) func change(_ i: Int, _ t: Int, _ base: ClosedRange<Int>) -> Double {
        base.count == 1 ? panel.y(i, t) - panel.y(i, base.lowerBound) : panel.y(i, t) - panel.mean(i, base)
    }

    /// Calls `body` with every comparison unit of ATT(g, t): cohort after max(t, b) + anticipation, not g, at risk in t and the base window.
    func forEachComparison(g: Int, t: Int, _ body: (Int) -> Void) {
        let b = g - anticipation - 1, threshold = max(t, b) + anticipation, first = min(t, b - baseLength + 1)
        var lo = 0, hi = orderedCohorts.count
        while lo < hi { let mid = (lo + hi) / 2; if orderedCohorts[mid] > threshold { hi = mid } else { lo = mid + 1 } }
        for p in lo..<orderedCohorts.count where orderedCohorts[p] != g && panel.entries[order[p]] <= first { body(order[p]) }
    }

    /// The units of cohort g at risk in both t and the base window.
    func treatedUnits(g: Int, t: Int) -> [Int] {
        let first = min(t, g - anticipation - baseLength)
        return (members[g] ?? []).filter { panel.entries[$0] <= first }
    }

    /// ATT(g, t) with its analytic standard error, or nil when the cell cannot be estimated.
    /// With strata: ATT = mean over the treated of (change_i - mu0 of its stratum), over the
    /// treated whose stratum has comparison units; psi_i = (n / n_g)(change_i - mu0_s - ATT)
    /// for those, -(n / n_g)(n_g,s / n_c,s)(change_j - mu0_s) for comparison unit j of stratum s
    /// (one stratum: the difference of the two means).
    func estimateCell(g: Int, t: Int) -> GroupTimeEffect? {
        let b = g - anticipation - 1, base = baseWindow(g), strataCount = stratumValues.count
        var n = [Int](repeating: 0, count: strataCount), sum = [Double](repeating: 0, count: strataCount)
        forEachComparison(g: g, t: t) { j in
            let s = denseStratum[j]
            n[s] += 1
            sum[s] += change(j, t, base)
        }
        let treated = treatedUnits(g: g, t: t).filter { n[denseStratum[$0]] > 0 }
        guard !treated.isEmpty else { return nil }
        var treatedIn = [Int](repeating: 0, count: strataCount)
        for i in treated { treatedIn[denseStratum[i]] += 1 }
        let used = (0..<strataCount).filter { treatedIn[$0] > 0 }
        let comparison = used.reduce(0) { $0 + n[$1] }
        guard comparison >= minimumComparison else { return nil }
        let means = (0..<strataCount).map { n[$0] > 0 ? sum[$0] / Double(n[$0]) : 0 }
        let n1 = Double(treated.count)
        let gaps = treated.map { change($0, t, base) - means[denseStratum[$0]] }
        let att = Self.mean(gaps)
        var variance = gaps.reduce(0) { $0 + ($1 - att) * ($1 - att) } / (n1 * n1)
        var squares = [Double](repeating: 0, count: strataCount)
        forEachComparison(g: g, t: t) { j in
            let s = denseStratum[j]
            guard treatedIn[s] > 0 else { return }
            let d = change(j, t, base) - means[s]
            squares[s] += d * d
        }
        var strata: [Int: GroupTimeEffect.StratumComparison] = [:]
        for s in used {   // in stratum order: the same sum, to the bit, in every run
            let w = Double(treatedIn[s]) / (n1 * Double(n[s]))
            variance += w * w * squares[s]
            strata[stratumValues[s]] = .init(treated: treatedIn[s], comparison: n[s], mean: means[s])
        }
        return GroupTimeEffect(group: g, period: t, basePeriod: b, baseWindow: base, att: att, standardError: variance.squareRoot(),
                               treated: treated.count, comparison: comparison, strata: strata)
    }

    /// A cell's stratum comparisons by dense stratum index (nil: the stratum has no treated unit in the cell).
    func denseComparisons(_ c: GroupTimeEffect) -> [GroupTimeEffect.StratumComparison?] {
        stratumValues.map { c.strata[$0] }
    }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
}
