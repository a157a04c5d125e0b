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
public struct ClusteredCellMeans: Sendable {
    /// Why the model cannot be fitted.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// Fewer than two clusters: no cluster-robust variance.
        case tooFewClusters(Int)
        /// A cell has no events in any cluster, so its log mean is minus infinity.
        case emptyCell(Int)
        /// Clusters with a different number of cells.
        case raggedInput
        public var description: String {
            switch self {
            case .tooFewClusters(let g): "at least two clusters are needed for a cluster-robust variance, got \(g)"
            case .emptyCell(let c): "cell \(c) has no events in any cluster"
            case .raggedInput: "every cluster must give one value per cell"
            }
        }
    }

    /// Cell means mu_c (the column means).
    public let means: [Double]
    /// Number of clusters G.
    public let clusters: Int
    /// Per cluster, the influence psi_g on the log means (row g, column c).
    private let influence: [[Double]]
    /// The small-sample factor c.
    public let correction: Double

    /// Fits the model to `values[g][c]`: cluster g's count in cell c.
    public init(_ values: [[Double]]) throws {
        let g = values.count
        guard g >= 2 else { throw Failure.tooFewClusters(g) }
        let c = values[0].count
        guard c > 0, values.allSatisfy({ $0.count == c }) else { throw Failure.raggedInput }
        var sums = [Double](repeating: 0, count: c)
        for row in values { for j in 0..<c { sums[j] += row[j] } }
        let means = sums.map { $0 / Double(g) }
        if let empty = means.firstIndex(where: { !($0 > 0) }) { throw Failure.emptyCell(empty) }
        self.means = means
        clusters = g
        influence = values.map { row in (0..<c).map { (row[$0] - means[$0]) / (Double(g) * means[$0]) } }
        let n = Double(g * c)
        correction = Double(g) / Double(g - 1) * (n - 1) / (n - Double(c))
    }

    /// log mu_c.
    public var logMeans: [Double] { means.map { log($0) } }

    /// The linear contrast sum_c w_c log mu_c and its cluster-robust standard error.
    public func contrast(_ weights: [Double]) -> (estimate: Double, standardError: Double) {
        precondition(weights.count == means.count, "one weight per cell")
        let estimate = zip(weights, logMeans).reduce(0) { $0 + $1.0 * $1.1 }
        var sum = 0.0
        for psi in influence {
            let v = zip(weights, psi).reduce(0) { $0 + $1.0 * $1.1 }
            sum += v * v
        }
        return (estimate, (correction * sum).squareRoot())
    }

    /// The cluster-robust covariance of the contrasts `L theta` (rows of `contrasts`).
    public func covariance(of contrasts: [[Double]]) -> Matrix {
        let projected = influence.map { psi in contrasts.map { w in zip(w, psi).reduce(0) { $0 + $1.0 * $1.1 } } }
        var m = Matrix(rows: contrasts.count, columns: contrasts.count)
        for v in projected { m.addOuterProduct(v) }
        return correction * m
    }

    /// Joint Wald test that every contrast `L theta` is zero.
    public func waldTest(contrasts: [[Double]]) throws -> WaldTest {
        let estimates = contrasts.map { w in zip(w, logMeans).reduce(0) { $0 + $1.0 * $1.1 } }
        return try WaldTest(estimates: estimates, covariance: covariance(of: contrasts), clusters: clusters)
    }
}

/// A joint Wald test of q linear hypotheses `L theta = 0` with a cluster-robust
/// covariance V: W = (L theta)' V^-1 (L theta). Reported two ways: the
/// chi-square(q) p-value and the small-sample F(q, G - 1) p-value of W / q,
/// the usual adjustment for G clusters (Cameron & Miller 2015, section VII.A;
/// Stata `test` after `vce(cluster)`), which the analysis uses.
public struct WaldTest: Sendable, Equatable {
    /// Why the test cannot be computed.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The covariance of the contrasts is singular (e.g. no variation).
        case singularCovariance
        /// Not more clusters than hypotheses.
        case tooFewClusters(clusters: Int, hypotheses: Int)
        public var description: String {
            switch self {
            case .singularCovariance: "the covariance of the tested contrasts is singular"
            case let .tooFewClusters(g, q): "\(g) clusters are too few to test \(q) hypotheses jointly"
            }
        }
    }

    /// The Wald statistic W.
    public let statistic: Double
    /// Number of hypotheses q.
    public let hypotheses: Int
    /// Number of clusters G.
    public let clusters: Int
    /// P(chi-square(q) >= W).
    public let chiSquarePValue: Double
    /// P(F(q, G - 1) >= W / q).
    public let pValue: Double

    /// The test of `estimates` (L theta) with covariance `covariance`.
    public init(estimates: [Double], covariance: Matrix, clusters: Int) throws {
        let q = estimates.count
        guard clusters > q else { throw Failure.tooFewClusters(clusters: clusters, hypotheses: q) }
        let solved: [Double]
        do { solved = try Cholesky(covariance).solve(estimates) } catch { throw Failure.singularCovariance }
        statistic = zip(estimates, solved).reduce(0) { $0 + $1.0 * $1.1 }
        hypotheses = q
        self.clusters = clusters
        chiSquarePValue = ChiSquared(degreesOfFreedom: Double(q)).sf(statistic)
        pValue = FDistribution(numeratorDF: Double(q), denominatorDF: Double(clusters - 1)).sf(statistic / Double(q))
    }
}
