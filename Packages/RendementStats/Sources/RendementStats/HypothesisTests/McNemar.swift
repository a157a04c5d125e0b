import Foundation

/// Result of McNemar's test for paired binary outcomes.
public struct McNemarResult: Sendable {
    /// Exact: min(b, c); chi-square: (|b-c| - cc)²/(b+c).
    public let statistic: Double
    public let pValue: Double
    /// Whether the exact binomial version was used.
    public let exact: Bool
    /// Conditional odds ratio b/c of discordant pairs (inf when c = 0).
    public let oddsRatio: Double
    /// Exact CI for the conditional odds ratio: Clopper–Pearson [π_L, π_U] for π = b/(b+c),
    /// mapped through π/(1-π) (as R `exact2x2::mcnemar.exact`; NaN bounds when b + c = 0).
    public let oddsRatioConfidenceInterval: ConfidenceInterval
}

extension HypothesisTests {

    /// McNemar's test on the paired 2 × 2 table `[[a, b], [c, d]]`; only the discordant
    /// counts b, c matter. Reproduces `statsmodels.stats.contingency_tables.mcnemar`:
    /// `exact: true` → statistic min(b,c), p = min(1, 2·Binom(b+c, ½).cdf(min(b,c)));
    /// `exact: false` → X² = (|b-c| - [correction ? 1 : 0])²/(b+c), p = χ²₁.sf(X²).
    /// b + c = 0 gives p = 1 (exact) or NaN (chi-square, 0/0), as statsmodels.
    public static func mcNemar(b: Int, c: Int, exact: Bool = true, correction: Bool = true,
                               confidenceLevel: Double = 0.95) -> McNemarResult {
        precondition(b >= 0 && c >= 0, "mcNemar: counts must be non-negative")
        let or = c > 0 ? Double(b) / Double(c) : (b > 0 ? .infinity : .nan)
        let ci: ConfidenceInterval
        if b + c > 0 {
            let cp = clopperPearson(successes: b, trials: b + c, confidenceLevel: confidenceLevel)
            func odds(_ p: Double) -> Double { p >= 1 ? .infinity : p / (1 - p) }
            ci = ConfidenceInterval(lower: odds(cp.lower), upper: odds(cp.upper), level: confidenceLevel)
        } else {
            ci = ConfidenceInterval(lower: .nan, upper: .nan, level: confidenceLevel)
        }
        if exact {
            let s = min(b, c)
            let p = min(1, 2 * Binomial(trials: b + c, probability: 0.5).cdf(s))
            return McNemarResult(statistic: Double(s), pValue: p, exact: true, oddsRatio: or, oddsRatioConfidenceInterval: ci)
        }
        let cc = correction ? 1.0 : 0.0
        let diff = abs(Double(b) - Double(c)) - cc
        let x2 = diff * diff / Double(b + c)
        return McNemarResult(statistic: x2, pValue: ChiSquared(degreesOfFreedom: 1).sf(x2), exact: false, oddsRatio: or,
                             oddsRatioConfidenceInterval: ci)
    }
}
