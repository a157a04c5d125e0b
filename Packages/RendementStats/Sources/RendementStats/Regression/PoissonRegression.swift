import Foundation

/// Poisson regression (GLM, log link) fitted by IRLS, with offset (e.g. log
/// exposure) and optional prior weights; matches statsmodels
/// `sm.GLM(y, X, family=sm.families.Poisson(), offset=o, var_weights=w).fit()`
/// (scale fixed at 1; with `clusters`, `cov_type='cluster'`, CR1 factor
/// G/(G-1)*(N-1)/(N-K), normal reference distribution).
public struct PoissonRegression: Sendable {
    /// Coefficients (z statistics).
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

    /// Fits the model; `y` must be non-negative (non-integers are accepted,
    /// as in statsmodels, for quasi-Poisson style use). `weights` have
    /// statsmodels `var_weights` semantics (N in the CR1 factor counts rows).
    public static func fit(x: Matrix, y: [Double], offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil, maxIterations: Int = 100, tolerance: Double = 1e-12) throws -> PoissonRegression {
        let n = x.rows, k = x.columns
        try GLMInput.validate(n: n, k: k, y: y, offset: offset, weights: weights, clusters: clusters)
        if let bad = y.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw RegressionError.invalidResponse("y[\(bad)] = \(y[bad]) is not a non-negative count")
        }
        let off = offset ?? [Double](repeating: 0, count: n)
        let w = weights ?? [Double](repeating: 1, count: n)
        let engine = IterativelyReweightedLeastSquares(x: x, y: y, offset: off, weights: w, family: .poissonLog)
        let state = engine.run(maxIterations: maxIterations, tolerance: tolerance)
        if let e = state.singular { throw RegressionError.singularDesign(e) }
        if !state.converged { throw RegressionError.notConverged(iterations: state.iterations, lastChange: state.lastChange) }
        let beta = state.beta
        let (_, info) = engine.scoreAndInformation(beta)
        let bread: Matrix
        do { bread = try info.inverseSymmetricPositiveDefinite() } catch let e as LinearAlgebraError { throw RegressionError.singularDesign(e) }
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
        let coefficients = try GLMInput.coefficients(beta: beta, bread: bread, clusters: clusters, accumulator: accumulator)
        return PoissonRegression(coefficients: coefficients, fittedMeans: fitted, logLikelihood: state.logLikelihood,
                                 deviance: dev, pearsonChiSquared: pearson, iterations: state.iterations)
    }

    /// Convenience: the design as an array of rows.
    public static func fit(rows: [[Double]], y: [Double], offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil) throws -> PoissonRegression {
        try fit(x: Matrix(rows), y: y, offset: offset, weights: weights, clusters: clusters)
    }
}
