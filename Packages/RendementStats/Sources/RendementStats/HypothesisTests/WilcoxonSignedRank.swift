import Foundation

/// Result of the Wilcoxon signed-rank test.
public struct WilcoxonSignedRankResult: Sendable, Equatable {
    /// min(R⁺, R⁻), the statistic scipy reports for the two-sided test.
    public let statistic: Double
    /// Sum of ranks of the positive differences.
    public let rPlus: Double
    /// Sum of ranks of the negative differences.
    public let rMinus: Double
    /// Two-sided p-value (NaN when `degeneracy` is set).
    public let pValue: Double
    /// Standardised statistic (R⁺ - n(n+1)/4)/σ, with continuity correction if requested; NaN unless asymptotic.
    public let zStatistic: Double
    /// Number of non-zero differences used.
    public let nonZeroCount: Int
    /// How the p-value was obtained.
    public let method: RankTestMethod
    /// Matched-pairs rank-biserial correlation (R⁺ - R⁻)/(R⁺ + R⁻) (Kerby 2014).
    public let effectSize: Double
    /// `.tooFewObservations` for no differences, `.zeroVariance` when every difference is
    /// zero (nothing to rank); statistic and p-value are then NaN.
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    /// Wilcoxon signed-rank test on `x - y` (or on `x` when `y` is nil), two-sided,
    /// reproducing `scipy.stats.wilcoxon` 1.17 defaults: `zero_method="wilcox"` (zero
    /// differences dropped), `correction=false`, `method="auto"`, which means:
    /// n > 50 (n counts zeros) → normal approximation with tie correction;
    /// otherwise no ties and no zeros → exact null distribution, p = 2·min(P(T>=⌊R⁺⌋), P(T<=⌈R⁺⌉));
    /// otherwise n <= 13 → exact enumeration of all 2ⁿ sign flips (scipy's permutation test);
    /// otherwise → normal approximation.
    ///
    /// ```swift
    /// let r = try HypothesisTests.wilcoxonSignedRank([1.8, 2.2, 0.4, 3.1], [1.0, 2.5, 0.1, 2.0])
    /// print(r.pValue, r.method)
    /// ```
    /// - Parameters:
    ///   - x: the differences, or the first of two paired samples.
    ///   - y: the second paired sample (nil: `x` are the differences).
    ///   - correction: continuity correction of the normal approximation.
    /// - Returns: the test; `degeneracy` set (statistic and p NaN) when there is no non-zero difference.
    /// - Throws: `StatsError.dimensionMismatch` when x and y differ in length,
    ///   `StatsError.invalidValue` for a non-finite value.
    public static func wilcoxonSignedRank(_ x: [Double], _ y: [Double]? = nil, correction: Bool = false)
        throws(StatsError) -> WilcoxonSignedRankResult
    {
        let d: [Double]
        if let y {
            try Check.sameLength(x.count, [("y", y.count)])
            d = zip(x, y).map { $0 - $1 }
        } else {
            d = x
        }
        try Check.finite(d, name: "differences")
        let n = d.count
        let nonZero = d.filter { $0 != 0 }
        guard !nonZero.isEmpty else {
            return WilcoxonSignedRankResult(statistic: .nan, rPlus: 0, rMinus: 0, pValue: .nan, zStatistic: .nan, nonZeroCount: 0,
                                            method: .exact, effectSize: .nan, degeneracy: n == 0 ? .tooFewObservations : .zeroVariance)
        }
        let nZero = n - nonZero.count
        let (ranks, ties) = averageRanks(nonZero.map { abs($0) })
        var rPlus = 0.0, rMinus = 0.0
        for (v, r) in zip(nonZero, ranks) { if v > 0 { rPlus += r } else { rMinus += r } }
        let count = Double(nonZero.count)
        let hasTies = ties.contains { $0 > 1 }
        let mn = count * (count + 1) * 0.25
        let tieTerm = ties.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) }
        let se = ((count * (count + 1) * (2 * count + 1) - tieTerm / 2) / 24).squareRoot()
        let effect = (rPlus + rMinus) > 0 ? (rPlus - rMinus) / (rPlus + rMinus) : .nan
        let stat = min(rPlus, rMinus)

        var method: RankTestMethod
        if n > 50 { method = .asymptotic }
        else if !(hasTies || nZero > 0) { method = .exact }
        else if n <= 13 { method = .permutation }
        else { method = .asymptotic }

        switch method {
        case .asymptotic:
            var z = (rPlus - mn) / se
            if correction { z -= (z > 0 ? 1 : (z < 0 ? -1 : 0)) * 0.5 / se }
            let p = twoSidedNormalP(z)
            return WilcoxonSignedRankResult(statistic: stat, rPlus: rPlus, rMinus: rMinus, pValue: p,
                                            zStatistic: -abs(z), nonZeroCount: nonZero.count,
                                            method: method, effectSize: effect, degeneracy: nil)
        case .exact:
            let counts = signedRankCounts(nonZero.count)
            let total = counts.reduce(0, +)
            let lo = Int(rPlus.rounded(.down)), hi = Int(rPlus.rounded(.up))
            var sf = 0.0, cdf = 0.0
            for (k, c) in counts.enumerated() {
                if k >= lo { sf += c }
                if k <= hi { cdf += c }
            }
            let p = min(1, 2 * min(sf, cdf) / total)
            return WilcoxonSignedRankResult(statistic: stat, rPlus: rPlus, rMinus: rMinus, pValue: p,
                                            zStatistic: .nan, nonZeroCount: nonZero.count,
                                            method: method, effectSize: effect, degeneracy: nil)
        case .permutation:
            // all 2^n sign flips of d; ranks of |d| are unchanged by flipping
            var rankOf = [Double](repeating: 0, count: n)
            var j = 0
            for i in 0..<n where d[i] != 0 { rankOf[i] = ranks[j]; j += 1 }
            let gamma = abs(rPlus) * 100 * Double.ulpOfOne
            var le = 0, ge = 0
            let total = 1 << n
            for mask in 0..<total {
                var s = 0.0
                for i in 0..<n where d[i] != 0 {
                    let flipped = (mask >> i) & 1 == 1
                    if (d[i] > 0) != flipped { s += rankOf[i] }
                }
                if s <= rPlus + gamma { le += 1 }
                if s >= rPlus - gamma { ge += 1 }
            }
            let p = min(1, 2 * Double(min(le, ge)) / Double(total))
            return WilcoxonSignedRankResult(statistic: stat, rPlus: rPlus, rMinus: rMinus, pValue: p,
                                            zStatistic: .nan, nonZeroCount: nonZero.count,
                                            method: method, effectSize: effect, degeneracy: nil)
        }
    }

    /// Number of subsets of {1..n} with each sum 0...n(n+1)/2 (null distribution of R⁺).
    static func signedRankCounts(_ n: Int) -> [Double] {
        let maxSum = n * (n + 1) / 2
        var c = [Double](repeating: 0, count: maxSum + 1)
        c[0] = 1
        if n == 0 { return c }
        for k in 1...n {
            var s = k * (k + 1) / 2
            while s >= k { c[s] += c[s - k]; s -= 1 }
        }
        return c
    }
}
