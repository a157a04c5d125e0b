import Foundation

/// Binary (or proportion) logistic regression fitted by Newton-Raphson / IRLS,
/// matching statsmodels `sm.Logit(y, X, offset=...).fit()` and
/// `sm.GLM(y, X, family=Binomial(), offset=..., var_weights=w).fit()`.
///
/// The fit never returns diverging estimates: it checks for complete and
/// quasi-complete separation (Albert & Anderson 1984) and then returns a
/// result with `degeneracy == .separation` (coefficients NaN) and
/// `separation` naming which kind was found. The check is LP-free: when
/// fitted probabilities reach 0 or 1 (|eta| > 15) or the fit does not
/// converge, the direction d in which the coefficients moved over the last
/// iterations is tested for the separation inequalities
/// (2 y_i - 1) x_i'd >= 0 for all i (strict for all i: complete). Such a d is
/// a certificate that the likelihood increases without bound along d.
///
/// ```swift
/// var b = DesignMatrixBuilder(rowCount: y.count)
/// try b.addIntercept()
/// try b.addColumn("age", ages)
/// let fit = try LogisticRegression.fit(b.build(), y: y)
/// if let reason = fit.degeneracy { print(reason) } else { print(fit.coefficients["age"]!.estimate) }
/// ```
public struct LogisticRegression: Sendable {
    /// Coefficients by term (z statistics, normal reference distribution as
    /// statsmodels); NaN when `degeneracy` is set.
    public let coefficients: RegressionCoefficients
    /// Fitted probabilities, one per row (NaN when `degeneracy` is set).
    public let fittedProbabilities: [Double]
    /// Log-likelihood sum w_i [y_i log p_i + (1 - y_i) log(1 - p_i)].
    public let logLikelihood: Double
    /// Deviance -2 * logLikelihood (binary y; saturated log-likelihood 0).
    public var deviance: Double { -2 * logLikelihood }
    /// Newton iterations used.
    public let iterations: Int
    /// Whether the convergence criterion was met.
    public let converged: Bool
    /// Result of the separation check.
    public let separation: SeparationStatus
    /// Why no estimate could be given: `.separation`, `.singularDesign`,
    /// `.notConverged` or `.tooFewClusters`; nil for a usable fit.
    public let degeneracy: Degeneracy?

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - design: n x k named design (include an intercept column for an intercept).
    ///   - y: responses in [0, 1].
    ///   - offset: added to the linear predictor.
    ///   - weights: prior weights with statsmodels `var_weights` semantics (N in the CR1
    ///     factor counts rows, not the sum of weights; for integer frequency weights expand
    ///     the rows instead).
    ///   - clusters: one id per row for CR1 cluster-robust standard errors.
    ///   - maxIterations: Newton iterations allowed.
    ///   - tolerance: relative log-likelihood change at convergence.
    /// - Returns: the fit, with `degeneracy` set when the data cannot support it.
    /// - Throws: `StatsError` for inconsistent lengths, y outside [0, 1] or invalid weights.
    public static func fit(_ design: DesignMatrix, y: [Double], offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil, maxIterations: Int = 100, tolerance: Double = 1e-12) throws(StatsError) -> LogisticRegression {
        let x = design.matrix
        let n = x.rows, k = x.columns
        try GLMInput.validate(n: n, k: k, y: y, offset: offset, weights: weights, clusters: clusters)
        if let bad = y.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw .invalidValue("y[\(bad)] = \(y[bad]) is not in [0, 1]")
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
        if binary && found == .none && (!state.converged || state.singular) {
            found = separationCheck(engine: engine, state: state, requireExtreme: false)
        }
        func failed(_ reason: Degeneracy) -> LogisticRegression {
            LogisticRegression(coefficients: .undefined(names: design.names), fittedProbabilities: [Double](repeating: .nan, count: n),
                               logLikelihood: .nan, iterations: state.iterations, converged: state.converged, separation: found,
                               degeneracy: reason)
        }
        if found != .none { return failed(.separation) }
        if state.singular { return failed(.singularDesign) }
        if !state.converged { return failed(.notConverged) }
        let beta = state.beta
        let (_, info) = engine.scoreAndInformation(beta)
        guard let bread = info.inverseIfPositiveDefinite() else { return failed(.singularDesign) }
        var fitted = [Double](repeating: 0, count: n)
        var accumulator = ClusterRobustCovariance(parameterCount: k)
        for i in 0..<n {
            let mu = CanonicalFamily.binomialLogit.mean(engine.linearPredictor(beta, i))
            fitted[i] = mu
            if let c = clusters { accumulator.add(score: x.row(i).map { $0 * w[i] * (y[i] - mu) }, cluster: c[i]) }
        }
        guard let coefficients = GLMInput.coefficients(names: design.names, beta: beta, bread: bread, clusters: clusters,
                                                       accumulator: accumulator) else { return failed(.tooFewClusters) }
        return LogisticRegression(coefficients: coefficients, fittedProbabilities: fitted, logLikelihood: state.logLikelihood,
                                  iterations: state.iterations, converged: state.converged, separation: .none, degeneracy: nil)
    }

    /// Fits the model on an unnamed matrix (terms named `names`, default x1...xk);
    /// parameters as ``fit(_:y:offset:weights:clusters:maxIterations:tolerance:)``.
    ///
    /// - Throws: `StatsError` as the named form, or for a wrong number of names.
    public static func fit(x: Matrix, y: [Double], names: [String]? = nil, offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil, maxIterations: Int = 100, tolerance: Double = 1e-12) throws(StatsError) -> LogisticRegression {
        try fit(DesignMatrix(x, names: DesignMatrix.resolve(names, columns: x.columns)), y: y, offset: offset, weights: weights,
                clusters: clusters, maxIterations: maxIterations, tolerance: tolerance)
    }

    /// Fits the model on the design given as an array of rows.
    ///
    /// - Throws: `StatsError` as the named form, or for ragged rows.
    public static func fit(rows: [[Double]], y: [Double], names: [String]? = nil, offset: [Double]? = nil, weights: [Double]? = nil,
                           clusters: [Int]? = nil) throws(StatsError) -> LogisticRegression {
        try fit(x: DesignMatrix.matrix(rows: rows), y: y, names: names, offset: offset, weights: weights, clusters: clusters)
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
    static func validate(n: Int, k: Int, y: [Double], offset: [Double]?, weights: [Double]?, clusters: [Int]?) throws(StatsError) {
        guard n > 0, k > 0 else { throw .dimensionMismatch("empty design \(n)x\(k)") }
        try Check.sameLength(n, [("y", y.count), ("offset", offset?.count), ("weights", weights?.count), ("clusters", clusters?.count)])
        try Check.weights(weights)
        if let o = offset { try Check.finite(o, name: "offset") }
    }

    /// Model-based or CR1 coefficients; nil when a cluster-robust covariance was asked
    /// for with fewer than two clusters.
    static func coefficients(names: [String], beta: [Double], bread: Matrix, clusters: [Int]?, accumulator: ClusterRobustCovariance,
                             parameters: Int? = nil) -> RegressionCoefficients? {
        if clusters != nil {
            guard let (cov, factor) = accumulator.covariance(bread: bread, parameters: parameters ?? beta.count) else { return nil }
            return RegressionCoefficients(names: names, estimates: beta, covariance: cov, distribution: .normal,
                                          covarianceKind: .clusterRobust(clusters: accumulator.clusterCount, correction: factor))
        }
        return RegressionCoefficients(names: names, estimates: beta, covariance: bread, distribution: .normal, covarianceKind: .modelBased)
    }
}
