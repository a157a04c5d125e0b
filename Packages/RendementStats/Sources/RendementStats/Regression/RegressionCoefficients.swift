import Foundation

/// The reference distribution of a coefficient's test statistic.
public enum InferenceDistribution: Sendable, Equatable {
    /// Standard normal (z statistics): GLMs and discrete models in statsmodels.
    case normal
    /// Student t with the given degrees of freedom (OLS: n - k; G - 1 for
    /// cluster-robust OLS when requested, as statsmodels use_t=True).
    case studentT(degreesOfFreedom: Double)
}

/// How a coefficient covariance matrix was computed.
public enum CovarianceKind: Sendable, Equatable {
    /// Model-based: inverse (observed or expected) information, times the
    /// residual variance for OLS.
    case modelBased
    /// Cluster-robust sandwich (CR1) with `clusters` groups, multiplied by
    /// `correction` = G/(G-1) * (N-1)/(N-K), as statsmodels
    /// `cov_type='cluster'` with the default `use_correction=True`
    /// (statsmodels.stats.sandwich_covariance.cov_cluster).
    case clusterRobust(clusters: Int, correction: Double)
}

/// Estimates, covariance, standard errors and test statistics of a fitted
/// regression model; p-values and confidence intervals follow from
/// `distribution`.
public struct RegressionCoefficients: Sendable {
    /// Point estimates, in design-column order.
    public let estimates: [Double]
    /// Covariance matrix of the estimates.
    public let covariance: Matrix
    /// Square roots of the covariance diagonal.
    public let standardErrors: [Double]
    /// estimate / standard error (t or z statistics).
    public let statistics: [Double]
    /// The distribution the statistics are referred to.
    public let distribution: InferenceDistribution
    /// How `covariance` was computed.
    public let covarianceKind: CovarianceKind

    init(estimates: [Double], covariance: Matrix, distribution: InferenceDistribution, covarianceKind: CovarianceKind) {
        self.estimates = estimates
        self.covariance = covariance
        let se = covariance.diagonal.map { $0 > 0 ? $0.squareRoot() : 0 }
        self.standardErrors = se
        self.statistics = zip(estimates, se).map { $1 > 0 ? $0 / $1 : .nan }
        self.distribution = distribution
        self.covarianceKind = covarianceKind
    }
}
