import Foundation

/// A pooled (or meta-regression) estimate with its standard error, Wald z
/// statistic, two-sided normal p-value and normal confidence interval, as
/// metafor `rma(..., test = "z")` and statsmodels `combine_effects` report.
///
/// ```swift
/// let pooled = try RandomEffectsMetaAnalysis(effects: logRatios, variances: v).randomEffects
/// print(pooled.estimate, pooled.confidenceInterval.map(exp), pooled.pValue)
/// ```
public struct PooledEstimate: Sendable, Equatable, Codable {
    /// The estimate.
    public let estimate: Double
    /// Its standard error.
    public let standardError: Double
    /// The confidence level of `confidenceInterval`.
    public let level: Double

    /// Creates the estimate.
    public init(estimate: Double, standardError: Double, level: Double = 0.95) {
        self.estimate = estimate
        self.standardError = standardError
        self.level = level
    }

    /// estimate / standardError.
    public var z: Double { estimate / standardError }
    /// 2 * (1 - Phi(|z|)).
    public var pValue: Double { InferenceDistribution.normal.twoSidedPValue(z) }
    /// estimate -/+ z_{1-(1-level)/2} * SE.
    public var confidenceInterval: ConfidenceInterval {
        .wald(estimate: estimate, standardError: standardError, criticalValue: InferenceDistribution.normal.criticalValue(level: level),
              level: level)
    }

    /// An estimate that could not be formed (NaN).
    static func undefined(level: Double) -> PooledEstimate { PooledEstimate(estimate: .nan, standardError: .nan, level: level) }
}
