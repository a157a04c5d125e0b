import Foundation

/// Ordinary least squares y = X b + e, solved through the normal equations
/// with a Cholesky factor of X'X (accumulated row by row) and one step of
/// iterative refinement. Matches statsmodels `sm.OLS(y, X).fit()` and, with
/// `clusters`, `fit(cov_type='cluster', cov_kwds={'groups': g})`: CR1 factor
/// G/(G-1)*(N-1)/(N-K). statsmodels 0.15 refers cluster-robust statistics to
/// the NORMAL distribution by default (`use_t=None` -> False for robust
/// covariances; verified in the fixtures); `clusterUseT: true` gives
/// `use_t=True`, i.e. Student t with G-1 degrees of freedom.
///
/// ```swift
/// let fit = try OrdinaryLeastSquares.fit(rows: ages.map { [1, $0] }, y: d, names: ["Intercept", "age"])
/// let slope = fit.coefficients["age"]!
/// print(slope.estimate, slope.confidenceInterval(), slope.pValue)
/// ```
public struct OrdinaryLeastSquares: Sendable {
    /// Coefficients by term, with model-based (sigma^2 (X'X)^{-1}, t with n-k df) or
    /// cluster-robust covariance; NaN when `degeneracy` is set.
    public let coefficients: RegressionCoefficients
    /// Number of observations n.
    public let observationCount: Int
    /// Residual degrees of freedom n - k.
    public let residualDegreesOfFreedom: Int
    /// Residual sum of squares.
    public let residualSumOfSquares: Double
    /// sigma^2 = RSS / (n - k).
    public let residualVariance: Double
    /// R^2 = 1 - RSS/TSS, TSS centred when the design has a constant column
    /// (statsmodels' convention; uncentred otherwise).
    public let rSquared: Double
    /// Adjusted R^2 = 1 - (1 - R^2)(n - c)/(n - k), c = 1 with a constant.
    public let adjustedRSquared: Double
    /// Gaussian log-likelihood at the MLE of sigma^2 (statsmodels `llf`).
    public let logLikelihood: Double
    /// Why no estimate could be given: `.tooFewObservations` (n <= k),
    /// `.singularDesign` (collinear columns) or `.tooFewClusters`.
    public let degeneracy: Degeneracy?

    /// Fits OLS.
    ///
    /// - Parameters:
    ///   - design: n x k named design (include a column of ones for an intercept).
    ///   - y: responses.
    ///   - clusters: one id per row; switches to the CR1 covariance.
    ///   - clusterUseT: refer cluster-robust statistics to t with G-1 df (statsmodels `use_t=True`).
    /// - Returns: the fit, with `degeneracy` set when the data cannot support it.
    /// - Throws: `StatsError` for inconsistent lengths, an empty design or non-finite values.
    public static func fit(_ design: DesignMatrix, y: [Double], clusters: [Int]? = nil, clusterUseT: Bool = false) throws(StatsError) -> OrdinaryLeastSquares {
        let x = design.matrix
        let n = x.rows, k = x.columns
        guard n > 0, k > 0 else { throw .dimensionMismatch("empty design \(n)x\(k)") }
        try Check.sameLength(n, [("y", y.count), ("clusters", clusters?.count)])
        try Check.finite(y, name: "y"); try Check.finite(x.values, name: "design values")
        func failed(_ reason: Degeneracy) -> OrdinaryLeastSquares {
            OrdinaryLeastSquares(coefficients: .undefined(names: design.names), observationCount: n, residualDegreesOfFreedom: n - k,
                                 residualSumOfSquares: .nan, residualVariance: .nan, rSquared: .nan, adjustedRSquared: .nan,
                                 logLikelihood: .nan, degeneracy: reason)
        }
        guard n > k else { return failed(.tooFewObservations) }
        var xtx = Matrix(rows: k, columns: k)
        var xty = [Double](repeating: 0, count: k)
        for i in 0..<n {
            xtx.addOuterProduct(ofRow: i, of: x)
            let base = i * k
            for j in 0..<k { xty[j] += x.values[base + j] * y[i] }
        }
        guard let chol = xtx.choleskyIfPositiveDefinite() else { return failed(.singularDesign) }
        var beta = chol.solve(xty)
        // One step of iterative refinement of the normal equations.
        let resid0 = zip(xty, xtx.multiply(beta)).map { $0 - $1 }
        let corr = chol.solve(resid0)
        for j in 0..<k { beta[j] += corr[j] }

        let hasConstant = (0..<k).contains { j in (0..<n).allSatisfy { x[$0, j] == x[0, j] } && x[0, j] != 0 }
        var rss = 0.0
        var ymean = 0.0
        for v in y { ymean += v }
        ymean /= Double(n)
        var tss = 0.0
        var accumulator = ClusterRobustCovariance(parameterCount: k)
        for i in 0..<n {
            let e = y[i] - x.rowDot(i, beta)
            rss += e * e
            let d = hasConstant ? y[i] - ymean : y[i]
            tss += d * d
            if let c = clusters { accumulator.add(score: x.row(i).map { $0 * e }, cluster: c[i]) }
        }
        let dfResid = n - k
        let sigma2 = rss / Double(dfResid)
        let bread = chol.inverse()
        let coefficients: RegressionCoefficients
        if clusters != nil {
            guard let (cov, factor) = accumulator.covariance(bread: bread, parameters: k) else { return failed(.tooFewClusters) }
            coefficients = RegressionCoefficients(
                names: design.names, estimates: beta, covariance: cov,
                distribution: clusterUseT ? .studentT(degreesOfFreedom: Double(accumulator.clusterCount - 1)) : .normal,
                covarianceKind: .clusterRobust(clusters: accumulator.clusterCount, correction: factor))
        } else {
            coefficients = RegressionCoefficients(
                names: design.names, estimates: beta, covariance: sigma2 * bread,
                distribution: .studentT(degreesOfFreedom: Double(dfResid)), covarianceKind: .modelBased)
        }
        let r2 = 1 - rss / tss
        let c = hasConstant ? 1.0 : 0.0
        let adj = 1 - (1 - r2) * (Double(n) - c) / Double(dfResid)
        let nn = Double(n)
        let llf = -nn / 2 * Foundation.log(2 * Double.pi) - nn / 2 * Foundation.log(rss / nn) - nn / 2
        return OrdinaryLeastSquares(
            coefficients: coefficients, observationCount: n, residualDegreesOfFreedom: dfResid,
            residualSumOfSquares: rss, residualVariance: sigma2, rSquared: r2, adjustedRSquared: adj,
            logLikelihood: llf, degeneracy: nil)
    }

    /// Fits OLS on an unnamed matrix (terms named `names`, default x1...xk);
    /// parameters as ``fit(_:y:clusters:clusterUseT:)``.
    ///
    /// - Throws: `StatsError` as the named form, or for a wrong number of names.
    public static func fit(x: Matrix, y: [Double], names: [String]? = nil, clusters: [Int]? = nil,
                           clusterUseT: Bool = false) throws(StatsError) -> OrdinaryLeastSquares {
        try fit(DesignMatrix(x, names: DesignMatrix.resolve(names, columns: x.columns)), y: y, clusters: clusters, clusterUseT: clusterUseT)
    }

    /// Fits OLS on the design given as an array of rows.
    ///
    /// - Throws: `StatsError` as the named form, or for ragged rows.
    public static func fit(rows: [[Double]], y: [Double], names: [String]? = nil, clusters: [Int]? = nil,
                           clusterUseT: Bool = false) throws(StatsError) -> OrdinaryLeastSquares {
        try fit(x: DesignMatrix.matrix(rows: rows), y: y, names: names, clusters: clusters, clusterUseT: clusterUseT)
    }
}
