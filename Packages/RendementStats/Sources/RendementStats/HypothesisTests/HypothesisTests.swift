import Foundation

/// Namespace for the classical hypothesis tests. Every test returns a `Sendable` result
/// struct carrying the statistic and the two-sided p-value, plus degrees of freedom, an
/// effect size and a ``ConfidenceInterval`` where the test defines one (the rank tests report
/// rank-biserial effect sizes but no interval), and documents which scipy / statsmodels / R
/// function it reproduces. Invalid input throws ``StatsError``; data that cannot support the
/// test give a result whose `degeneracy` says why (its statistic and p-value are then NaN).
///
/// ```swift
/// let r = try HypothesisTests.welchTTest([4.1, 5.2, 3.9, 6.0], [3.0, 3.8, 4.1, 2.9])
/// print(r.estimate, r.confidenceInterval, r.pValue)
/// ```
public enum HypothesisTests {}

extension HypothesisTests {
    /// Average ranks (ties get the mean of the ranks they span) and the tie-group sizes,
    /// as `scipy.stats.rankdata(method="average")`.
    static func averageRanks(_ x: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var ties = [Int]()
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let r = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = r }
            ties.append(j - i + 1)
            i = j + 1
        }
        return (ranks, ties)
    }

    /// Two-sided p-value `2·min(P(Z<=z), P(Z>=z))` for a standard normal statistic.
    static func twoSidedNormalP(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        return min(1, 2 * Normal.standardCDF(-abs(z)))
    }
}
