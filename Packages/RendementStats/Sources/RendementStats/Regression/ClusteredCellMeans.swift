import Foundation

/// A log-linear Poisson model saturated in C cells, fitted to clustered data
/// in closed form: each of G clusters contributes one (possibly fractional)
/// count to every cell, the maximum-likelihood cell means are the column
/// means, and the covariance of their logarithms is the cluster-robust CR1
/// sandwich of that GLM.
///
/// This is exactly `statsmodels.GLM(y, X, family=Poisson()).fit(cov_type=
/// 'cluster', cov_kwds={'groups': g})` for any full-rank reparametrisation X
/// of the C cell indicators (N = G C rows, K = C parameters), so linear
/// contrasts of log means -- a rate ratio exp(b_group:period), or a joint test
/// of group x period interactions -- agree with the GLM's to rounding:
/// score of log mu_c: u_gc = y_gc - mu_c; information G mu_c; so the
/// influence of cluster g on log mu_c is psi_gc = (y_gc - mu_c) / (G mu_c) and
/// V = c sum_g psi_g psi_g', c = G/(G-1) (N-1)/(N-K)
/// (Cameron & Miller 2015, J. Human Resources 50:317; statsmodels
/// `sandwich_covariance.cov_cluster`, `use_correction=True`).
///
/// ```swift
/// // Per matched set: client before, client after, controls before, controls after.
/// let model = try ClusteredCellMeans([[3, 1, 2, 2], [4, 2, 3, 3], [2, 0, 1, 2]])
/// let (logRatio, se) = try model.contrast([-1, 1, 1, -1])   // log rate ratio of the group x period interaction
/// ```
public struct ClusteredCellMeans: Sendable, Equatable {
    /// Cell means mu_c (the column means).
    public let means: [Double]
    /// Number of clusters G.
    public let clusters: Int
    /// Per cluster, the influence psi_g on the log means (row g, column c).
    private let influence: [[Double]]
    /// The small-sample factor c.
    public let correction: Double
    /// `.tooFewClusters` (fewer than two clusters: no cluster-robust variance) or
    /// `.noEvents` (a cell without events in any cluster: its log mean is minus
    /// infinity); every contrast is then NaN.
    public let degeneracy: Degeneracy?

    /// Fits the model to `values[g][c]`: cluster g's count in cell c.
    ///
    /// - Parameter values: one row of C >= 1 non-negative counts per cluster.
    /// - Returns: the model, with `degeneracy` set when it cannot give contrasts.
    /// - Throws: `StatsError.dimensionMismatch` for no cells or rows of different lengths,
    ///   `StatsError.invalidValue` for a negative or non-finite count.
    public init(_ values: [[Double]]) throws(StatsError) {
        let g = values.count
        let c = values.first?.count ?? 0
        guard values.allSatisfy({ $0.count == c }) else { throw .dimensionMismatch("every cluster must give one value per cell") }
        for row in values { if let bad = row.first(where: { !($0 >= 0) || !$0.isFinite }) { throw .invalidValue("count \(bad) in a cell") } }
        var sums = [Double](repeating: 0, count: c)
        for row in values { for j in 0..<c { sums[j] += row[j] } }
        let means = sums.map { $0 / Double(max(g, 1)) }
        self.means = means
        clusters = g
        let n = Double(g * c)
        correction = g >= 2 && c > 0 ? Double(g) / Double(g - 1) * (n - 1) / (n - Double(c)) : .nan
        if g < 2 {
            degeneracy = .tooFewClusters
        } else if c == 0 {
            throw .dimensionMismatch("no cells")
        } else if means.contains(where: { !($0 > 0) }) {
            degeneracy = .noEvents
        } else {
            degeneracy = nil
        }
        influence = degeneracy == nil ? values.map { row in (0..<c).map { (row[$0] - means[$0]) / (Double(g) * means[$0]) } } : []
    }

    /// log mu_c.
    public var logMeans: [Double] { means.map { log($0) } }

    /// The linear contrast sum_c w_c log mu_c and its cluster-robust standard error
    /// (both NaN when `degeneracy` is set).
    ///
    /// - Throws: `StatsError.dimensionMismatch` unless there is one weight per cell.
    public func contrast(_ weights: [Double]) throws(StatsError) -> (estimate: Double, standardError: Double) {
        try Check.sameLength(means.count, [("weights", weights.count)])
        guard degeneracy == nil else { return (.nan, .nan) }
        let estimate = zip(weights, logMeans).reduce(0) { $0 + $1.0 * $1.1 }
        var sum = 0.0
        for psi in influence {
            let v = zip(weights, psi).reduce(0) { $0 + $1.0 * $1.1 }
            sum += v * v
        }
        return (estimate, (correction * sum).squareRoot())
    }

    /// The cluster-robust covariance of the contrasts `L theta` (rows of `contrasts`;
    /// NaN when `degeneracy` is set).
    ///
    /// - Throws: `StatsError.dimensionMismatch` unless every contrast has one weight per cell.
    public func covariance(of contrasts: [[Double]]) throws(StatsError) -> Matrix {
        for w in contrasts { try Check.sameLength(means.count, [("contrast weights", w.count)]) }
        guard degeneracy == nil else { return Matrix(rows: contrasts.count, columns: contrasts.count, repeating: .nan) }
        let projected = influence.map { psi in contrasts.map { w in zip(w, psi).reduce(0) { $0 + $1.0 * $1.1 } } }
        var m = Matrix(rows: contrasts.count, columns: contrasts.count)
        for v in projected { m.addOuterProduct(v) }
        return correction * m
    }

    /// Joint Wald test that every contrast `L theta` is zero.
    ///
    /// - Throws: `StatsError.dimensionMismatch` unless every contrast has one weight per cell.
    public func waldTest(contrasts: [[Double]]) throws(StatsError) -> WaldTest {
        if let degeneracy {
            for w in contrasts { try Check.sameLength(means.count, [("contrast weights", w.count)]) }
            return WaldTest(degenerate: degeneracy, hypotheses: contrasts.count, clusters: clusters)
        }
        let estimates = contrasts.map { w in zip(w, logMeans).reduce(0) { $0 + $1.0 * $1.1 } }
        return try WaldTest(estimates: estimates, covariance: covariance(of: contrasts), clusters: clusters)
    }
}

/// A joint Wald test of q linear hypotheses `L theta = 0` with a cluster-robust
/// covariance V: W = (L theta)' V^-1 (L theta). Reported two ways: the
/// chi-square(q) p-value and the small-sample F(q, G - 1) p-value of W / q,
/// the usual adjustment for G clusters (Cameron & Miller 2015, section VII.A;
/// Stata `test` after `vce(cluster)`), which the analysis uses.
///
/// ```swift
/// let w = try WaldTest(estimates: [0.2, -0.1], covariance: Matrix([[0.01, 0.002], [0.002, 0.02]]), clusters: 40)
/// print(w.statistic, w.pValue)
/// ```
public struct WaldTest: Sendable, Equatable {
    /// The Wald statistic W (NaN when `degeneracy` is set).
    public let statistic: Double
    /// Number of hypotheses q.
    public let hypotheses: Int
    /// Number of clusters G.
    public let clusters: Int
    /// P(chi-square(q) >= W).
    public let chiSquarePValue: Double
    /// P(F(q, G - 1) >= W / q).
    public let pValue: Double
    /// `.tooFewClusters` (not more clusters than hypotheses), `.singularDesign` (the
    /// covariance of the contrasts is singular, e.g. no variation), or the degeneracy of
    /// the model the contrasts came from.
    public let degeneracy: Degeneracy?

    /// The test of `estimates` (L theta) with covariance `covariance`.
    ///
    /// - Parameters:
    ///   - estimates: the q contrasts.
    ///   - covariance: their q x q covariance.
    ///   - clusters: the number of clusters G behind the covariance.
    /// - Returns: the test, with `degeneracy` set when it cannot be computed.
    /// - Throws: `StatsError.dimensionMismatch` when the covariance is not q x q.
    public init(estimates: [Double], covariance: Matrix, clusters: Int) throws(StatsError) {
        let q = estimates.count
        guard covariance.rows == q, covariance.columns == q else {
            throw .dimensionMismatch("covariance is \(covariance.rows)x\(covariance.columns) for \(q) contrasts")
        }
        guard clusters > q else { self = WaldTest(degenerate: .tooFewClusters, hypotheses: q, clusters: clusters); return }
        guard let c = covariance.choleskyIfPositiveDefinite() else { self = WaldTest(degenerate: .singularDesign, hypotheses: q, clusters: clusters); return }
        let solved = c.solve(estimates)
        statistic = zip(estimates, solved).reduce(0) { $0 + $1.0 * $1.1 }
        hypotheses = q
        self.clusters = clusters
        chiSquarePValue = ChiSquared(degreesOfFreedom: Double(q)).sf(statistic)
        pValue = FDistribution(numeratorDF: Double(q), denominatorDF: Double(clusters - 1)).sf(statistic / Double(q))
        degeneracy = nil
    }

    init(degenerate reason: Degeneracy, hypotheses: Int, clusters: Int) {
        statistic = .nan; self.hypotheses = hypotheses; self.clusters = clusters
        chiSquarePValue = .nan; pValue = .nan; degeneracy = reason
    }
}
