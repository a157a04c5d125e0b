/// Builds a regression design matrix column by column (column-major input,
/// row-major `Matrix` output), keeping a name for every column so that
/// coefficients can be labelled: an intercept, numeric covariates and
/// treatment-coded indicators of a categorical variable (reference level
/// dropped, as R's `contr.treatment` / patsy's default).
public struct DesignMatrixBuilder: Sendable {
    /// Number of rows every column must have.
    public let rowCount: Int
    /// Column names, in order.
    public private(set) var names: [String] = []
    private var columns: [[Double]] = []

    /// An empty design with `rowCount` rows.
    public init(rowCount: Int) { self.rowCount = rowCount }

    /// Appends a column of ones named `name`.
    public mutating func addIntercept(name: String = "Intercept") {
        names.append(name)
        columns.append([Double](repeating: 1, count: rowCount))
    }

    /// Appends a numeric column.
    public mutating func addColumn(_ name: String, _ values: [Double]) {
        precondition(values.count == rowCount, "DesignMatrixBuilder: column \(name) has \(values.count) rows, expected \(rowCount)")
        names.append(name)
        columns.append(values)
    }

    /// Appends one 0/1 indicator per level of `labels` other than `reference`
    /// (default: the smallest level), named "name[level]". Levels are sorted.
    public mutating func addIndicators<Level: Comparable & Hashable & CustomStringConvertible>(_ name: String, _ labels: [Level], reference: Level? = nil) {
        precondition(labels.count == rowCount, "DesignMatrixBuilder: factor \(name) has \(labels.count) rows, expected \(rowCount)")
        let levels = Array(Set(labels)).sorted()
        guard let ref = reference ?? levels.first else { return }
        for level in levels where level != ref {
            names.append("\(name)[\(level)]")
            columns.append(labels.map { $0 == level ? 1 : 0 })
        }
    }

    /// Number of columns so far.
    public var columnCount: Int { columns.count }

    /// The n x k design matrix.
    public func build() -> Matrix {
        var m = Matrix(rows: rowCount, columns: columns.count)
        for (j, col) in columns.enumerated() {
            for i in 0..<rowCount { m.values[i * columns.count + j] = col[i] }
        }
        return m
    }
}
