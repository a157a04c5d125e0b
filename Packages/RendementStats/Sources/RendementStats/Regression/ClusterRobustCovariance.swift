import Foundation

/// Cluster-robust (CR1) sandwich covariance
///   V = c * B (sum_g u_g u_g') B,  u_g = sum_{i in g} score_i,
///   c = G/(G-1) * (N-1)/(N-K),
/// where B is the inverse of the (negative) Hessian or (X'X)^{-1}. This is
/// statsmodels.stats.sandwich_covariance.cov_cluster with use_correction=True,
/// which statsmodels uses for OLS, GLM and discrete models alike when fitted
/// with cov_type='cluster' (Cameron & Miller 2015, J. Human Resources 50:317).
/// Scores are accumulated group by group, so memory is O(G p), not O(N p).
struct ClusterRobustCovariance: Sendable {
    private var sums: [Int: [Double]] = [:]
    /// Number of parameters (length of each score vector).
    let parameterCount: Int
    /// Observations added so far.
    private(set) var observationCount = 0

    /// An empty accumulator for `parameterCount`-dimensional scores.
    init(parameterCount: Int) { self.parameterCount = parameterCount }

    /// Adds the score contribution of one observation in `cluster`.
    mutating func add(score: [Double], cluster: Int) {
        observationCount += 1
        if sums[cluster] == nil {
            sums[cluster] = score
        } else {
            // In-place update through the dictionary's modify accessor (no copy).
            for j in 0..<parameterCount { sums[cluster]![j] += score[j] }
        }
    }

    /// Number of distinct clusters seen.
    var clusterCount: Int { sums.count }

    /// The "meat" sum_g u_g u_g'.
    var meat: Matrix {
        var m = Matrix(rows: parameterCount, columns: parameterCount)
        // Deterministic order so that results are bit-reproducible.
        for key in sums.keys.sorted() { m.addOuterProduct(sums[key]!) }
        return m
    }

    /// The CR1 covariance for `bread` B and `parameters` K used in the
    /// small-sample factor; returns the matrix and the factor, or nil with
    /// fewer than two clusters.
    func covariance(bread: Matrix, parameters k: Int) -> (Matrix, Double)? {
        let g = Double(clusterCount)
        guard clusterCount >= 2 else { return nil }
        let n = Double(observationCount)
        let factor = g / (g - 1) * (n - 1) / (n - Double(k))
        return (factor * bread.sandwich(meat), factor)
    }
}
