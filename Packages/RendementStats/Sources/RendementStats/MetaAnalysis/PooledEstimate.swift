import Foundation

/// A pooled (or meta-regression) estimate with its standard error, Wald z
/// statistic, two-sided normal p-value and normal confidence interval, as
/// metafor `rma(..., test = "z")` and statsmodels `combine_effects` report.
public struct PooledEstimate: Sendable, Equatable {
    /// The estimate.
    public let estimate: Double
    /// Its standard error.
    public let standardError: Double
    /// The confidence level of `lower`/`upper`.
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
    public var pValue: Double { 2 * Normal.standard.sf(abs(z)) }
    /// estimate - z_{1-(1-level)/2} * SE.
    public var lower: Double { estimate - Normal.standard.quantile(1 - (1 - level) / 2) * standardError }
    /// estimate + z_{1-(1-level)/2} * SE.
    public var upper: Double { estimate + Normal.standard.quantile(1 - (1 - level) / 2) * standardError }
}
