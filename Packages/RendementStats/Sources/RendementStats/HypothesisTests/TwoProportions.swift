import Foundation

/// Result of comparing two independent proportions p₁ - p₂.
public struct TwoProportionResult: Sendable, Equatable {
    /// Pooled two-proportion z statistic (p̂₁-p̂₂)/sqrt(p̄(1-p̄)(1/n₁+1/n₂)); NaN when `degeneracy` is set.
    public let statistic: Double
    /// Two-sided p-value of the pooled z test.
    public let pValue: Double
    /// p̂₁ - p̂₂.
    public let estimate: Double
    /// Newcombe (1998) hybrid score interval (method 10) for p₁ - p₂.
    public let confidenceInterval: ConfidenceInterval
    /// Cohen's h = 2·asin√p̂₁ - 2·asin√p̂₂.
    public let effectSize: Double
    /// `.tooFewObservations` when a group has no trials (every figure NaN); `.zeroVariance`
    /// when the pooled proportion is 0 or 1 (z and p NaN; the estimate and interval stay).
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    /// Difference of two independent proportions x₁/n₁ - x₂/n₂.
    /// CI: Newcombe's hybrid score interval from the two Wilson intervals [l₁,u₁], [l₂,u₂]:
    /// (d - sqrt((p̂₁-l₁)² + (u₂-p̂₂)²), d + sqrt((u₁-p̂₁)² + (p̂₂-l₂)²)), as
    /// `statsmodels confint_proportions_2indep(method="newcomb", compare="diff")`.
    /// Test: pooled z test, as `statsmodels proportions_ztest([x1,x2],[n1,n2])`
    /// (equivalently `chi2_contingency(correction=False)` on the 2×2 table); NaN when
    /// the pooled proportion is 0 or 1.
    ///
    /// ```swift
    /// let r = try HypothesisTests.twoProportions(successes1: 30, trials1: 100, successes2: 18, trials2: 90)
    /// print(r.estimate, r.confidenceInterval, r.pValue)
    /// ```
    /// - Parameters:
    ///   - x1: successes in group 1, 0...n1.
    ///   - n1: trials in group 1.
    ///   - x2: successes in group 2, 0...n2.
    ///   - n2: trials in group 2.
    ///   - confidenceLevel: level of the interval, in (0, 1).
    /// - Returns: the comparison, with `degeneracy` set as documented on the result.
    /// - Throws: `StatsError.invalidValue` for successes outside 0...trials or an invalid level.
    public static func twoProportions(successes1 x1: Int, trials1 n1: Int, successes2 x2: Int, trials2 n2: Int,
                                      confidenceLevel: Double = 0.95) throws(StatsError) -> TwoProportionResult {
        try checkProportion(x1, n1, confidenceLevel)
        try checkProportion(x2, n2, confidenceLevel)
        guard n1 > 0, n2 > 0 else {
            return TwoProportionResult(statistic: .nan, pValue: .nan, estimate: .nan, confidenceInterval: .undefined(level: confidenceLevel),
                                       effectSize: .nan, degeneracy: .tooFewObservations)
        }
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let d = p1 - p2
        let w1 = wilsonInterval(x1, n1, confidenceLevel)
        let w2 = wilsonInterval(x2, n2, confidenceLevel)
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
                                   effectSize: h, degeneracy: se > 0 ? nil : .zeroVariance)
    }
}
