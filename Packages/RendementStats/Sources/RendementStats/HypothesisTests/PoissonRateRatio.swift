import Foundation

/// Result of the exact conditional test comparing two Poisson rates.
public struct PoissonRateRatioResult: Sendable, Equatable {
    /// Rate ratio (c₁/e₁)/(c₂/e₂).
    public let estimate: Double
    /// Two-sided exact conditional p-value.
    public let pValue: Double
    /// CI for the rate ratio from the Clopper–Pearson interval [π_L, π_U] of the conditional
    /// binomial proportion π = c₁/(c₁+c₂): ratio = π/(1-π)·e₂/e₁.
    public let confidenceInterval: ConfidenceInterval
    /// `.noEvents` when c₁ + c₂ = 0 (every figure NaN).
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    /// Exact conditional test of two Poisson rates, H₀: λ₁/λ₂ = 1, given counts c₁, c₂ and
    /// exposures e₁, e₂: conditionally on c₁+c₂, c₁ ~ Binomial(c₁+c₂, e₁/(e₁+e₂)); the two-sided
    /// p-value is `binomialTest` (minimum-likelihood rule), as statsmodels
    /// `test_poisson_2indep(c1, e1, c2, e2, method="exact-cond")`.
    /// CI (not provided by statsmodels for this method): Clopper–Pearson [π_L, π_U] for
    /// π = c₁/(c₁+c₂), mapped to the rate ratio π/(1-π)·e₂/e₁ (Ederer & Mantel 1974).
    ///
    /// ```swift
    /// let r = try HypothesisTests.poissonRateRatio(count1: 30, exposure1: 1200, count2: 45, exposure2: 1100)
    /// print(r.estimate, r.confidenceInterval, r.pValue)
    /// ```
    /// - Parameters:
    ///   - c1: events in group 1.
    ///   - e1: exposure (person-time) of group 1, > 0.
    ///   - c2: events in group 2.
    ///   - e2: exposure of group 2, > 0.
    ///   - confidenceLevel: level of the interval, in (0, 1).
    /// - Returns: the rate ratio; `degeneracy == .noEvents` when c₁ + c₂ = 0.
    /// - Throws: `StatsError.invalidValue` for a negative count, a non-positive exposure or an invalid level.
    public static func poissonRateRatio(count1 c1: Int, exposure1 e1: Double, count2 c2: Int, exposure2 e2: Double,
                                        confidenceLevel: Double = 0.95) throws(StatsError) -> PoissonRateRatioResult {
        try Check.count("count1", c1); try Check.count("count2", c2); try Check.level(confidenceLevel)
        guard e1 > 0, e2 > 0, e1.isFinite, e2.isFinite else { throw .invalidValue("exposures \(e1), \(e2) must be positive and finite") }
        guard c1 + c2 > 0 else {
            return PoissonRateRatioResult(estimate: .nan, pValue: .nan, confidenceInterval: .undefined(level: confidenceLevel), degeneracy: .noEvents)
        }
        let bp = e1 / (e1 + e2)
        let test = binomialTestResult(c1, c1 + c2, bp, confidenceLevel)
        let cp = test.clopperPearson
        func ratio(_ pi: Double) -> Double { pi >= 1 ? .infinity : pi / (1 - pi) * e2 / e1 }
        let est = c2 == 0 ? Double.infinity : (Double(c1) / e1) / (Double(c2) / e2)
        return PoissonRateRatioResult(estimate: est, pValue: test.pValue,
                                      confidenceInterval: ConfidenceInterval(lower: ratio(cp.lower), upper: ratio(cp.upper),
                                                                             level: confidenceLevel),
                                      degeneracy: nil)
    }
}
