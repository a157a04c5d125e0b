import Foundation

/// Binary (or proportion) logistic regression fitted by Newton-Raphson / IRLS,
/// matching statsmodels `sm.Logit(y, X, offset=...).fit()` and
/// `sm.GLM(y, X, family=Binomial(), offset=..., var_weights=w).fit()`.
///
/// The fit refuses to return diverging estimates: it checks for complete and
/// quasi-complete separation (Albert & Anderson 1984) and throws
/// `RegressionError.perfectSeparation` naming which kind was found. The check
/// is LP-free: when fitted probabilities reach 0 or 1 (|eta| > 15) or the fit
/// does not converge, the direction d in which the coefficients moved over the
/// last iterations is tested for the separation inequalities
/// (2 y_i - 1) x_i'd >= 0 for all i (strict for all i: complete). Such a d is a
/// certificate that the likelihood increases without bound along d.
public struct LogisticRegression: Sendable {
    /// Coefficients (z statistics, normal reference distribution as statsmodels).
    public let coefficients: RegressionCoefficients
    /// Fitted probabilities, one per row.
    public let fittedProbabilities: [Double]
    /// Log-likelihood sum w_i [y_i log p_i + (1 - y_i) log(1 - p_i)].
    public let logLikelihood: Double
    /// Deviance -2 * logLikelihood (binary y; saturated log-likelihood 0).
    public var deviance: Double { -2 * logLikelihood }
    /// Newton iterations used.
    public let iterations: Int
    /// Whether the convergence criterion was met.
    public let converged: Bool
    /// Result of the separation check (always `.none` for a returned fit).
    public let separation: SeparationStatus

    /// Fits the model. `x` is n x k (include a constant column for an
    /// intercept), `y` in [0, 1], `offset` added to the linear predictor,
    /// `weights` prior weights with statsmodels `var_weights` semantics (N in
    /// the CR1 factor counts rows, not the sum of weights; for integer
    /// frequency weights expand the rows instead), `clusters` one id per row
    /// for CR1 cluster-robust standard errors.
    public static func fit(x: Matrix, y: [Double], offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil, maxIterations: Int = 100, tolerance: Double = 1e-12) throws -> LogisticRegression {
        let n = x.rows, k = x.columns
        try GLMInput.validate(n: n, k: k, y: y, offset: offset, weights: weights, clusters: clusters)
        if let bad = y.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw RegressionError.invalidResponse("y[\(bad)] = \(y[bad]) is not in [0, 1]")
        }
        let off = offset ?? [Double](repeating: 0, count: n)
        let w = weights ?? [Double](repeating: 1, count: n)
        let engine = IterativelyReweightedLeastSquares(x: x, y: y, offset: off, weights: w, family: .binomialLogit)
        let binary = y.allSatisfy { $0 == 0 || $0 == 1 }
        var found = SeparationStatus.none
        let state = engine.run(maxIterations: maxIterations, tolerance: tolerance) { s in
            guard binary, s.iterations >= 6 else { return false }
            found = separationCheck(engine: engine, state: s)
            return found != .none
        }
        if binary && found == .none && (!state.converged || state.singular != nil) {
            found = separationCheck(engine: engine, state: state, requireExtreme: false)
        }
        if found != .none { throw RegressionError.perfectSeparation(found) }
        if let e = state.singular { throw RegressionError.singularDesign(e) }
        if !state.converged { throw RegressionError.notConverged(iterations: state.iterations, lastChange: state.lastChange) }
        let beta = state.beta
        let (_, info) = engine.scoreAndInformation(beta)
        let bread: Matrix
        do { bread = try info.inverseSymmetricPositiveDefinite() } catch let e as LinearAlgebraError { throw RegressionError.singularDesign(e) }
        var fitted = [Double](repeating: 0, count: n)
        var accumulator = ClusterRobustCovariance(parameterCount: k)
        for i in 0..<n {
            let mu = CanonicalFamily.binomialLogit.mean(engine.linearPredictor(beta, i))
            fitted[i] = mu
            if let c = clusters { accumulator.add(score: x.row(i).map { $0 * w[i] * (y[i] - mu) }, cluster: c[i]) }
        }
        let coefficients = try GLMInput.coefficients(beta: beta, bread: bread, clusters: clusters, accumulator: accumulator)
        return LogisticRegression(coefficients: coefficients, fittedProbabilities: fitted, logLikelihood: state.logLikelihood,
                                  iterations: state.iterations, converged: state.converged, separation: .none)
    }

    /// Convenience: the design as an array of rows.
    public static func fit(rows: [[Double]], y: [Double], offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil) throws -> LogisticRegression {
        try fit(x: Matrix(rows), y: y, offset: offset, weights: weights, clusters: clusters)
    }

    /// Predicted probabilities for new rows (with optional offset).
    public func predict(x: Matrix, offset: [Double]? = nil) -> [Double] {
        (0..<x.rows).map { i in
            CanonicalFamily.binomialLogit.mean(dot(x.row(i), coefficients.estimates) + (offset?[i] ?? 0))
        }
    }

    /// The separation certificate test described in the type documentation.
    static func separationCheck(engine: IterativelyReweightedLeastSquares, state: IterativelyReweightedLeastSquares.State,
                                requireExtreme: Bool = true) -> SeparationStatus {
        let h = state.history
        guard h.count >= 3 else { return .none }
        let back = h[max(0, h.count - 4)]
        let d = zip(state.beta, back).map { $0 - $1 }
        let dNorm = dot(d, d).squareRoot()
        guard dNorm > 1e-3 else { return .none }
        var extreme = false
        var strict = 0, considered = 0
        for i in 0..<engine.x.rows where engine.weights[i] != 0 {
            let r = engine.x.row(i)
            let rNorm = dot(r, r).squareRoot()
            let eta = engine.linearPredictor(state.beta, i)
            if abs(eta) > 15 { extreme = true }
            considered += 1
            guard rNorm > 0 else { continue }
            let margin = (2 * engine.y[i] - 1) * dot(r, d) / (rNorm * dNorm)
            if margin < -1e-6 { return .none }
            if margin > 1e-6 { strict += 1 }
        }
        if requireExtreme && !extreme { return .none }
        if strict == 0 { return .none }
        return strict == considered ? .complete(separatedObservations: strict) : .quasiComplete(separatedObservations: strict)
    }
}

/// Shared input validation and coefficient assembly for the GLM-type models.
enum GLMInput {
    static func validate(n: Int, k: Int, y: [Double], offset: [Double]?, weights: [Double]?, clusters: [Int]?) throws {
        guard n > 0, k > 0 else { throw RegressionError.dimensionMismatch("empty design \(n)x\(k)") }
        guard y.count == n else { throw RegressionError.dimensionMismatch("y has \(y.count) entries for \(n) rows") }
        if let o = offset, o.count != n { throw RegressionError.dimensionMismatch("offset has \(o.count) entries for \(n) rows") }
        if let w = weights {
            guard w.count == n else { throw RegressionError.dimensionMismatch("weights has \(w.count) entries for \(n) rows") }
            if let bad = w.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) { throw RegressionError.invalidResponse("weights[\(bad)] = \(w[bad])") }
        }
        if let c = clusters, c.count != n { throw RegressionError.dimensionMismatch("clusters has \(c.count) entries for \(n) rows") }
    }

    static func coefficients(beta: [Double], bread: Matrix, clusters: [Int]?, accumulator: ClusterRobustCovariance,
                             parameters: Int? = nil) throws -> RegressionCoefficients {
        if clusters != nil {
            let (cov, factor) = try accumulator.covariance(bread: bread, parameters: parameters ?? beta.count)
            return RegressionCoefficients(estimates: beta, covariance: cov, distribution: .normal,
                                          covarianceKind: .clusterRobust(clusters: accumulator.clusterCount, correction: factor))
        }
        return RegressionCoefficients(estimates: beta, covariance: bread, distribution: .normal, covarianceKind: .modelBased)
    }
}
