import Foundation

/// Result of McNemar's test for paired binary outcomes.
public struct McNemarResult: Sendable, Equatable {
    /// Exact: min(b, c); chi-square: (|b-c| - cc)²/(b+c). NaN when `degeneracy` is set.
    public let statistic: Double
    /// Two-sided p-value; NaN when `degeneracy` is set.
    public let pValue: Double
    /// Whether the exact binomial version was used.
    public let exact: Bool
    /// Conditional odds ratio b/c of discordant pairs (inf when c = 0).
    public let oddsRatio: Double
    /// Exact CI for the conditional odds ratio: Clopper–Pearson [π_L, π_U] for π = b/(b+c),
    /// mapped through π/(1-π) (as R `exact2x2::mcnemar.exact`).
    public let oddsRatioConfidenceInterval: ConfidenceInterval
    /// `.noDiscordantPairs` when b = c = 0: the pairs carry no information on the
    /// difference, so every figure is NaN (statsmodels returns p = 1 for the exact test
    /// and NaN for the chi-square version).
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    /// McNemar's test on the paired 2 × 2 table `[[a, b], [c, d]]`; only the discordant
    /// counts b, c matter. Reproduces `statsmodels.stats.contingency_tables.mcnemar`:
    /// `exact: true` → statistic min(b,c), p = min(1, 2·Binom(b+c, ½).cdf(min(b,c)));
    /// `exact: false` → X² = (|b-c| - [correction ? 1 : 0])²/(b+c), p = χ²₁.sf(X²).
    ///
    /// ```swift
    /// let r = try HypothesisTests.mcNemar(TwoByTwoTable(a: 40, b: 12, c: 4, d: 44))
    /// print(r.pValue, r.oddsRatio)
    /// ```
    /// - Parameters:
    ///   - table: the paired table (rows: first measurement, columns: second).
    ///   - exact: exact binomial test (statsmodels' default) or the chi-square version.
    ///   - correction: continuity correction of the chi-square version.
    ///   - confidenceLevel: level of the odds-ratio interval, in (0, 1).
    /// - Returns: the test; `degeneracy == .noDiscordantPairs` (all figures NaN) when b = c = 0.
    /// - Throws: `StatsError.invalidValue` for a level outside (0, 1).
    public static func mcNemar(_ table: TwoByTwoTable, exact: Bool = true, correction: Bool = true,
                               confidenceLevel: Double = 0.95) throws(StatsError) -> McNemarResult {
        try Check.level(confidenceLevel)
        let b = table.b, c = table.c
        guard b + c > 0 else {
            return McNemarResult(statistic: .nan, pValue: .nan, exact: exact, oddsRatio: .nan,
                                 oddsRatioConfidenceInterval: .undefined(level: confidenceLevel), degeneracy: .noDiscordantPairs)
        }
        let or = c > 0 ? Double(b) / Double(c) : .infinity
        let ci = exactInterval(b, b + c, confidenceLevel).map { p in p >= 1 ? .infinity : p / (1 - p) }
        if exact {
            let s = min(b, c)
            let p = min(1, 2 * Binomial(trials: b + c, probability: 0.5).cdf(s))
            return McNemarResult(statistic: Double(s), pValue: p, exact: true, oddsRatio: or, oddsRatioConfidenceInterval: ci,
                                 degeneracy: nil)
        }
        let cc = correction ? 1.0 : 0.0
        let diff = abs(Double(b) - Double(c)) - cc
        let x2 = diff * diff / Double(b + c)
        return McNemarResult(statistic: x2, pValue: ChiSquared(degreesOfFreedom: 1).sf(x2), exact: false, oddsRatio: or,
                             oddsRatioConfidenceInterval: ci, degeneracy: nil)
    }
}
