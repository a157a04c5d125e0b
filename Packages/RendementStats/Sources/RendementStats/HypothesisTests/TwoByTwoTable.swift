/// A 2 x 2 table of counts `[[a, b], [c, d]]`: the one input shape of every
/// 2 x 2 procedure (Fisher, chi-square, McNemar, Mantel-Haenszel).
///
/// Rows are the exposure (yes, no) and columns the outcome (yes, no); for
/// paired data (McNemar) rows are the first and columns the second
/// measurement, so `b` and `c` are the discordant pairs.
///
/// ```swift
/// let table = try TwoByTwoTable(a: 12, b: 5, c: 3, d: 20)
/// let fisher = HypothesisTests.fisherExact(table)
/// let chi = HypothesisTests.chiSquareIndependence(table)
/// ```
public struct TwoByTwoTable: Sendable, Equatable, Hashable, Codable {
    /// Row 1, column 1.
    public let a: Int
    /// Row 1, column 2.
    public let b: Int
    /// Row 2, column 1.
    public let c: Int
    /// Row 2, column 2.
    public let d: Int

    /// A table from its four counts.
    ///
    /// - Throws: `StatsError.invalidValue` when a count is negative.
    public init(a: Int, b: Int, c: Int, d: Int) throws(StatsError) {
        try Check.count("a", a); try Check.count("b", b); try Check.count("c", c); try Check.count("d", d)
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    /// A table from its two rows, `[[a, b], [c, d]]`.
    ///
    /// - Throws: `StatsError.dimensionMismatch` unless there are two rows of two
    ///   counts; `StatsError.invalidValue` for a negative count.
    public init(rows: [[Int]]) throws(StatsError) {
        guard rows.count == 2, rows.allSatisfy({ $0.count == 2 }) else {
            throw .dimensionMismatch("a 2 x 2 table needs two rows of two counts, got \(rows)")
        }
        try self.init(a: rows[0][0], b: rows[0][1], c: rows[1][0], d: rows[1][1])
    }

    /// The total count.
    public var total: Int { a + b + c + d }
    /// The rows as doubles, `[[a, b], [c, d]]`.
    public var rows: [[Double]] { [[Double(a), Double(b)], [Double(c), Double(d)]] }
}
