import Foundation

/// Result of the exact binomial test of H₀: success probability = p₀.
public struct BinomialTestResult: Sendable, Equatable {
    /// Number of successes k.
    public let statistic: Int
    /// Number of trials n.
    public let trials: Int
    /// Two-sided p-value (NaN when `degeneracy` is set).
    public let pValue: Double
    /// k/n.
    public let estimate: Double
    /// Clopper–Pearson ("exact") interval for the proportion.
    public let clopperPearson: ConfidenceInterval
    /// Wilson score interval (no continuity correction).
    public let wilson: ConfidenceInterval
    /// `.tooFewObservations` when n = 0 (every figure is then NaN).
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    /// Quantile of Beta(a, b) through F: if F ~ F(2a, 2b) then aF/(aF+b) ~ Beta(a, b).
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        let f = FDistribution(numeratorDF: 2 * a, denominatorDF: 2 * b).quantile(p)
        if f == .infinity { return 1 }
        return a * f / (a * f + b)
    }

    /// Checks 0 <= k <= n and the level.
    static func checkProportion(_ k: Int, _ n: Int, _ level: Double) throws(StatsError) {
        try Check.count("trials", n)
        guard k >= 0, k <= n else { throw .invalidValue("successes \(k) not in 0...\(n)") }
        try Check.level(level)
    }

    /// Clopper–Pearson interval: [Beta(α/2; k, n-k+1), Beta(1-α/2; k+1, n-k)], with 0 / 1 at
    /// k = 0 / k = n (`scipy.stats.binomtest(...).proportion_ci(method="exact")`).
    ///
    /// ```swift
    /// let ci = try HypothesisTests.clopperPearson(successes: 7, trials: 20)
    /// ```
    /// - Parameters:
    ///   - k: successes, 0...n.
    ///   - n: trials (n = 0 gives an undefined interval).
    ///   - confidenceLevel: in (0, 1).
    /// - Returns: the exact interval for the proportion.
    /// - Throws: `StatsError.invalidValue` for k outside 0...n or a level outside (0, 1).
    public static func clopperPearson(successes k: Int, trials n: Int, confidenceLevel: Double = 0.95) throws(StatsError) -> ConfidenceInterval {
        try checkProportion(k, n, confidenceLevel)
        return exactInterval(k, n, confidenceLevel)
    }

    static func exactInterval(_ k: Int, _ n: Int, _ confidenceLevel: Double) -> ConfidenceInterval {
        guard n > 0 else { return .undefined(level: confidenceLevel) }
        let alpha = 1 - confidenceLevel
        let lo = k == 0 ? 0 : betaQuantile(alpha / 2, Double(k), Double(n - k + 1))
        let hi = k == n ? 1 : betaQuantile(1 - alpha / 2, Double(k + 1), Double(n - k))
        return ConfidenceInterval(lower: lo, upper: hi, level: confidenceLevel)
    }

    /// Wilson score interval without continuity correction (Wilson 1927; Newcombe 1998 method 3):
    /// center (2np̂+z²)/(2(n+z²)) ± z·sqrt(4np̂q̂+z²)/(2(n+z²)), 0 at k = 0 and 1 at k = n
    /// (`binomtest(...).proportion_ci(method="wilson")`, `statsmodels proportion_confint(method="wilson")`).
    ///
    /// ```swift
    /// let ci = try HypothesisTests.wilson(successes: 7, trials: 20)
    /// ```
    /// - Parameters:
    ///   - k: successes, 0...n.
    ///   - n: trials (n = 0 gives an undefined interval).
    ///   - confidenceLevel: in (0, 1).
    /// - Returns: the Wilson score interval for the proportion.
    /// - Throws: `StatsError.invalidValue` for k outside 0...n or a level outside (0, 1).
    public static func wilson(successes k: Int, trials n: Int, confidenceLevel: Double = 0.95) throws(StatsError) -> ConfidenceInterval {
        try checkProportion(k, n, confidenceLevel)
        return wilsonInterval(k, n, confidenceLevel)
    }

    static func wilsonInterval(_ k: Int, _ n: Int, _ confidenceLevel: Double) -> ConfidenceInterval {
        guard n > 0 else { return .undefined(level: confidenceLevel) }
        let z = Normal.standard.quantile(0.5 + 0.5 * confidenceLevel)
        let nn = Double(n)
        let p = Double(k) / nn, q = 1 - p
        let denom = 2 * (nn + z * z)
        let center = (2 * nn * p + z * z) / denom
        let delta = z / denom * (4 * nn * p * q + z * z).squareRoot()
        return ConfidenceInterval(lower: k == 0 ? 0 : center - delta, upper: k == n ? 1 : center + delta,
                                  level: confidenceLevel)
    }

    /// Exact two-sided binomial test of H₀: p = `p0`, as `scipy.stats.binomtest(k, n, p0)`:
    /// p = Σ P(X = x) over x with P(X = x) <= P(X = k)·(1 + 1e-7), computed as one tail cdf plus
    /// the opposite-tail sf (so tiny p-values keep their relative accuracy).
    ///
    /// ```swift
    /// let r = try HypothesisTests.binomialTest(successes: 15, trials: 20, p0: 0.5)
    /// print(r.pValue, r.clopperPearson)
    /// ```
    /// - Parameters:
    ///   - k: successes, 0...n.
    ///   - n: trials; n = 0 gives a result with `degeneracy == .tooFewObservations`.
    ///   - p0: the null proportion, in [0, 1].
    ///   - confidenceLevel: level of the two intervals, in (0, 1).
    /// - Returns: the p-value, the estimate k/n and the Clopper-Pearson and Wilson intervals.
    /// - Throws: `StatsError.invalidValue` for k outside 0...n, p0 outside [0, 1] or an invalid level.
    public static func binomialTest(successes k: Int, trials n: Int, p0: Double = 0.5,
                                    confidenceLevel: Double = 0.95) throws(StatsError) -> BinomialTestResult {
        try checkProportion(k, n, confidenceLevel)
        guard p0 >= 0, p0 <= 1 else { throw .invalidValue("p0 = \(p0) is not in [0, 1]") }
        guard n > 0 else {
            return BinomialTestResult(statistic: k, trials: n, pValue: .nan, estimate: .nan,
                                      clopperPearson: .undefined(level: confidenceLevel), wilson: .undefined(level: confidenceLevel),
                                      degeneracy: .tooFewObservations)
        }
        return binomialTestResult(k, n, p0, confidenceLevel)
    }

    /// The test on checked arguments (n > 0).
    static func binomialTestResult(_ k: Int, _ n: Int, _ p0: Double, _ confidenceLevel: Double) -> BinomialTestResult {
        let dist = Binomial(trials: n, probability: p0)
        let d = dist.pmf(k)
        let rerr = 1 + 1e-7
        let np = p0 * Double(n)
        var pval: Double
        if Double(k) == np {
            pval = 1
        } else if Double(k) < np {
            // count y of x in [ceil(np), n] with pmf(x) <= d·rerr (pmf decreasing there)
            let start = Int(np.rounded(.up))
            var lo = start, hi = n + 1   // first index with pmf <= d·rerr
            while lo < hi {
                let mid = (lo + hi) / 2
                if dist.pmf(mid) <= d * rerr { hi = mid } else { lo = mid + 1 }
            }
            let y = n - lo + 1
            pval = dist.cdf(k) + (y > 0 ? dist.sf(n - y) : 0)
        } else {
            // x in [0, floor(np)] with pmf(x) <= d·rerr (pmf increasing there)
            let end = Int(np.rounded(.down))
            var lo = 0, hi = end + 1     // first index with pmf > d·rerr
            while lo < hi {
                let mid = (lo + hi) / 2
                if dist.pmf(mid) <= d * rerr { lo = mid + 1 } else { hi = mid }
            }
            let y = lo                   // x = 0..<y qualify
            pval = (y > 0 ? dist.cdf(y - 1) : 0) + dist.sf(k - 1)
        }
        pval = min(1, pval)
        return BinomialTestResult(statistic: k, trials: n, pValue: pval, estimate: Double(k) / Double(n),
                                  clopperPearson: exactInterval(k, n, confidenceLevel),
                                  wilson: wilsonInterval(k, n, confidenceLevel), degeneracy: nil)
    }
}
