import Foundation

/// The Cholesky factorisation A = L L' of a symmetric positive-definite matrix,
/// used to solve normal equations and invert information matrices.
///
/// Positive definiteness is checked pivot by pivot: the factorisation fails if a
/// pivot falls below `relativeTolerance * max(diag(A), tiny)`, which catches
/// exactly or nearly collinear designs (Golub & Van Loan, Matrix Computations,
/// 4th ed., Algorithm 4.2.1).
public struct Cholesky: Sendable {
    /// The lower-triangular factor L (row-major, upper part zero).
    public let lower: Matrix

    /// Factorises `a`. Only the lower triangle of `a` is read.
    ///
    /// ```swift
    /// let c = try Cholesky(Matrix([[4, 2], [2, 3]]))
    /// let x = c.solve([1, 2])
    /// ```
    /// - Parameters:
    ///   - a: a symmetric positive-definite matrix.
    ///   - relativeTolerance: a pivot below this times the largest diagonal entry fails.
    /// - Throws: `StatsError.dimensionMismatch` for a non-square matrix,
    ///   `StatsError.notPositiveDefinite` when a pivot falls below the tolerance.
    public init(_ a: Matrix, relativeTolerance: Double = 1e-12) throws(StatsError) {
        guard a.rows == a.columns else { throw .dimensionMismatch("matrix is \(a.rows)x\(a.columns), not square") }
        let n = a.rows
        var l = Matrix(rows: n, columns: n)
        var maxDiag = 0.0
        for i in 0..<n { maxDiag = max(maxDiag, abs(a[i, i])) }
        let tol = relativeTolerance * max(maxDiag, Double.leastNormalMagnitude)
        for j in 0..<n {
            var s = a[j, j]
            for k in 0..<j { s -= l[j, k] * l[j, k] }
            if !(s > tol) { throw .notPositiveDefinite(index: j, pivot: s, tolerance: tol) }
            let d = s.squareRoot()
            l[j, j] = d
            for i in (j + 1)..<max(n, j + 1) {
                var t = a[i, j]
                for k in 0..<j { t -= l[i, k] * l[j, k] }
                l[i, j] = t / d
            }
        }
        self.lower = l
    }

    /// Solves A x = b.
    public func solve(_ b: [Double]) -> [Double] {
        let n = lower.rows
        precondition(b.count == n, "Cholesky.solve: dimension mismatch")
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= lower[i, k] * y[k] }
            y[i] = s / lower[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(n, i + 1) { s -= lower[k, i] * y[k] }
            y[i] = s / lower[i, i]
        }
        return y
    }

    /// A^{-1}, symmetric.
    public func inverse() -> Matrix {
        let n = lower.rows
        var inv = Matrix(rows: n, columns: n)
        var e = [Double](repeating: 0, count: n)
        for j in 0..<n {
            e[j] = 1
            let col = solve(e)
            e[j] = 0
            for i in 0..<n { inv[i, j] = col[i] }
        }
        // Symmetrise against rounding.
        for i in 0..<n { for j in 0..<i { let m = 0.5 * (inv[i, j] + inv[j, i]); inv[i, j] = m; inv[j, i] = m } }
        return inv
    }

    /// log det A = 2 sum log L_ii.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<lower.rows { s += 2 * Foundation.log(lower[i, i]) }
        return s
    }
}

extension Matrix {
    /// Solves A x = b for symmetric positive-definite A.
    ///
    /// - Throws: `StatsError` as ``Cholesky/init(_:relativeTolerance:)``.
    public func solveSymmetricPositiveDefinite(_ b: [Double]) throws(StatsError) -> [Double] { try Cholesky(self).solve(b) }

    /// The inverse of a symmetric positive-definite matrix.
    ///
    /// - Throws: `StatsError` as ``Cholesky/init(_:relativeTolerance:)``.
    public func inverseSymmetricPositiveDefinite() throws(StatsError) -> Matrix { try Cholesky(self).inverse() }

    /// The inverse when the matrix is numerically positive definite, nil otherwise
    /// (for the model code, which turns nil into `Degeneracy.singularDesign`).
    func inverseIfPositiveDefinite() -> Matrix? {
        do { return try Cholesky(self).inverse() } catch { return nil }
    }

    /// The Cholesky factor when the matrix is numerically positive definite, nil otherwise.
    func choleskyIfPositiveDefinite(relativeTolerance: Double = 1e-12) -> Cholesky? {
        do { return try Cholesky(self, relativeTolerance: relativeTolerance) } catch { return nil }
    }
}
