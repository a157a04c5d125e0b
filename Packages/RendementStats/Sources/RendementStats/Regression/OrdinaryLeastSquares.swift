import Foundation

/// Ordinary least squares y = X b + e, solved through the normal equations
/// with a Cholesky factor of X'X (accumulated row by row) and one step of
/// iterative refinement. Matches statsmodels `sm.OLS(y, X).fit()` and, with
/// `clusters`, `fit(cov_type='cluster', cov_kwds={'groups': g})`: CR1 factor
/// G/(G-1)*(N-1)/(N-K). statsmodels 0.15 refers cluster-robust statistics to
/// the NORMAL distribution by default (`use_t=None` -> False for robust
/// covariances; verified in the fixtures); `clusterUseT: true` gives
/// `use_t=True`, i.e. Student t with G-1 degrees of freedom.
public struct OrdinaryLeastSquares: Sendable {
    /// Coefficients with model-based (sigma^2 (X'X)^{-1}, t with n-k df) or
    /// cluster-robust covariance.
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

    /// Fits OLS. `x` is n x k (include a column of ones for an intercept);
    /// `clusters` (one id per row) switches to the CR1 covariance.
    public static func fit(x: Matrix, y: [Double], clusters: [Int]? = nil, clusterUseT: Bool = false) throws -> OrdinaryLeastSquares {
        let n = x.rows, k = x.columns
        guard y.count == n, n > 0, k > 0 else { throw RegressionError.dimensionMismatch("X is \(n)x\(k), y has \(y.count)") }
        if let c = clusters, c.count != n { throw RegressionError.dimensionMismatch("clusters has \(c.count) entries for \(n) rows") }
        guard n > k else { throw RegressionError.dimensionMismatch("need more observations (\(n)) than columns (\(k))") }
        var xtx = Matrix(rows: k, columns: k)
        var xty = [Double](repeating: 0, count: k)
        for i in 0..<n {
            xtx.addOuterProduct(ofRow: i, of: x)
            let base = i * k
            for j in 0..<k { xty[j] += x.values[base + j] * y[i] }
        }
        let chol: Cholesky
        do { chol = try Cholesky(xtx) } catch let e as LinearAlgebraError { throw RegressionError.singularDesign(e) }
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
            let (cov, factor) = try accumulator.covariance(bread: bread, parameters: k)
            coefficients = RegressionCoefficients(
                estimates: beta, covariance: cov,
                distribution: clusterUseT ? .studentT(degreesOfFreedom: Double(accumulator.clusterCount - 1)) : .normal,
                covarianceKind: .clusterRobust(clusters: accumulator.clusterCount, correction: factor))
        } else {
            coefficients = RegressionCoefficients(
                estimates: beta, covariance: sigma2 * bread,
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
            logLikelihood: llf)
    }

    /// Convenience: the design as an array of rows.
    public static func fit(rows: [[Double]], y: [Double], clusters: [Int]? = nil, clusterUseT: Bool = false) throws -> OrdinaryLeastSquares {
        try fit(x: Matrix(rows), y: y, clusters: clusters, clusterUseT: clusterUseT)
    }
}
