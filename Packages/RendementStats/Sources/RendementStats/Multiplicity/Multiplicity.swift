import Foundation

/// Multiple-testing adjustments of p-values (family-wise error and false discovery rate).
///
/// Adjusted p-values are returned in the original order, made monotone in the order of
/// the raw p-values, and capped at 1.
///
/// NaN handling: NaN p-values are left out of the family (the number of tests `m` is the
/// number of non-NaN p-values) and returned as NaN — the behaviour of R's `p.adjust`.
/// statsmodels' `multipletests` does not define a NaN behaviour; on NaN-free input the
/// results equal `multipletests(p, method="holm" | "fdr_bh")[1]`.
///
/// ```swift
/// let adjusted = try Multiplicity.holm([0.01, 0.04, 0.03, .nan])   // [0.03, 0.06, 0.06, nan]
/// ```
public enum Multiplicity {
    static func check(_ p: [Double]) throws(StatsError) {
        if let bad = p.firstIndex(where: { !$0.isNaN && !($0 >= 0 && $0 <= 1) }) {
            throw .invalidValue("p-value[\(bad)] = \(p[bad]) is not in [0, 1]")
        }
    }

    /// Holm (1979) step-down adjusted p-values:
    /// `p̃₍ᵢ₎ = min(1, max_{j<=i} (m - j + 1) p₍ⱼ₎)`. Matches statsmodels
    /// `multipletests(method="holm")` and R `p.adjust(method="holm")`.
    ///
    /// - Parameter pValues: raw p-values in [0, 1] (NaN: not part of the family).
    /// - Returns: the adjusted p-values in the original order.
    /// - Throws: `StatsError.invalidValue` for a p-value outside [0, 1].
    public static func holm(_ pValues: [Double]) throws(StatsError) -> [Double] {
        try check(pValues)
        let idx = pValues.indices.filter { !pValues[$0].isNaN }
        let order = idx.sorted { pValues[$0] < pValues[$1] }
        let m = order.count
        var out = [Double](repeating: .nan, count: pValues.count)
        var running = -Double.infinity
        for (rank, i) in order.enumerated() {
            let raw = Double(m - rank) * pValues[i]
            running = max(running, raw)
            out[i] = min(1, running)
        }
        return out
    }

    /// Benjamini & Hochberg (1995) step-up FDR adjusted p-values:
    /// `p̃₍ᵢ₎ = min(1, min_{j>=i} m p₍ⱼ₎ / j)`. Matches statsmodels
    /// `multipletests(method="fdr_bh")` and R `p.adjust(method="BH")`.
    ///
    /// - Parameter pValues: raw p-values in [0, 1] (NaN: not part of the family).
    /// - Returns: the adjusted p-values in the original order.
    /// - Throws: `StatsError.invalidValue` for a p-value outside [0, 1].
    public static func benjaminiHochberg(_ pValues: [Double]) throws(StatsError) -> [Double] {
        try check(pValues)
        let idx = pValues.indices.filter { !pValues[$0].isNaN }
        let order = idx.sorted { pValues[$0] < pValues[$1] }
        let m = order.count
        var out = [Double](repeating: .nan, count: pValues.count)
        var running = Double.infinity
        for rank in stride(from: m - 1, through: 0, by: -1) {
            let i = order[rank]
            let raw = pValues[i] * Double(m) / Double(rank + 1)
            running = min(running, raw)
            out[i] = min(1, running)
        }
        return out
    }
}
