/// A small dense row-major matrix of `Double`, meant for the p x p systems of
/// regression and survival models (p up to a few dozen). Long data (millions of
/// rows) is never stored as a `Matrix` by the model code: cross products such as
/// X'WX are accumulated row by row with `addOuterProduct`.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Entries in row-major order: element (i, j) is `values[i * columns + j]`.
    public var values: [Double]

    /// A `rows x columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension")
        self.rows = rows
        self.columns = columns
        self.values = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix from row-major values.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)x\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from an array of rows (all of equal length).
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        var v = [Double]()
        v.reserveCapacity(r * c)
        for row in rowArrays {
            precondition(row.count == c, "Matrix: ragged rows")
            v.append(contentsOf: row)
        }
        self.init(rows: r, columns: c, values: v)
    }

    /// A matrix from columns (all of equal length); convenient for design matrices
    /// built variable by variable.
    public init(columns columnArrays: [[Double]]) {
        let c = columnArrays.count
        let r = columnArrays.first?.count ?? 0
        var m = Matrix(rows: r, columns: c)
        for (j, col) in columnArrays.enumerated() {
            precondition(col.count == r, "Matrix: ragged columns")
            for i in 0..<r { m.values[i * c + j] = col[i] }
        }
        self = m
    }

    /// The n x n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.values[i * n + i] = 1 }
        return m
    }

    /// Element access.
    public subscript(i: Int, j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { values[$0 * columns + j] } }

    /// The diagonal of a square matrix.
    public var diagonal: [Double] { (0..<min(rows, columns)).map { values[$0 * columns + $0] } }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t.values[j * rows + i] = values[i * columns + j] } }
        return t
    }

    /// Matrix-vector product A x.
    public func multiply(_ x: [Double]) -> [Double] {
        precondition(x.count == columns, "Matrix.multiply: dimension mismatch")
        var out = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var s = 0.0
            let base = i * columns
            for j in 0..<columns { s += values[base + j] * x[j] }
            out[i] = s
        }
        return out
    }

    /// Transposed matrix-vector product A'x.
    public func transposeMultiply(_ x: [Double]) -> [Double] {
        precondition(x.count == rows, "Matrix.transposeMultiply: dimension mismatch")
        var out = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            let xi = x[i]
            if xi == 0 { continue }
            let base = i * columns
            for j in 0..<columns { out[j] += values[base + j] * xi }
        }
        return out
    }

    /// Matrix product A B.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "Matrix *: dimension mismatch")
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for k in 0..<a.columns {
                let aik = a.values[i * a.columns + k]
                if aik == 0 { continue }
                for j in 0..<b.columns { c.values[i * b.columns + j] += aik * b.values[k * b.columns + j] }
            }
        }
        return c
    }

    /// Element-wise sum.
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix +: dimension mismatch")
        return Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 + $1 })
    }

    /// Element-wise difference.
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix -: dimension mismatch")
        return Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 - $1 })
    }

    /// Scalar multiple.
    public static func * (s: Double, a: Matrix) -> Matrix {
        Matrix(rows: a.rows, columns: a.columns, values: a.values.map { s * $0 })
    }

    /// Adds `weight * v v'` to a square matrix: the streaming accumulation of
    /// cross products X'WX = sum_i w_i x_i x_i' (only O(p^2) memory).
    public mutating func addOuterProduct(_ v: [Double], weight: Double = 1) {
        precondition(rows == columns && v.count == rows, "addOuterProduct: dimension mismatch")
        let p = rows
        for i in 0..<p {
            let wi = weight * v[i]
            if wi == 0 { continue }
            let base = i * p
            for j in 0..<p { values[base + j] += wi * v[j] }
        }
    }

    /// Adds `weight * r r'` where r is row `row` of `source`, without copying the
    /// row (the hot loop of X'WX accumulation over millions of rows).
    public mutating func addOuterProduct(ofRow row: Int, of source: Matrix, weight: Double = 1) {
        precondition(rows == columns && source.columns == rows, "addOuterProduct: dimension mismatch")
        let p = rows
        let base = row * p
        values.withUnsafeMutableBufferPointer { out in
            source.values.withUnsafeBufferPointer { src in
                for i in 0..<p {
                    let wi = weight * src[base + i]
                    if wi == 0 { continue }
                    let o = i * p
                    for j in 0..<p { out[o + j] += wi * src[base + j] }
                }
            }
        }
    }

    /// Dot product of row `row` with `v`, without copying the row.
    @inlinable
    public func rowDot(_ row: Int, _ v: [Double]) -> Double {
        precondition(v.count == columns, "rowDot: dimension mismatch")
        var s = 0.0
        let base = row * columns
        for j in 0..<columns { s += values[base + j] * v[j] }
        return s
    }

    /// The quadratic form A B A' for symmetric B (used for sandwich covariances).
    public func sandwich(_ meat: Matrix) -> Matrix { self * meat * self.transposed }
}

/// Dot product of two equal-length vectors.
@inlinable
public func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: length mismatch")
    var s = 0.0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
}
