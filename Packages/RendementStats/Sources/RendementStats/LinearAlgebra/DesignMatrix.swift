/// A regression design: an n x k matrix with a name for every column, so that
/// fitted coefficients can be read by term name. Built column by column with
/// ``DesignMatrixBuilder``, or from a matrix and its names.
///
/// ```swift
/// var b = DesignMatrixBuilder(rowCount: 4)
/// try b.addIntercept()
/// try b.addColumn("age", [23, 35, 41, 52])
/// let design = b.build()            // names ["Intercept", "age"]
/// let fit = try OrdinaryLeastSquares.fit(design, y: [1.0, 2.1, 2.9, 4.2])
/// fit.coefficients["age"]?.estimate
/// ```
public struct DesignMatrix: Sendable, Equatable {
    /// The n x k matrix.
    public let matrix: Matrix
    /// One name per column, unique.
    public let names: [String]

    /// A design from a matrix and its column names.
    ///
    /// - Throws: `StatsError.dimensionMismatch` when the number of names differs from the
    ///   number of columns, `StatsError.invalidValue` for a repeated name.
    public init(_ matrix: Matrix, names: [String]) throws(StatsError) {
        try DesignMatrix.checkNames(names, columns: matrix.columns)
        self.matrix = matrix
        self.names = names
    }

    /// A design whose names are known to match and be unique.
    init(checked matrix: Matrix, names: [String]) {
        self.matrix = matrix
        self.names = names
    }

    /// A design from named columns (all of the same length).
    ///
    /// - Throws: `StatsError.dimensionMismatch` for columns of different lengths,
    ///   `StatsError.invalidValue` for a repeated name.
    public init(columns: [(name: String, values: [Double])]) throws(StatsError) {
        let n = columns.first?.values.count ?? 0
        for c in columns where c.values.count != n {
            throw .dimensionMismatch("column \(c.name) has \(c.values.count) rows, expected \(n)")
        }
        try self.init(Matrix(columns: columns.map(\.values)), names: columns.map(\.name))
    }

    /// The names to use for `names` (default x1...xk), checked against `columns`.
    static func resolve(_ names: [String]?, columns: Int) throws(StatsError) -> [String] {
        guard let names else { return RegressionCoefficients.defaultNames(columns) }
        try checkNames(names, columns: columns)
        return names
    }

    static func checkNames(_ names: [String], columns: Int) throws(StatsError) {
        guard names.count == columns else { throw .dimensionMismatch("\(names.count) names for \(columns) columns") }
        guard Set(names).count == names.count else { throw .invalidValue("column names must be unique: \(names)") }
    }

    /// Rows as arrays, checked for raggedness (the `rows:` convenience of the models).
    static func matrix(rows: [[Double]]) throws(StatsError) -> Matrix {
        let c = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == c }) else { throw .dimensionMismatch("rows of different lengths") }
        return Matrix(rows)
    }
}
