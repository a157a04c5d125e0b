import Foundation

/// Result of the Mann–Whitney U test.
public struct MannWhitneyUResult: Sendable, Equatable {
    /// U₁ = R₁ - n₁(n₁+1)/2 for the first sample (scipy's reported statistic).
    public let statistic: Double
    /// Two-sided p-value (NaN when `degeneracy` is set).
    public let pValue: Double
    /// How the p-value was obtained.
    public let method: RankTestMethod
    /// Standardised statistic (max(U₁,U₂) - n₁n₂/2 - ½)/σ (asymptotic only, else NaN).
    public let zStatistic: Double
    /// Probability of superiority U₁/(n₁n₂) (common-language effect size, ties count ½).
    public let probabilityOfSuperiority: Double
    /// Rank-biserial correlation 2U₁/(n₁n₂) - 1.
    public let effectSize: Double
    /// `.tooFewObservations` when a sample is empty (every figure NaN).
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    /// Mann–Whitney U test, two-sided, reproducing `scipy.stats.mannwhitneyu(x, y)` 1.17
    /// defaults (`use_continuity=True`, `method="auto"`): exact null distribution of U when
    /// min-size condition holds (n₁ <= 8 or n₂ <= 8) and there are no ties, p = 2·P(U >= max(U₁,U₂));
    /// otherwise the normal approximation with tie correction
    /// σ² = n₁n₂/12·((n+1) - Σ(t³-t)/(n(n-1))) and continuity correction ½. p is capped at 1.
    ///
    /// ```swift
    /// let r = try HypothesisTests.mannWhitneyU([1.2, 3.4, 2.2], [4.1, 5.0, 3.9, 6.2])
    /// print(r.statistic, r.pValue, r.method)
    /// ```
    /// - Parameters:
    ///   - x: first sample.
    ///   - y: second sample.
    ///   - useContinuity: continuity correction of the normal approximation.
    /// - Returns: the test; `degeneracy == .tooFewObservations` when a sample is empty.
    /// - Throws: `StatsError.invalidValue` for a non-finite value.
    public static func mannWhitneyU(_ x: [Double], _ y: [Double], useContinuity: Bool = true) throws(StatsError) -> MannWhitneyUResult {
        try Check.finite(x, name: "x"); try Check.finite(y, name: "y")
        let n1 = x.count, n2 = y.count
        guard n1 > 0 && n2 > 0 else {
            return MannWhitneyUResult(statistic: .nan, pValue: .nan, method: .asymptotic, zStatistic: .nan,
                                      probabilityOfSuperiority: .nan, effectSize: .nan, degeneracy: .tooFewObservations)
        }
        let (ranks, ties) = averageRanks(x + y)
        let r1 = ranks[0..<n1].reduce(0, +)
        let u1 = r1 - Double(n1 * (n1 + 1)) / 2
        let nn = Double(n1) * Double(n2)
        let u2 = nn - u1
        let u = max(u1, u2)
        let hasTies = ties.contains { $0 > 1 }
        let exact = !(n1 > 8 && n2 > 8) && !hasTies
        let ps = u1 / nn
        if exact {
            let counts = mannWhitneyCounts(n1, n2)
            let total = counts.reduce(0, +)
            // P(U >= u) = P(U <= n1 n2 - u) by symmetry
            let k = Int(nn - u)
            var s = 0.0
            for i in 0...max(0, k) where i < counts.count { s += counts[i] }
            if k < 0 { s = 0 }
            let p = min(1, 2 * s / total)
            return MannWhitneyUResult(statistic: u1, pValue: p, method: .exact, zStatistic: .nan,
                                      probabilityOfSuperiority: ps, effectSize: 2 * ps - 1, degeneracy: nil)
        }
        let n = Double(n1 + n2)
        let tieTerm = ties.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) }
        let s = (nn / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
        var num = u - nn / 2
        if useContinuity { num -= 0.5 }
        let z = num / s
        let p = min(1, 2 * Normal.standardCDF(-z))
        return MannWhitneyUResult(statistic: u1, pValue: p, method: .asymptotic, zStatistic: z,
                                  probabilityOfSuperiority: ps, effectSize: 2 * ps - 1, degeneracy: nil)
    }

    /// Frequencies of U = 0...n₁n₂ under H₀: coefficients of the Gaussian binomial
    /// coefficient [n₁+n₂ choose n₁]_q, built as Π_{i=1}^{m} (1 - q^{n+i})/(1 - q^i), m = min(n₁,n₂).
    static func mannWhitneyCounts(_ n1: Int, _ n2: Int) -> [Double] {
        let m = min(n1, n2), n = max(n1, n2)
        let size = m * n + 1
        var c = [Double](repeating: 0, count: size)
        c[0] = 1
        if m == 0 { return c }
        for i in 1...m {
            // multiply by (1 - q^{n+i})
            let shift = n + i
            if shift < size {
                for k in stride(from: size - 1, through: shift, by: -1) { c[k] -= c[k - shift] }
            }
            // divide by (1 - q^i): running sum with stride i
            for k in i..<size { c[k] += c[k - i] }
        }
        return c
    }
}
