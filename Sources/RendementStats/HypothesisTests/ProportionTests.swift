import Foundation

/// Result of the exact binomial test of H₀: success probability = p₀.
public struct BinomialTestResult: Sendable {
    /// Number of successes k.
    public let statistic: Int
    public let trials: Int
    public let pValue: Double
    /// k/n.
    public let estimate: Double
    /// Clopper–Pearson ("exact") interval for the proportion.
    public let clopperPearson: ConfidenceInterval
    /// Wilson score interval (no continuity correction).
    public let wilson: ConfidenceInterval
}

/// Result of comparing two independent proportions p₁ - p₂.
public struct TwoProportionResult: Sendable {
    /// Pooled two-proportion z statistic (p̂₁-p̂₂)/sqrt(p̄(1-p̄)(1/n₁+1/n₂)).
    public let statistic: Double
    /// Two-sided p-value of the pooled z test.
    public let pValue: Double
    /// p̂₁ - p̂₂.
    public let estimate: Double
    /// Newcombe (1998) hybrid score interval (method 10) for p₁ - p₂.
    public let confidenceInterval: ConfidenceInterval
    /// Cohen's h = 2·asin√p̂₁ - 2·asin√p̂₂.
    public let effectSize: Double
}

/// Result of the exact conditional test comparing two Poisson rates.
public struct PoissonRateRatioResult: Sendable {
    /// Rate ratio (c₁/e₁)/(c₂/e₂).
    public let estimate: Double
    public let pValue: Double
    /// CI for the rate ratio from the Clopper–Pearson interval [π_L, π_U] of the conditional
    /// binomial proportion π = c₁/(c₁+c₂): ratio = π/(1-π)·e₂/e₁.
    public let confidenceInterval: ConfidenceInterval
}

extension HypothesisTests {

    /// Quantile of Beta(a, b) through F: if F ~ F(2a, 2b) then aF/(aF+b) ~ Beta(a, b).
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        let f = FDistribution(numeratorDF: 2 * a, denominatorDF: 2 * b).quantile(p)
        if f == .infinity { return 1 }
        return a * f / (a * f + b)
    }

    /// Clopper–Pearson interval: [Beta(α/2; k, n-k+1), Beta(1-α/2; k+1, n-k)], with 0 / 1 at
    /// k = 0 / k = n (`scipy.stats.binomtest(...).proportion_ci(method="exact")`).
    public static func clopperPearson(successes k: Int, trials n: Int, confidenceLevel: Double = 0.95) -> ConfidenceInterval {
        let alpha = 1 - confidenceLevel
        let lo = k == 0 ? 0 : betaQuantile(alpha / 2, Double(k), Double(n - k + 1))
        let hi = k == n ? 1 : betaQuantile(1 - alpha / 2, Double(k + 1), Double(n - k))
        return ConfidenceInterval(lower: lo, upper: hi, level: confidenceLevel)
    }

    /// Wilson score interval without continuity correction (Wilson 1927; Newcombe 1998 method 3):
    /// center (2np̂+z²)/(2(n+z²)) ± z·sqrt(4np̂q̂+z²)/(2(n+z²)), 0 at k = 0 and 1 at k = n
    /// (`binomtest(...).proportion_ci(method="wilson")`, `statsmodels proportion_confint(method="wilson")`).
    public static func wilson(successes k: Int, trials n: Int, confidenceLevel: Double = 0.95) -> ConfidenceInterval {
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
    public static func binomialTest(successes k: Int, trials n: Int, p0: Double = 0.5,
                                    confidenceLevel: Double = 0.95) -> BinomialTestResult {
        precondition(n > 0 && k >= 0 && k <= n && p0 >= 0 && p0 <= 1, "binomialTest: invalid arguments")
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
                                  clopperPearson: clopperPearson(successes: k, trials: n, confidenceLevel: confidenceLevel),
                                  wilson: wilson(successes: k, trials: n, confidenceLevel: confidenceLevel))
    }

    /// Difference of two independent proportions x₁/n₁ - x₂/n₂.
    /// CI: Newcombe's hybrid score interval from the two Wilson intervals [l₁,u₁], [l₂,u₂]:
    /// (d - sqrt((p̂₁-l₁)² + (u₂-p̂₂)²), d + sqrt((u₁-p̂₁)² + (p̂₂-l₂)²)), as
    /// `statsmodels confint_proportions_2indep(method="newcomb", compare="diff")`.
    /// Test: pooled z test, as `statsmodels proportions_ztest([x1,x2],[n1,n2])`
    /// (equivalently `chi2_contingency(correction=False)` on the 2×2 table); NaN when
    /// the pooled proportion is 0 or 1.
    public static func twoProportions(successes1 x1: Int, trials1 n1: Int, successes2 x2: Int, trials2 n2: Int,
                                      confidenceLevel: Double = 0.95) -> TwoProportionResult {
        precondition(n1 > 0 && n2 > 0 && x1 >= 0 && x2 >= 0 && x1 <= n1 && x2 <= n2, "twoProportions: invalid counts")
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let d = p1 - p2
        let w1 = wilson(successes: x1, trials: n1, confidenceLevel: confidenceLevel)
        let w2 = wilson(successes: x2, trials: n2, confidenceLevel: confidenceLevel)
        // statsmodels' Wilson interval does not special-case k = 0 / k = n; the formula gives
        // exactly 0 / 1 there up to rounding, so use the raw formula for bit-compatibility.
        let lo = d - ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let hi = d + ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
        let z = se > 0 ? d / se : .nan
        let h = 2 * Foundation.asin(p1.squareRoot()) - 2 * Foundation.asin(p2.squareRoot())
        return TwoProportionResult(statistic: z, pValue: twoSidedNormalP(z), estimate: d,
                                   confidenceInterval: ConfidenceInterval(lower: lo, upper: hi, level: confidenceLevel),
                                   effectSize: h)
    }

    /// Exact conditional test of two Poisson rates, H₀: λ₁/λ₂ = 1, given counts c₁, c₂ and
    /// exposures e₁, e₂: conditionally on c₁+c₂, c₁ ~ Binomial(c₁+c₂, e₁/(e₁+e₂)); the two-sided
    /// p-value is `binomialTest` (minimum-likelihood rule), as statsmodels
    /// `test_poisson_2indep(c1, e1, c2, e2, method="exact-cond")`.
    /// CI (not provided by statsmodels for this method): Clopper–Pearson [π_L, π_U] for
    /// π = c₁/(c₁+c₂), mapped to the rate ratio π/(1-π)·e₂/e₁ (Ederer & Mantel 1974).
    /// Returns nil when c₁ + c₂ = 0 or an exposure is not positive.
    public static func poissonRateRatio(count1 c1: Int, exposure1 e1: Double, count2 c2: Int, exposure2 e2: Double,
                                        confidenceLevel: Double = 0.95) -> PoissonRateRatioResult? {
        guard c1 >= 0, c2 >= 0, c1 + c2 > 0, e1 > 0, e2 > 0 else { return nil }
        let bp = e1 / (e1 + e2)
        let test = binomialTest(successes: c1, trials: c1 + c2, p0: bp, confidenceLevel: confidenceLevel)
        let cp = test.clopperPearson
        func ratio(_ pi: Double) -> Double { pi >= 1 ? .infinity : pi / (1 - pi) * e2 / e1 }
        let est = c2 == 0 ? Double.infinity : (Double(c1) / e1) / (Double(c2) / e2)
        return PoissonRateRatioResult(estimate: est, pValue: test.pValue,
                                      confidenceInterval: ConfidenceInterval(lower: ratio(cp.lower), upper: ratio(cp.upper),
                                                                             level: confidenceLevel))
    }
}
