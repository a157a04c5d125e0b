import Foundation

/// Negative binomial (NB2) regression: y ~ NB with mean mu = exp(x'b + offset)
/// and variance mu + alpha mu^2, with alpha estimated by maximum likelihood
/// jointly with b. Matches statsmodels
/// `sm.NegativeBinomial(y, X, loglike_method='nb2', offset=o).fit()`
/// (Cameron & Trivedi 2013, Regression Analysis of Count Data, sec. 3.3).
///
/// b and theta = log(alpha) are fitted together by Newton-Raphson with the
/// analytic Hessian and step halving, starting from the Poisson fit. Standard
/// errors come from the observed information in the (b, alpha)
/// parametrisation, like statsmodels, whose `params` end with alpha itself.
///
/// ```swift
/// let fit = try NegativeBinomialRegression.fit(design, y: counts, offset: logExposure)
/// print(fit.alpha, fit.coefficients["treated"]?.estimate ?? .nan)
/// ```
public struct NegativeBinomialRegression: Sendable {
    /// Coefficients b_1..b_k followed by the term "alpha" (k + 1 entries, as
    /// statsmodels); NaN when `degeneracy` is set.
    public let coefficients: RegressionCoefficients
    /// The dispersion alpha (variance mu + alpha mu^2).
    public var alpha: Double { coefficients.estimates[coefficients.estimates.count - 1] }
    /// Fitted means.
    public let fittedMeans: [Double]
    /// Log-likelihood sum [lgamma(y + 1/a) - lgamma(1/a) - lgamma(y + 1)
    /// - (1/a) log(1 + a mu) + y log(a mu / (1 + a mu))].
    public let logLikelihood: Double
    /// Newton iterations used.
    public let iterations: Int
    /// Why no estimate could be given: `.noOverdispersion` (alpha at its boundary 0: fit a
    /// Poisson model), `.notConverged`, `.singularDesign` or `.tooFewClusters`.
    public let degeneracy: Degeneracy?

    /// Per-observation derivatives of the log-likelihood in (eta, alpha).
    struct Terms {
        var ll = 0.0, gEta = 0.0, gAlpha = 0.0, hEtaEta = 0.0, hEtaAlpha = 0.0, hAlphaAlpha = 0.0
    }

    static func terms(y: Double, eta: Double, alpha a: Double, derivatives: Bool = true) -> Terms {
        let mu = Foundation.exp(eta)
        let r = 1 / a
        let amu = a * mu
        let l1 = Foundation.log1p(amu)
        var t = Terms()
        t.ll = Foundation.lgamma(y + r) - Foundation.lgamma(r) - Foundation.lgamma(y + 1) - r * l1
            + (y > 0 ? y * (Foundation.log(amu) - l1) : 0)
        guard derivatives else { return t }
        let onePlus = 1 + amu
        let dg = ModelMath.digamma(y + r) - ModelMath.digamma(r)
        let tg = ModelMath.trigamma(y + r) - ModelMath.trigamma(r)
        t.gEta = (y - mu) / onePlus
        t.hEtaEta = -mu * (1 + a * y) / (onePlus * onePlus)
        t.gAlpha = r * r * (l1 - dg) + (y - mu) / (a * onePlus)
        t.hEtaAlpha = -(y - mu) * mu / (onePlus * onePlus)
        t.hAlphaAlpha = -2 * r * r * r * (l1 - dg) + r * r * mu / onePlus + r * r * r * r * tg
            - (y - mu) * (1 + 2 * amu) / (a * a * onePlus * onePlus)
        return t
    }

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - design: n x k named design with a constant column for an intercept (no column
    ///     may be named "alpha").
    ///   - y: non-negative counts.
    ///   - offset: added to the linear predictor.
    ///   - clusters: one id per row for CR1 standard errors (K = k + 1 in the small-sample
    ///     factor, as statsmodels counts alpha).
    ///   - maxIterations: Newton iterations allowed.
    ///   - tolerance: relative log-likelihood change at convergence.
    /// - Returns: the fit, with `degeneracy` set when the data cannot support it.
    /// - Throws: `StatsError` for inconsistent lengths or invalid counts.
    public static func fit(_ design: DesignMatrix, y: [Double], offset: [Double]? = nil, clusters: [Int]? = nil,
                           maxIterations: Int = 200, tolerance: Double = 1e-12) throws(StatsError) -> NegativeBinomialRegression {
        let x = design.matrix
        let n = x.rows, k = x.columns
        try GLMInput.validate(n: n, k: k, y: y, offset: offset, weights: nil, clusters: clusters)
        if let bad = y.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw .invalidValue("y[\(bad)] = \(y[bad]) is not a non-negative count")
        }
        let names = design.names + ["alpha"]
        try DesignMatrix.checkNames(names, columns: k + 1)
        var iterations = 0
        func failed(_ reason: Degeneracy) -> NegativeBinomialRegression {
            NegativeBinomialRegression(coefficients: .undefined(names: names), fittedMeans: [Double](repeating: .nan, count: n),
                                       logLikelihood: .nan, iterations: iterations, degeneracy: reason)
        }
        let off = offset ?? [Double](repeating: 0, count: n)
        let poisson = try PoissonRegression.fit(design, y: y, offset: off)
        if let reason = poisson.degeneracy { return failed(reason) }
        var beta = poisson.coefficients.estimates
        // Method-of-moments start for alpha: sum((y-mu)^2 - y) / sum(mu^2).
        var num = 0.0, den = 0.0
        for i in 0..<n { let mu = poisson.fittedMeans[i]; num += (y[i] - mu) * (y[i] - mu) - y[i]; den += mu * mu }
        var theta = Foundation.log(max(num / den, 0.05))
        let p = k + 1

        func eta(_ b: [Double], _ i: Int) -> Double {
            var s = off[i]
            let base = i * k
            for j in 0..<k { s += x.values[base + j] * b[j] }
            return s
        }
        func loglik(_ b: [Double], _ th: Double) -> Double {
            let a = Foundation.exp(th)
            var s = 0.0
            for i in 0..<n { s += terms(y: y[i], eta: eta(b, i), alpha: a, derivatives: false).ll }
            return s
        }
        /// Gradient and negative Hessian in (b, alpha) or (b, theta).
        func derivatives(_ b: [Double], alpha a: Double, logScale: Bool) -> ([Double], Matrix) {
            var g = [Double](repeating: 0, count: p)
            var hbb = Matrix(rows: k, columns: k)
            var gA = 0.0, hAA = 0.0
            var hBA = [Double](repeating: 0, count: k)
            for i in 0..<n {
                let t = terms(y: y[i], eta: eta(b, i), alpha: a)
                let base = i * k
                for j in 0..<k { g[j] += x.values[base + j] * t.gEta; hBA[j] += x.values[base + j] * t.hEtaAlpha }
                hbb.addOuterProduct(ofRow: i, of: x, weight: -t.hEtaEta)
                gA += t.gAlpha
                hAA += t.hAlphaAlpha
            }
            var h = Matrix(rows: p, columns: p)
            for i in 0..<k { for j in 0..<k { h[i, j] = hbb[i, j] } }
            let jac = logScale ? a : 1
            g[k] = jac * gA
            for j in 0..<k { h[j, k] = -jac * hBA[j]; h[k, j] = h[j, k] }
            h[k, k] = logScale ? -(a * a * hAA + a * gA) : -hAA
            return (g, h)
        }

        var ll = loglik(beta, theta)
        var converged = false
        while iterations < maxIterations {
            let (g, negH) = derivatives(beta, alpha: Foundation.exp(theta), logScale: true)
            var step: [Double]
            if let c = negH.choleskyIfPositiveDefinite() {
                step = c.solve(g)
            } else {
                // Far from the optimum: Levenberg-damped step.
                var damped = negH
                var lambda = 1e-3 * max(negH.diagonal.map(abs).max() ?? 1, 1)
                var solved: [Double]? = nil
                for _ in 0..<30 {
                    damped = negH
                    for j in 0..<p { damped[j, j] += lambda }
                    if let c = damped.choleskyIfPositiveDefinite() { solved = c.solve(g); break }
                    lambda *= 10
                }
                guard let s = solved else { return failed(.notConverged) }
                step = s
            }
            var t = 1.0
            var nb = beta, nth = theta, nll = -Double.infinity
            for _ in 0..<50 {
                for j in 0..<k { nb[j] = beta[j] + t * step[j] }
                nth = theta + t * max(min(step[k], 5), -5)
                nll = loglik(nb, nth)
                if nll.isFinite && nll >= ll - 1e-12 * (1 + abs(ll)) { break }
                t /= 2
            }
            iterations += 1
            var maxDelta = abs(nth - theta) / (1 + abs(theta))
            for j in 0..<k { maxDelta = max(maxDelta, abs(nb[j] - beta[j]) / (1 + abs(beta[j]))) }
            let llChange = abs(nll - ll) / (1 + abs(nll))
            beta = nb; theta = nth; ll = nll
            if llChange < tolerance && maxDelta < tolerance.squareRoot() { converged = true; break }
            if theta < Foundation.log(1e-10) { break }
        }
        // alpha -> 0: the profile likelihood increases towards the Poisson
        // boundary; report that rather than a degenerate information matrix.
        if Foundation.exp(theta) < 1e-6 { return failed(.noOverdispersion) }
        if !converged { return failed(.notConverged) }
        let a = Foundation.exp(theta)
        let (_, negH) = derivatives(beta, alpha: a, logScale: false)
        guard let bread = negH.inverseIfPositiveDefinite() else { return failed(.singularDesign) }
        var fitted = [Double](repeating: 0, count: n)
        var accumulator = ClusterRobustCovariance(parameterCount: p)
        for i in 0..<n {
            let e = eta(beta, i)
            fitted[i] = Foundation.exp(e)
            if let c = clusters {
                let t = terms(y: y[i], eta: e, alpha: a)
                var s = x.row(i).map { $0 * t.gEta }
                s.append(t.gAlpha)
                accumulator.add(score: s, cluster: c[i])
            }
        }
        guard let coefficients = GLMInput.coefficients(names: names, beta: beta + [a], bread: bread, clusters: clusters,
                                                       accumulator: accumulator, parameters: p) else { return failed(.tooFewClusters) }
        return NegativeBinomialRegression(coefficients: coefficients, fittedMeans: fitted, logLikelihood: ll, iterations: iterations,
                                          degeneracy: nil)
    }

    /// Fits the model on an unnamed matrix (terms named `names`, default x1...xk);
    /// parameters as ``fit(_:y:offset:clusters:maxIterations:tolerance:)``.
    ///
    /// - Throws: `StatsError` as the named form, or for a wrong number of names.
    public static func fit(x: Matrix, y: [Double], names: [String]? = nil, offset: [Double]? = nil, clusters: [Int]? = nil,
                           maxIterations: Int = 200, tolerance: Double = 1e-12) throws(StatsError) -> NegativeBinomialRegression {
        try fit(DesignMatrix(x, names: DesignMatrix.resolve(names, columns: x.columns)), y: y, offset: offset, clusters: clusters,
                maxIterations: maxIterations, tolerance: tolerance)
    }

    /// Fits the model on the design given as an array of rows.
    ///
    /// - Throws: `StatsError` as the named form, or for ragged rows.
    public static func fit(rows: [[Double]], y: [Double], names: [String]? = nil, offset: [Double]? = nil,
                           clusters: [Int]? = nil) throws(StatsError) -> NegativeBinomialRegression {
        try fit(x: DesignMatrix.matrix(rows: rows), y: y, names: names, offset: offset, clusters: clusters)
    }
}
