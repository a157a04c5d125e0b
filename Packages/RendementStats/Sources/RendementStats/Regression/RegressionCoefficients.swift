import Foundation

/// The reference distribution of a coefficient's test statistic.
public enum InferenceDistribution: Sendable, Equatable, Hashable, Codable {
    /// Standard normal (z statistics): GLMs and discrete models in statsmodels.
    case normal
    /// Student t with the given degrees of freedom (OLS: n - k; G - 1 for
    /// cluster-robust OLS when requested, as statsmodels use_t=True).
    case studentT(degreesOfFreedom: Double)

    /// Two-sided p-value 2 P(|T| > |statistic|) (NaN for a non-finite statistic).
    public func twoSidedPValue(_ statistic: Double) -> Double {
        guard statistic.isFinite else { return .nan }
        switch self {
        case .normal: return 2 * Normal.standard.sf(abs(statistic))
        case let .studentT(df): return 2 * StudentT(degreesOfFreedom: df).sf(abs(statistic))
        }
    }

    /// The critical value q_{1 - (1 - level)/2}.
    public func criticalValue(level: Double) -> Double {
        let p = 1 - (1 - level) / 2
        switch self {
        case .normal: return Normal.standard.quantile(p)
        case let .studentT(df): return StudentT(degreesOfFreedom: df).quantile(p)
        }
    }
}

/// How a coefficient covariance matrix was computed.
public enum CovarianceKind: Sendable, Equatable, Hashable, Codable {
    /// Model-based: inverse (observed or expected) information, times the
    /// residual variance for OLS.
    case modelBased
    /// Cluster-robust sandwich with `clusters` groups, multiplied by
    /// `correction`: G/(G-1) * (N-1)/(N-K) for the regression models, as
    /// statsmodels `cov_type='cluster'` with the default `use_correction=True`
    /// (statsmodels.stats.sandwich_covariance.cov_cluster); 1 for the Cox
    /// model, as R `coxph(..., cluster = )` and lifelines `cluster_col`.
    case clusterRobust(clusters: Int, correction: Double)
}

/// One named coefficient of a fitted model, read by name from
/// ``RegressionCoefficients``.
///
/// ```swift
/// let age = fit.coefficients["age"]!
/// print(age.estimate, age.standardError, age.pValue, age.confidenceInterval(level: 0.9))
/// ```
public struct Coefficient: Sendable, Equatable, Hashable, Codable {
    /// The term's name (a design column name).
    public let name: String
    /// The point estimate.
    public let estimate: Double
    /// Its standard error.
    public let standardError: Double
    /// estimate / standardError (t or z).
    public let statistic: Double
    /// The distribution `statistic` is referred to.
    public let distribution: InferenceDistribution

    /// Two-sided p-value (statsmodels `pvalues`).
    public var pValue: Double { distribution.twoSidedPValue(statistic) }

    /// The Wald interval estimate -/+ q SE (statsmodels `conf_int`).
    ///
    /// - Parameter level: the confidence level, in (0, 1).
    /// - Returns: the interval on the coefficient's scale (use `.map(exp)` for ratios).
    public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval {
        .wald(estimate: estimate, standardError: standardError, criticalValue: distribution.criticalValue(level: level), level: level)
    }
}

/// Estimates, covariance, standard errors and test statistics of a fitted
/// regression model, each under its term name; p-values and confidence
/// intervals follow from `distribution`. A collection of ``Coefficient``s in
/// design-column order, also subscriptable by name.
///
/// ```swift
/// let fit = try OrdinaryLeastSquares.fit(design, y: y)
/// for c in fit.coefficients { print(c.name, c.estimate, c.pValue) }
/// let slope = fit.coefficients["age"]?.estimate
/// ```
public struct RegressionCoefficients: Sendable, Equatable, RandomAccessCollection {
    /// Term names, in design-column order (unique).
    public let names: [String]
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

    init(names: [String], estimates: [Double], covariance: Matrix, distribution: InferenceDistribution, covarianceKind: CovarianceKind) {
        self.names = names
        self.estimates = estimates
        self.covariance = covariance
        let se = covariance.diagonal.map { $0 > 0 ? $0.squareRoot() : ($0.isNaN ? .nan : 0) }
        self.standardErrors = se
        self.statistics = zip(estimates, se).map { $1 > 0 ? $0 / $1 : .nan }
        self.distribution = distribution
        self.covarianceKind = covarianceKind
    }

    /// Coefficients that could not be estimated: every figure NaN (the model's
    /// `degeneracy` says why).
    static func undefined(names: [String]) -> RegressionCoefficients {
        let k = names.count
        return RegressionCoefficients(names: names, estimates: [Double](repeating: .nan, count: k),
                                      covariance: Matrix(rows: k, columns: k, repeating: .nan), distribution: .normal,
                                      covarianceKind: .modelBased)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { estimates.count }

    /// The coefficient at design column `position`.
    public subscript(position: Int) -> Coefficient {
        Coefficient(name: names[position], estimate: estimates[position], standardError: standardErrors[position],
                    statistic: statistics[position], distribution: distribution)
    }

    /// The coefficient of the term `name`, or nil when the model has no such term.
    public subscript(name: String) -> Coefficient? {
        names.firstIndex(of: name).map { self[$0] }
    }

    /// Two-sided p-values, in design-column order (statsmodels `pvalues`).
    public var pValues: [Double] { statistics.map { distribution.twoSidedPValue($0) } }

    /// The critical value q_{1 - (1 - level)/2} of `distribution`.
    public func criticalValue(level: Double = 0.95) -> Double { distribution.criticalValue(level: level) }

    /// Wald confidence intervals estimate -/+ q SE, in design-column order (statsmodels `conf_int`).
    public func confidenceIntervals(level: Double = 0.95) -> [ConfidenceInterval] {
        let q = criticalValue(level: level)
        return zip(estimates, standardErrors).map { .wald(estimate: $0, standardError: $1, criticalValue: q, level: level) }
    }

    /// Default term names x1...xk (statsmodels' names for an unnamed design).
    static func defaultNames(_ k: Int) -> [String] { (0..<k).map { "x\($0 + 1)" } }
}
