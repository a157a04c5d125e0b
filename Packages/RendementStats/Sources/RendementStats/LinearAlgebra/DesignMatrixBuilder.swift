/// Builds a ``DesignMatrix`` column by column (column-major input, row-major
/// `Matrix` output), keeping a name for every column so that coefficients
/// can be read by name: an intercept, numeric covariates and
/// treatment-coded indicators of a categorical variable (reference level
/// dropped, as R's `contr.treatment` / patsy's default).
///
/// ```swift
/// var b = DesignMatrixBuilder(rowCount: 6)
/// try b.addIntercept()
/// try b.addColumn("dose", [0, 1, 2, 0, 1, 2])
/// try b.addIndicators("site", ["A", "A", "B", "B", "C", "C"])   // site[B], site[C]
/// let design = b.build()
/// ```
public struct DesignMatrixBuilder: Sendable {
    /// Number of rows every column must have.
    public let rowCount: Int
    /// Column names, in order.
    public private(set) var names: [String] = []
    private var columns: [[Double]] = []

    /// An empty design with `rowCount` rows.
    public init(rowCount: Int) { self.rowCount = rowCount }

    /// Appends a column of ones named `name`.
    ///
    /// - Throws: `StatsError.invalidValue` when the design already has a column `name`.
    public mutating func addIntercept(name: String = "Intercept") throws(StatsError) {
        try append(name, [Double](repeating: 1, count: rowCount))
    }

    private mutating func append(_ name: String, _ values: [Double]) throws(StatsError) {
        guard !names.contains(name) else { throw .invalidValue("the design already has a column \(name)") }
        names.append(name)
        columns.append(values)
    }

    /// Appends a numeric column.
    ///
    /// - Throws: `StatsError.dimensionMismatch` when `values` does not have `rowCount` entries,
    ///   `StatsError.invalidValue` when the design already has a column `name`.
    public mutating func addColumn(_ name: String, _ values: [Double]) throws(StatsError) {
        guard values.count == rowCount else {
            throw .dimensionMismatch("column \(name) has \(values.count) rows, expected \(rowCount)")
        }
        try append(name, values)
    }

    /// Appends one 0/1 indicator per level of `labels` other than `reference`
    /// (default: the smallest level), named "name[level]". Levels are sorted.
    ///
    /// - Throws: `StatsError.dimensionMismatch` when `labels` does not have `rowCount` entries,
    ///   `StatsError.invalidValue` when an indicator's name is already taken.
    public mutating func addIndicators<Level: Comparable & Hashable & CustomStringConvertible>(
        _ name: String, _ labels: [Level], reference: Level? = nil) throws(StatsError) {
        guard labels.count == rowCount else {
            throw .dimensionMismatch("factor \(name) has \(labels.count) rows, expected \(rowCount)")
        }
        let levels = Array(Set(labels)).sorted()
        guard let ref = reference ?? levels.first else { return }
        for level in levels where level != ref {
            try append("\(name)[\(level)]", labels.map { $0 == level ? 1 : 0 })
        }
    }

    /// Number of columns so far.
    public var columnCount: Int { columns.count }

    /// The n x k design with its column names.
    public func build() -> DesignMatrix {
        var m = Matrix(rows: rowCount, columns: columns.count)
        for (j, col) in columns.enumerated() {
            for i in 0..<rowCount { m.values[i * columns.count + j] = col[i] }
        }
        return DesignMatrix(checked: m, names: names)
    }
}
