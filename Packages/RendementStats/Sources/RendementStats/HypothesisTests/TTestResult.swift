import Foundation

/// Result of a one-sample, paired or Welch two-sample t test.
public struct TTestResult: Sendable, Equatable {
    /// t statistic (NaN when `degeneracy` is set).
    public let statistic: Double
    /// Two-sided p-value.
    public let pValue: Double
    /// Degrees of freedom (Welch–Satterthwaite for the two-sample test).
    public let degreesOfFreedom: Double
    /// Estimated mean (one-sample), mean difference (paired), or difference of means x̄ - ȳ (Welch).
    public let estimate: Double
    /// Standard error of `estimate`.
    public let standardError: Double
    /// Confidence interval for `estimate` (`estimate ± t_{1-α/2,df}·SE`).
    public let confidenceInterval: ConfidenceInterval
    /// Standardised effect size: Cohen's d. One-sample: (x̄-μ₀)/s; paired: d_z = mean(d)/sd(d);
    /// Welch: (x̄-ȳ)/sqrt((s₁²+s₂²)/2) (the average-variance d for unequal variances).
    public let effectSize: Double
    /// Set when the data cannot support the test (statistic, p, CI are then NaN).
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    static func tResult(estimate: Double, se: Double, df: Double, nullValue: Double,
                        effect: Double, level: Double, degeneracy: Degeneracy?) -> TTestResult {
        if let degeneracy {
            return TTestResult(statistic: .nan, pValue: .nan, degreesOfFreedom: df, estimate: estimate,
                               standardError: se,
                               confidenceInterval: ConfidenceInterval(lower: .nan, upper: .nan, level: level),
                               effectSize: effect, degeneracy: degeneracy)
        }
        let t = (estimate - nullValue) / se
        let dist = StudentT(degreesOfFreedom: df)
        let p = min(1, 2 * dist.sf(abs(t)))
        let q = dist.quantile(0.5 + level / 2)
        return TTestResult(statistic: t, pValue: p, degreesOfFreedom: df, estimate: estimate, standardError: se,
                           confidenceInterval: ConfidenceInterval(lower: estimate - q * se, upper: estimate + q * se, level: level),
                           effectSize: effect, degeneracy: nil)
    }

    /// One-sample t test of H₀: mean = `mu`. Matches `scipy.stats.ttest_1samp(x, mu)` and
    /// its `confidence_interval(level)` (interval for the mean).
    /// n < 2 → `.tooFewObservations`; zero sample variance → `.zeroVariance` (scipy would
    /// return ±inf/NaN; we return NaN because the data carry no information on the spread).
    ///
    /// ```swift
    /// let r = try HypothesisTests.oneSampleTTest([0.4, -1.2, 0.3, 2.2, 1.0], mu: 0)
    /// print(r.estimate, r.confidenceInterval, r.pValue)
    /// ```
    /// - Parameters:
    ///   - x: the sample.
    ///   - mu: the null mean.
    ///   - confidenceLevel: level of the interval for the mean, in (0, 1).
    /// - Returns: the test, with `degeneracy` set when n < 2 or the variance is zero.
    /// - Throws: `StatsError.invalidValue` for a non-finite value or a level outside (0, 1).
    public static func oneSampleTTest(_ x: [Double], mu: Double = 0, confidenceLevel: Double = 0.95) throws(StatsError) -> TTestResult {
        try Check.finite(x, name: "x")
        try Check.level(confidenceLevel)
        let n = x.count
        let m = Descriptives.mean(x)
        guard n >= 2 else {
            return tResult(estimate: m, se: .nan, df: Double(n - 1), nullValue: mu, effect: .nan,
                           level: confidenceLevel, degeneracy: .tooFewObservations)
        }
        let s = Descriptives.standardDeviation(x)
        let se = s / Double(n).squareRoot()
        let degenerate: Degeneracy? = s > 0 ? nil : .zeroVariance
        return tResult(estimate: m, se: se, df: Double(n - 1), nullValue: mu, effect: (m - mu) / s,
                       level: confidenceLevel, degeneracy: degenerate)
    }

    /// Paired t test on `x - y`. Matches `scipy.stats.ttest_rel(x, y)` and its
    /// `confidence_interval(level)` (interval for the mean difference).
    /// n < 2 → `.tooFewObservations`; all differences equal → `.zeroVariance`.
    ///
    /// ```swift
    /// let r = try HypothesisTests.pairedTTest([5.1, 4.8, 6.0], [4.2, 4.9, 5.1])
    /// ```
    /// - Parameters:
    ///   - x: first measurement per pair.
    ///   - y: second measurement per pair.
    ///   - confidenceLevel: level of the interval for the mean difference, in (0, 1).
    /// - Returns: the test on the differences.
    /// - Throws: `StatsError.dimensionMismatch` when x and y differ in length,
    ///   `StatsError.invalidValue` for a non-finite value or an invalid level.
    public static func pairedTTest(_ x: [Double], _ y: [Double], confidenceLevel: Double = 0.95) throws(StatsError) -> TTestResult {
        try Check.sameLength(x.count, [("y", y.count)])
        let d = zip(x, y).map { $0 - $1 }
        return try oneSampleTTest(d, mu: 0, confidenceLevel: confidenceLevel)
    }

    /// Welch's unequal-variance two-sample t test of H₀: mean(x) = mean(y), with
    /// Welch–Satterthwaite df `(v₁/n₁+v₂/n₂)² / ((v₁/n₁)²/(n₁-1) + (v₂/n₂)²/(n₂-1))`.
    /// Matches `scipy.stats.ttest_ind(x, y, equal_var=False)` and its
    /// `confidence_interval(level)` (interval for x̄ - ȳ).
    /// Either n < 2 → `.tooFewObservations`; both variances zero → `.zeroVariance`.
    ///
    /// ```swift
    /// let r = try HypothesisTests.welchTTest([2.1, 3.3, 2.8, 3.9], [1.0, 1.9, 2.2])
    /// ```
    /// - Parameters:
    ///   - x: first sample.
    ///   - y: second sample.
    ///   - confidenceLevel: level of the interval for x̄ - ȳ, in (0, 1).
    /// - Returns: the test, with `degeneracy` set when a sample has fewer than two values or
    ///   both variances are zero.
    /// - Throws: `StatsError.invalidValue` for a non-finite value or a level outside (0, 1).
    public static func welchTTest(_ x: [Double], _ y: [Double], confidenceLevel: Double = 0.95) throws(StatsError) -> TTestResult {
        try Check.finite(x, name: "x"); try Check.finite(y, name: "y")
        try Check.level(confidenceLevel)
        let n1 = Double(x.count), n2 = Double(y.count)
        let diff = Descriptives.mean(x) - Descriptives.mean(y)
        guard x.count >= 2 && y.count >= 2 else {
            return tResult(estimate: diff, se: .nan, df: .nan, nullValue: 0, effect: .nan,
                           level: confidenceLevel, degeneracy: .tooFewObservations)
        }
        let v1 = Descriptives.variance(x), v2 = Descriptives.variance(y)
        let a = v1 / n1, b = v2 / n2
        let se = (a + b).squareRoot()
        let df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1))
        let effect = diff / ((v1 + v2) / 2).squareRoot()
        return tResult(estimate: diff, se: se, df: df, nullValue: 0, effect: effect, level: confidenceLevel,
                       degeneracy: se > 0 ? nil : .zeroVariance)
    }
}
