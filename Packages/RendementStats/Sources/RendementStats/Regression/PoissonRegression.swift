import Foundation

/// Poisson regression (GLM, log link) fitted by IRLS, with offset (e.g. log
/// exposure) and optional prior weights; matches statsmodels
/// `sm.GLM(y, X, family=sm.families.Poisson(), offset=o, var_weights=w).fit()`
/// (scale fixed at 1; with `clusters`, `cov_type='cluster'`, CR1 factor
/// G/(G-1)*(N-1)/(N-K), normal reference distribution).
///
/// ```swift
/// let design = try DesignMatrix(columns: [("Intercept", ones), ("treated", treated)])
/// let fit = try PoissonRegression.fit(design, y: counts, offset: logExposure, clusters: site)
/// let rateRatio = fit.coefficients["treated"]!.confidenceInterval().map(exp)
/// ```
public struct PoissonRegression: Sendable {
    /// Coefficients by term (z statistics); NaN when `degeneracy` is set.
    public let coefficients: RegressionCoefficients
    /// Fitted means mu_i = exp(x_i'b + offset_i).
    public let fittedMeans: [Double]
    /// Log-likelihood sum w_i [y_i log mu_i - mu_i - log y_i!] (statsmodels `llf`).
    public let logLikelihood: Double
    /// Deviance 2 sum w_i [y_i log(y_i / mu_i) - (y_i - mu_i)].
    public let deviance: Double
    /// Pearson chi-square sum w_i (y_i - mu_i)^2 / mu_i.
    public let pearsonChiSquared: Double
    /// Newton iterations used.
    public let iterations: Int
    /// Why no estimate could be given (`.singularDesign`, `.notConverged`,
    /// `.tooFewClusters`); nil for a usable fit.
    public let degeneracy: Degeneracy?

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - design: n x k named design.
    ///   - y: non-negative responses (non-integers are accepted, as in statsmodels, for
    ///     quasi-Poisson style use).
    ///   - offset: added to the linear predictor (e.g. log exposure).
    ///   - weights: statsmodels `var_weights` (N in the CR1 factor counts rows).
    ///   - clusters: one id per row for CR1 cluster-robust standard errors.
    ///   - maxIterations: Newton iterations allowed.
    ///   - tolerance: relative log-likelihood change at convergence.
    /// - Returns: the fit, with `degeneracy` set when the data cannot support it.
    /// - Throws: `StatsError` for inconsistent lengths, negative or non-finite y, invalid weights.
    public static func fit(_ design: DesignMatrix, y: [Double], offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil, maxIterations: Int = 100, tolerance: Double = 1e-12) throws(StatsError) -> PoissonRegression {
        let x = design.matrix
        let n = x.rows, k = x.columns
        try GLMInput.validate(n: n, k: k, y: y, offset: offset, weights: weights, clusters: clusters)
        if let bad = y.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw .invalidValue("y[\(bad)] = \(y[bad]) is not a non-negative count")
        }
        let off = offset ?? [Double](repeating: 0, count: n)
        let w = weights ?? [Double](repeating: 1, count: n)
        let engine = IterativelyReweightedLeastSquares(x: x, y: y, offset: off, weights: w, family: .poissonLog)
        let state = engine.run(maxIterations: maxIterations, tolerance: tolerance)
        func failed(_ reason: Degeneracy) -> PoissonRegression {
            PoissonRegression(coefficients: .undefined(names: design.names), fittedMeans: [Double](repeating: .nan, count: n),
                              logLikelihood: .nan, deviance: .nan, pearsonChiSquared: .nan, iterations: state.iterations, degeneracy: reason)
        }
        if state.singular { return failed(.singularDesign) }
        if !state.converged { return failed(.notConverged) }
        let beta = state.beta
        let (_, info) = engine.scoreAndInformation(beta)
        guard let bread = info.inverseIfPositiveDefinite() else { return failed(.singularDesign) }
        var fitted = [Double](repeating: 0, count: n)
        var dev = 0.0, pearson = 0.0
        var accumulator = ClusterRobustCovariance(parameterCount: k)
        for i in 0..<n {
            let mu = Foundation.exp(engine.linearPredictor(beta, i))
            fitted[i] = mu
            let yi = y[i]
            dev += 2 * w[i] * ((yi > 0 ? yi * Foundation.log(yi / mu) : 0) - (yi - mu))
            pearson += w[i] * (yi - mu) * (yi - mu) / mu
            if let c = clusters { accumulator.add(score: x.row(i).map { $0 * w[i] * (yi - mu) }, cluster: c[i]) }
        }
        guard let coefficients = GLMInput.coefficients(names: design.names, beta: beta, bread: bread, clusters: clusters,
                                                       accumulator: accumulator) else { return failed(.tooFewClusters) }
        return PoissonRegression(coefficients: coefficients, fittedMeans: fitted, logLikelihood: state.logLikelihood,
                                 deviance: dev, pearsonChiSquared: pearson, iterations: state.iterations, degeneracy: nil)
    }

    /// Fits the model on an unnamed matrix (terms named `names`, default x1...xk);
    /// parameters as ``fit(_:y:offset:weights:clusters:maxIterations:tolerance:)``.
    ///
    /// - Throws: `StatsError` as the named form, or for a wrong number of names.
    public static func fit(x: Matrix, y: [Double], names: [String]? = nil, offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil, maxIterations: Int = 100, tolerance: Double = 1e-12) throws(StatsError) -> PoissonRegression {
        try fit(DesignMatrix(x, names: DesignMatrix.resolve(names, columns: x.columns)), y: y, offset: offset, weights: weights,
                clusters: clusters, maxIterations: maxIterations, tolerance: tolerance)
    }

    /// Fits the model on the design given as an array of rows.
    ///
    /// - Throws: `StatsError` as the named form, or for ragged rows.
    public static func fit(rows: [[Double]], y: [Double], names: [String]? = nil, offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil) throws(StatsError) -> PoissonRegression {
        try fit(x: DesignMatrix.matrix(rows: rows), y: y, names: names, offset: offset, weights: weights, clusters: clusters)
    }
}
