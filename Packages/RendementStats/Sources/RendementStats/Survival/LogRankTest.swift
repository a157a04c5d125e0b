import Foundation

/// The log-rank test of equal survival in k >= 2 groups, optionally
/// stratified and with case weights, as R `survival::survdiff(Surv(time,
/// event) ~ group + strata(s))` (rho = 0; Mantel 1966, Peto & Peto 1972) and
/// lifelines `multivariate_logrank_test(..., weights = w)`.
///
/// Within each stratum, at every distinct event time with n at risk and d
/// events (sums of weights), group j contributes O_j += d_j, E_j += d n_j / n
/// and V_jl += f d/n^2 (n n_j delta_jl - n_j n_l), f = (n - d)/(n - 1)
/// (f = 1 when n = 1, as lifelines; such a time adds nothing without
/// weights). The statistic is (O - E)' V^- (O - E) over the groups with
/// E > 0 after dropping the first of them, referred to chi-square with
/// (number of such groups - 1) df -- exactly survdiff's handling of empty
/// groups.
///
/// ```swift
/// let test = try LogRankTest(times: days, events: relapsed, groups: arm, weights: w, strata: matchedSet)
/// if let reason = test.degeneracy { print(reason) } else { print(test.chiSquared, test.pValue) }
/// ```
public struct LogRankTest: Sendable, Equatable {
    /// Group labels, ascending (R orders factor levels).
    public let groups: [Int]
    /// Observed events per group (summed over strata; weighted).
    public let observed: [Double]
    /// Expected events per group under the null.
    public let expected: [Double]
    /// Variance-covariance matrix of O - E (k x k).
    public let variance: Matrix
    /// Chi-square statistic (NaN when `degeneracy` is set).
    public let chiSquared: Double
    /// Degrees of freedom.
    public let degreesOfFreedom: Int
    /// `.singleGroup` (fewer than two groups with expected events), `.noEvents`, or
    /// `.zeroVariance` (singular variance); chiSquared and pValue are then NaN.
    public let degeneracy: Degeneracy?
    /// Upper-tail chi-square p-value (NaN when `degeneracy` is set).
    public var pValue: Double {
        degeneracy == nil ? ChiSquared(degreesOfFreedom: Double(degreesOfFreedom)).sf(chiSquared) : .nan
    }

    /// Runs the test.
    ///
    /// - Parameters:
    ///   - times: observed times, non-negative and finite.
    ///   - events: true for an event, false for censoring.
    ///   - g: one group label per subject.
    ///   - weights: case weights (default 1 each).
    ///   - strata: one label per subject; risk sets are formed within strata.
    /// - Returns: the test, with `degeneracy` set when it cannot be formed.
    /// - Throws: `StatsError` for arrays of different lengths, none at all, or an invalid
    ///   time or weight.
    public init(times: [Double], events: [Bool], groups g: [Int], weights: [Double]? = nil, strata: [Int]? = nil) throws(StatsError) {
        let n = times.count
        guard n > 0 else { throw .dimensionMismatch("no observations") }
        try Check.sameLength(n, [("events", events.count), ("groups", g.count), ("weights", weights?.count), ("strata", strata?.count)])
        try Check.times(times)
        try Check.weights(weights)
        let w = weights ?? [Double](repeating: 1, count: n)
        let labels = Array(Set(g)).sorted()
        let k = labels.count
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let s = strata ?? [Int](repeating: 0, count: n)
        var obs = [Double](repeating: 0, count: k), exp = [Double](repeating: 0, count: k)
        var v = Matrix(rows: k, columns: k)
        let byStratum = Dictionary(grouping: 0..<n, by: { s[$0] })
        for stratum in byStratum.keys.sorted() {
            let members = byStratum[stratum]!.sorted { times[$0] > times[$1] }
            for (nj, dj) in LogRankTest.riskBlocks(members, times: times, events: events, group: { index[g[$0]]! }, weights: w, k: k) {
                LogRankTest.accumulate(nj: nj, dj: dj, observed: &obs, expected: &exp, variance: &v)
            }
        }
        self.groups = labels; self.observed = obs; self.expected = exp; self.variance = v
        let keep = (0..<k).filter { exp[$0] > 0 }
        self.degreesOfFreedom = max(keep.count - 1, 0)
        if obs.reduce(0, +) == 0 {
            (chiSquared, degeneracy) = (.nan, .noEvents)
        } else if keep.count < 2 {
            (chiSquared, degeneracy) = (.nan, .singleGroup)
        } else if let chi = LogRankTest.quadraticForm(observed: obs, expected: exp, variance: v, groups: Array(keep.dropFirst())) {
            (chiSquared, degeneracy) = (chi, nil)
        } else {
            (chiSquared, degeneracy) = (.nan, .zeroVariance)
        }
    }

    /// (n_j, d_j) per group at every event time of one stratum, walking the
    /// members (sorted by descending time) and growing the risk set.
    static func riskBlocks(_ members: [Int], times: [Double], events: [Bool], group: (Int) -> Int, weights w: [Double],
                           k: Int) -> [(nj: [Double], dj: [Double])] {
        var atRisk = [Double](repeating: 0, count: k)
        var pos = 0
        var blocks: [(nj: [Double], dj: [Double])] = []
        while pos < members.count {
            let t = times[members[pos]]
            var dj = [Double](repeating: 0, count: k)
            var any = false
            while pos < members.count && times[members[pos]] == t {
                let i = members[pos]
                atRisk[group(i)] += w[i]
                if events[i] && w[i] > 0 { dj[group(i)] += w[i]; any = true }
                pos += 1
            }
            if any { blocks.append((atRisk, dj)) }
        }
        return blocks
    }

    /// Adds one event time's O, E and V contributions.
    static func accumulate(nj: [Double], dj: [Double], observed: inout [Double], expected: inout [Double], variance v: inout Matrix) {
        let k = nj.count
        let nTot = nj.reduce(0, +), d = dj.reduce(0, +)
        for j in 0..<k {
            observed[j] += dj[j]
            expected[j] += d * nj[j] / nTot
        }
        var f = (nTot - d) / (nTot - 1)
        if !f.isFinite { f = 1 }
        for j in 0..<k {
            for l in 0..<k {
                v[j, l] += f * d / (nTot * nTot) * ((j == l ? nTot * nj[j] : 0) - nj[j] * nj[l])
            }
        }
    }

    /// (O - E)' V^{-1} (O - E) over `groups`, or nil when that V is singular.
    static func quadraticForm(observed: [Double], expected: [Double], variance v: Matrix, groups used: [Int]) -> Double? {
        let m = used.count
        var vv = Matrix(rows: m, columns: m)
        for (a, ja) in used.enumerated() { for (b, jb) in used.enumerated() { vv[a, b] = v[ja, jb] } }
        let diff = used.map { observed[$0] - expected[$0] }
        guard let c = vv.choleskyIfPositiveDefinite(relativeTolerance: 1e-10) else { return nil }
        return dot(c.solve(diff), diff)
    }
}
