import RendementStats

/// Turns covariate vectors into whitened ones, z = L^-1 (x - 0), with L the
/// Cholesky factor of the pooled within-group covariance matrix of clients
/// and candidates (as MatchIt's Mahalanobis distance since version 4), so
/// that |z_a - z_b| is the Mahalanobis distance between a and b. Covariates
/// that do not vary are left out; a singular matrix gets a tiny ridge.
public struct MahalanobisWhitening: Sendable {
    let lower: Matrix
    let kept: [Int]

    public init(clients: [[Double]], candidates: [[Double]]) throws {
        let p = (clients.first ?? candidates.first)?.count ?? 0
        func meanAndScatter(_ rows: [[Double]]) -> ([Double], Matrix) {
            var mean = [Double](repeating: 0, count: p)
            for r in rows { for j in 0..<p { mean[j] += r[j] } }
            for j in 0..<p { mean[j] /= Double(max(1, rows.count)) }
            var s = Matrix(rows: p, columns: p)
            for r in rows { for a in 0..<p { for b in 0..<p { s[a, b] += (r[a] - mean[a]) * (r[b] - mean[b]) } } }
            return (mean, s)
        }
        let (_, s1) = meanAndScatter(clients), (_, s0) = meanAndScatter(candidates)
        let df = Double(max(1, clients.count + candidates.count - 2))
        let pooled = (1 / df) * (s1 + s0)
        kept = (0..<p).filter { pooled[$0, $0] > 0 }
        var reduced = Matrix(rows: kept.count, columns: kept.count)
        for (a, i) in kept.enumerated() { for (b, j) in kept.enumerated() { reduced[a, b] = pooled[i, j] } }
        do {
            lower = try Cholesky(reduced).lower
        } catch {
            // Collinear covariates: the documented tiny ridge, not a silent fallback.
            let ridge = 1e-8 * max(1e-300, kept.indices.reduce(0) { $0 + reduced[$1, $1] } / Double(max(1, kept.count)))
            lower = try Cholesky(reduced + ridge * Matrix.identity(kept.count)).lower
        }
    }

    /// Forward substitution L z = x (kept covariates only).
    public func whiten(_ x: [Double]) -> [Double] {
        var z = [Double](repeating: 0, count: kept.count)
        for i in kept.indices {
            var v = x[kept[i]]
            for k in 0..<i { v -= lower[i, k] * z[k] }
            z[i] = v / lower[i, i]
        }
        return z
    }
}
