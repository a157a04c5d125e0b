import Foundation

/// Result of Pearson's chi-square test of independence for an r × c table.
public struct ChiSquareIndependenceResult: Sendable, Equatable {
    /// Pearson X² (with Yates' correction when `yatesApplied`); NaN when `degeneracy` is set.
    public let statistic: Double
    /// Upper-tail χ² p-value; NaN when `degeneracy` is set.
    public let pValue: Double
    /// (r-1)(c-1).
    public let degreesOfFreedom: Int
    /// Expected counts under independence, rowTotal·colTotal/N.
    public let expected: [[Double]]
    /// True when the Yates continuity correction was applied (only for df = 1).
    public let yatesApplied: Bool
    /// Cramér's V = sqrt(X²/(N·(min(r,c)-1))) from the *uncorrected* X²
    /// (as `scipy.stats.contingency.association(method="cramer")`).
    public let cramersV: Double
    /// `.emptyMargin` when a row or column total is zero (scipy raises there).
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    /// Chi-square test of independence, reproducing `scipy.stats.chi2_contingency(table,
    /// correction=yates)`: expected = row·col/N; when df = 1 and `yates`, each observed count
    /// is moved by min(½, |E-O|) towards its expected value (Yates 1934); p = χ²_df.sf(X²).
    /// df = 0 (a single row or column) gives X² = 0, p = 1.
    ///
    /// ```swift
    /// let r = try HypothesisTests.chiSquareIndependence([[10, 20, 30], [20, 20, 10]])
    /// print(r.statistic, r.degreesOfFreedom, r.pValue)
    /// ```
    /// - Parameters:
    ///   - table: r rows of c non-negative counts (r, c >= 1).
    ///   - yates: apply Yates' correction when df = 1 (scipy's default).
    /// - Returns: the test; `degeneracy == .emptyMargin` (statistic and p NaN) when a row or
    ///   column total is zero.
    /// - Throws: `StatsError.dimensionMismatch` for an empty or ragged table,
    ///   `StatsError.invalidValue` for a negative or non-finite count.
    public static func chiSquareIndependence(_ table: [[Double]], yates: Bool = true) throws(StatsError) -> ChiSquareIndependenceResult {
        let r = table.count
        guard r > 0, let c = table.first?.count, c > 0, table.allSatisfy({ $0.count == c }) else {
            throw .dimensionMismatch("a contingency table needs r >= 1 rows of the same c >= 1 counts")
        }
        for row in table { if let bad = row.first(where: { !($0 >= 0) || !$0.isFinite }) { throw .invalidValue("count \(bad) in the table") } }
        let rows = table.map { $0.reduce(0, +) }
        var cols = [Double](repeating: 0, count: c)
        for row in table { for j in 0..<c { cols[j] += row[j] } }
        let n = rows.reduce(0, +)
        let expected = rows.map { ri in cols.map { n > 0 ? ri * $0 / n : 0 } }
        let df = (r - 1) * (c - 1)
        guard rows.allSatisfy({ $0 > 0 }), cols.allSatisfy({ $0 > 0 }) else {
            return ChiSquareIndependenceResult(statistic: .nan, pValue: .nan, degreesOfFreedom: df, expected: expected,
                                               yatesApplied: false, cramersV: .nan, degeneracy: .emptyMargin)
        }
        let uncorrected = pearsonStatistic(table, expected: expected, yates: false)
        let k = Double(min(r, c) - 1)
        let v = k > 0 ? (uncorrected / (n * k)).squareRoot() : .nan
        if df == 0 {
            return ChiSquareIndependenceResult(statistic: 0, pValue: 1, degreesOfFreedom: 0, expected: expected,
                                               yatesApplied: false, cramersV: v, degeneracy: nil)
        }
        let applyYates = yates && df == 1
        let x2 = applyYates ? pearsonStatistic(table, expected: expected, yates: true) : uncorrected
        let p = ChiSquared(degreesOfFreedom: Double(df)).sf(x2)
        return ChiSquareIndependenceResult(statistic: x2, pValue: p, degreesOfFreedom: df, expected: expected,
                                           yatesApplied: applyYates, cramersV: v, degeneracy: nil)
    }

    /// The chi-square test of independence on a 2 x 2 table (see the r x c form).
    ///
    /// ```swift
    /// let r = HypothesisTests.chiSquareIndependence(try TwoByTwoTable(a: 12, b: 5, c: 3, d: 20))
    /// ```
    /// - Parameters:
    ///   - table: the counts.
    ///   - yates: apply Yates' continuity correction (scipy's default).
    /// - Returns: the test; `degeneracy == .emptyMargin` when a row or column is empty.
    public static func chiSquareIndependence(_ table: TwoByTwoTable, yates: Bool = true) -> ChiSquareIndependenceResult {
        // A TwoByTwoTable holds two rows of two non-negative counts: the checks cannot fail.
        do { return try chiSquareIndependence(table.rows, yates: yates) } catch { preconditionFailure("\(error)") }
    }

    /// Σ (O - E)²/E, with each O moved by min(½, |E - O|) towards E when `yates`.
    static func pearsonStatistic(_ table: [[Double]], expected: [[Double]], yates: Bool) -> Double {
        var x2 = 0.0
        for i in table.indices {
            for j in table[i].indices {
                var o = table[i][j]
                let e = expected[i][j]
                if yates {
                    let diff = e - o
                    let mag = min(0.5, abs(diff))
                    o += diff > 0 ? mag : (diff < 0 ? -mag : 0)
                }
                x2 += (o - e) * (o - e) / e
            }
        }
        return x2
    }
}
