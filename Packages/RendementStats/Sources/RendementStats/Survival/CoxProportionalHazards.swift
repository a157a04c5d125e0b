import Foundation

/// The Cox proportional-hazards model fitted by Newton-Raphson on the
/// (weighted) partial likelihood with Efron's (default, as R coxph and
/// lifelines) or Breslow's handling of tied event times, optional strata,
/// case weights and a cluster-robust (sandwich) covariance, with step
/// halving when the log partial likelihood decreases (as R coxph, Therneau &
/// Grambsch 2000, ch. 3). Matches R `coxph(Surv(t, e) ~ x + strata(s),
/// weights = w, cluster = g, ties = "efron")`, lifelines `CoxPHFitter`
/// (`weights_col`, `strata`, `cluster_col`) and statsmodels `PHReg`
/// (`fit(groups = g)`).
///
/// Efron (1977) contribution at an event time with tied set D (size d, mean
/// weight m), risk set R: sum_{i in D} w_i eta_i - m sum_{l=0}^{d-1}
/// log(S0_R - (l/d) S0_D), S0 = sum w e^eta, with matching score and
/// information. Covariates are centred internally (as R), which leaves the
/// partial likelihood unchanged. The robust covariance is V (sum_g s_g s_g')
/// V with V the inverse information and s_g the sum over cluster g of w_i
/// times subject i's score residual (Lin & Wei 1989; R's `dfbeta` residuals,
/// Efron-adjusted), without a small-sample factor, as R and lifelines. Work
/// per iteration is O(n p^2) after one sort; nothing n x n is formed.
///
/// ```swift
/// var b = DesignMatrixBuilder(rowCount: n)
/// try b.addColumn("client", isClient)
/// let cox = try CoxProportionalHazards(times: days, events: event, design: b.build(), weights: w, clusters: matchedSet)
/// if cox.degeneracy == nil {
///     let hr = cox.coefficients["client"]!.confidenceInterval().map(exp)
/// }
/// ```
public struct CoxProportionalHazards: Sendable {
    /// Tie handling.
    public enum Ties: String, Sendable, Equatable, Codable { case efron, breslow }

    /// Coefficients (log hazard ratios) by term, with SEs from the inverse
    /// observed information or, with clusters, the robust sandwich; z
    /// statistics, normal reference distribution. NaN when `degeneracy` is set.
    public let coefficients: RegressionCoefficients
    /// The inverse observed information (R's `naive.var` when clusters are given).
    public let modelBasedCovariance: Matrix
    /// exp(coefficients).
    public var hazardRatios: [Double] { coefficients.estimates.map { Foundation.exp($0) } }
    /// Log partial likelihood at the estimate.
    public let logPartialLikelihood: Double
    /// Log partial likelihood at beta = 0 (null model).
    public let nullLogPartialLikelihood: Double
    /// Likelihood-ratio statistic 2 (l(beta) - l(0)), p degrees of freedom.
    public var likelihoodRatioStatistic: Double { 2 * (logPartialLikelihood - nullLogPartialLikelihood) }
    /// Wald statistic beta' Cov^{-1} beta (with the robust covariance when clusters are given, as R).
    public let waldStatistic: Double
    /// Score (log-rank) statistic U(0)' I(0)^{-1} U(0) (model-based).
    public let scoreStatistic: Double
    /// Newton iterations used.
    public let iterations: Int
    /// Number of subjects with an event (unweighted).
    public let eventCount: Int
    /// Why no estimate could be given: `.noEvents`, `.singularDesign` (collinear covariates,
    /// or one constant within every risk set), `.notConverged` (often a monotone likelihood:
    /// a covariate orders the events perfectly, so a coefficient is infinite) or
    /// `.tooFewClusters`. Every figure is then NaN.
    public let degeneracy: Degeneracy?

    /// Hazard-ratio confidence intervals exp(b -/+ z SE), in term order.
    public func hazardRatioIntervals(level: Double = 0.95) -> [ConfidenceInterval] {
        coefficients.confidenceIntervals(level: level).map { $0.map(Foundation.exp) }
    }

    /// p-value of the likelihood-ratio test against the null model.
    public var likelihoodRatioPValue: Double { ChiSquared(degreesOfFreedom: Double(coefficients.count)).sf(likelihoodRatioStatistic) }
    /// p-value of the Wald test.
    public var waldPValue: Double { ChiSquared(degreesOfFreedom: Double(coefficients.count)).sf(waldStatistic) }
    /// p-value of the score test.
    public var scorePValue: Double { ChiSquared(degreesOfFreedom: Double(coefficients.count)).sf(scoreStatistic) }

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - times: observed times, non-negative and finite.
    ///   - events: true for an event, false for censoring.
    ///   - design: n x p named covariates (no intercept column: the baseline hazard absorbs it).
    ///   - weights: case weights (default 1 each).
    ///   - strata: one label per subject; each stratum has its own baseline hazard.
    ///   - clusters: one label per subject; switches to the cluster-robust covariance.
    ///   - ties: Efron (default) or Breslow.
    ///   - maxIterations: Newton iterations allowed.
    ///   - tolerance: relative log-likelihood change at convergence.
    /// - Returns: the fit, with `degeneracy` set when the data cannot support it.
    /// - Throws: `StatsError` for arrays of different lengths, no subjects, or an invalid time,
    ///   covariate or weight.
    public init(times: [Double], events: [Bool], design: DesignMatrix, weights: [Double]? = nil, strata: [Int]? = nil,
                clusters: [Int]? = nil, ties: Ties = .efron, maxIterations: Int = 50, tolerance: Double = 1e-12) throws(StatsError) {
        let covariates = design.matrix
        let n = times.count, p = covariates.columns
        guard n > 0, p > 0 else { throw .dimensionMismatch("\(n) subjects, \(p) covariates") }
        try Check.sameLength(n, [("events", events.count), ("covariate rows", covariates.rows), ("weights", weights?.count),
                                 ("strata", strata?.count), ("clusters", clusters?.count)])
        try Check.times(times)
        try Check.weights(weights)
        try Check.finite(covariates.values, name: "covariates")
        let data = CoxData(times: times, events: events, covariates: covariates, weights: weights, strata: strata, ties: ties)
        let fit = CoxNewton.run(data, maxIterations: maxIterations, tolerance: tolerance)
        self.init(fit: fit, data: data, names: design.names, clusters: clusters)
    }

    /// Fits the model on unnamed covariates (terms named `names`, default x1...xp);
    /// parameters as ``init(times:events:design:weights:strata:clusters:ties:maxIterations:tolerance:)``.
    ///
    /// - Throws: `StatsError` as the named form, or for a wrong number of names.
    public init(times: [Double], events: [Bool], covariates: Matrix, names: [String]? = nil, weights: [Double]? = nil,
                strata: [Int]? = nil, clusters: [Int]? = nil, ties: Ties = .efron, maxIterations: Int = 50,
                tolerance: Double = 1e-12) throws(StatsError) {
        try self.init(times: times, events: events, design: DesignMatrix(covariates, names: DesignMatrix.resolve(names, columns: covariates.columns)),
                      weights: weights, strata: strata, clusters: clusters, ties: ties, maxIterations: maxIterations, tolerance: tolerance)
    }

    /// Assembles the result of a Newton run.
    init(fit: CoxNewton.Result, data: CoxData, names: [String], clusters: [Int]?) {
        let p = names.count
        iterations = fit.iterations
        eventCount = data.eventCount
        nullLogPartialLikelihood = fit.nullLogLikelihood
        scoreStatistic = fit.scoreStatistic
        var reason = fit.degeneracy
        var covariance = Matrix(rows: p, columns: p, repeating: .nan), kind = CovarianceKind.modelBased
        if reason == nil, let v = fit.covariance {
            covariance = v
            if let clusters {
                let g = Set(clusters).count
                if g < 2 { reason = .tooFewClusters } else {
                    covariance = CoxScoreResiduals.robustCovariance(data, beta: fit.beta, bread: v, clusters: clusters)
                    kind = .clusterRobust(clusters: g, correction: 1)
                }
            }
        }
        if let reason {
            coefficients = .undefined(names: names)
            modelBasedCovariance = Matrix(rows: p, columns: p, repeating: .nan)
            logPartialLikelihood = .nan
            waldStatistic = .nan
            degeneracy = reason
            return
        }
        coefficients = RegressionCoefficients(names: names, estimates: fit.beta, covariance: covariance, distribution: .normal,
                                              covarianceKind: kind)
        modelBasedCovariance = fit.covariance!
        logPartialLikelihood = fit.logLikelihood
        waldStatistic = covariance.inverseIfPositiveDefinite().map { dot($0.multiply(fit.beta), fit.beta) } ?? .nan
        degeneracy = nil
    }
}
