import Foundation

/// Result of Pearson's chi-square test of independence for an r × c table.
public struct ChiSquareIndependenceResult: Sendable {
    /// Pearson X² (with Yates' correction when `yatesApplied`).
    public let statistic: Double
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
}

extension HypothesisTests {

    /// Chi-square test of independence, reproducing `scipy.stats.chi2_contingency(table,
    /// correction=yates)`: expected = row·col/N; when df = 1 and `yates`, each observed count
    /// is moved by min(½, |E-O|) towards its expected value (Yates 1934); p = χ²_df.sf(X²).
    /// df = 0 (a single row or column) gives X² = 0, p = 1. Returns nil when a row or column
    /// total is zero (scipy raises) or the table is ragged/empty.
    public static func chiSquareIndependence(_ table: [[Double]], yates: Bool = true) -> ChiSquareIndependenceResult? {
        let r = table.count
        guard r > 0, let c = table.first?.count, c > 0, table.allSatisfy({ $0.count == c }) else { return nil }
        let rows = table.map { $0.reduce(0, +) }
        var cols = [Double](repeating: 0, count: c)
        for row in table { for j in 0..<c { cols[j] += row[j] } }
        let n = rows.reduce(0, +)
        guard rows.allSatisfy({ $0 > 0 }), cols.allSatisfy({ $0 > 0 }) else { return nil }
        let expected = rows.map { ri in cols.map { ri * $0 / n } }
        let df = (r - 1) * (c - 1)
        func statistic(correct: Bool) -> Double {
            var x2 = 0.0
            for i in 0..<r {
                for j in 0..<c {
                    var o = table[i][j]
                    let e = expected[i][j]
                    if correct {
                        let diff = e - o
                        let mag = min(0.5, abs(diff))
                        o += diff > 0 ? mag : (diff < 0 ? -mag : 0)
                    }
                    x2 += (o - e) * (o - e) / e
                }
            }
            return x2
        }
        let uncorrected = statistic(correct: false)
        let k = Double(min(r, c) - 1)
        let v = k > 0 ? (uncorrected / (n * k)).squareRoot() : .nan
        if df == 0 {
            return ChiSquareIndependenceResult(statistic: 0, pValue: 1, degreesOfFreedom: 0, expected: expected,
                                               yatesApplied: false, cramersV: v)
        }
        let applyYates = yates && df == 1
        let x2 = applyYates ? statistic(correct: true) : uncorrected
        let p = ChiSquared(degreesOfFreedom: Double(df)).sf(x2)
        return ChiSquareIndependenceResult(statistic: x2, pValue: p, degreesOfFreedom: df, expected: expected,
                                           yatesApplied: applyYates, cramersV: v)
    }
}
