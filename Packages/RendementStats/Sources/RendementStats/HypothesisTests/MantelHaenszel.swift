import Foundation

/// Result of the Cochran–Mantel–Haenszel analysis of K stratified 2 × 2 tables.
public struct MantelHaenszelResult: Sendable, Equatable {
    /// CMH statistic for H₀: common odds ratio = 1 (χ², 1 df); NaN when `degeneracy` is set.
    public let statistic: Double
    /// Upper-tail χ²₁ p-value of the CMH statistic.
    public let pValue: Double
    /// Mantel–Haenszel pooled odds ratio Σ(ad/n) / Σ(bc/n).
    public let pooledOddsRatio: Double
    /// Robins–Breslow–Greenland (1986) standard error of log pooled OR.
    public let logOddsRatioStandardError: Double
    /// Normal-theory CI for the pooled odds ratio, exp(log OR ± z·SE).
    public let confidenceInterval: ConfidenceInterval
    /// Breslow–Day statistic for homogeneity of the odds ratios (χ², K-1 df).
    public let breslowDayStatistic: Double
    public let breslowDayPValue: Double
    /// Tarone's (1985) adjusted Breslow–Day statistic.
    public let taroneStatistic: Double
    /// p-value of Tarone's statistic (K-1 df).
    public let taronePValue: Double
    /// Why the figures are NaN: `.noEvents` (no events in any stratum), `.emptyMargin`
    /// (every stratum has an empty row or column, so the CMH variance is zero) or
    /// `.tooFewObservations` (no stratum with at least two units).
    public let degeneracy: Degeneracy?

    static func degenerate(_ reason: Degeneracy, level: Double) -> MantelHaenszelResult {
        MantelHaenszelResult(statistic: .nan, pValue: .nan, pooledOddsRatio: .nan, logOddsRatioStandardError: .nan,
                             confidenceInterval: .undefined(level: level), breslowDayStatistic: .nan, breslowDayPValue: .nan,
                             taroneStatistic: .nan, taronePValue: .nan, degeneracy: reason)
    }
}

/// The counts of one stratum as doubles.
private struct Stratum {
    let a: Double, b: Double, c: Double, d: Double
    init(_ t: TwoByTwoTable) { a = Double(t.a); b = Double(t.b); c = Double(t.c); d = Double(t.d) }
    var n: Double { a + b + c + d }
}

extension HypothesisTests {

    /// Cochran–Mantel–Haenszel test, MH pooled odds ratio with RBG confidence interval and
    /// Breslow–Day (optionally Tarone-adjusted) homogeneity test, reproducing
    /// `statsmodels.stats.contingency_tables.StratifiedTable(tables)` (shift_zeros=False):
    /// `test_null_odds(correction=)`, `oddsratio_pooled`, `logodds_pooled_se`,
    /// `oddsratio_pooled_confint(alpha)`, `test_equal_odds(adjust=False/True)`.
    /// p-values are upper-tail `χ².sf` computed directly (statsmodels computes `1 - cdf`,
    /// which floors at ~1e-16; the two agree above that). Strata with fewer than two units
    /// carry no information and are left out (statsmodels would return NaN).
    ///
    /// ```swift
    /// let strata = try [TwoByTwoTable(a: 10, b: 20, c: 5, d: 25), TwoByTwoTable(a: 7, b: 9, c: 3, d: 11)]
    /// let r = try HypothesisTests.mantelHaenszel(strata)
    /// print(r.pooledOddsRatio, r.confidenceInterval, r.pValue)
    /// ```
    /// - Parameters:
    ///   - strata: one 2 x 2 table per stratum.
    ///   - correction: continuity correction of the CMH statistic.
    ///   - confidenceLevel: level of the pooled odds-ratio interval, in (0, 1).
    /// - Returns: the analysis; with `degeneracy` set (all figures NaN) when no stratum has an
    ///   event (`.noEvents`), every stratum has an empty margin (`.emptyMargin`) or no stratum
    ///   has two units (`.tooFewObservations`).
    /// - Throws: `StatsError.dimensionMismatch` for no tables, `StatsError.invalidValue` for a
    ///   level outside (0, 1).
    public static func mantelHaenszel(_ strata: [TwoByTwoTable], correction: Bool = false,
                                      confidenceLevel: Double = 0.95) throws(StatsError) -> MantelHaenszelResult {
        guard !strata.isEmpty else { throw .dimensionMismatch("Mantel-Haenszel needs at least one stratum") }
        try Check.level(confidenceLevel)
        let tables = strata.filter { $0.total >= 2 }.map(Stratum.init)
        guard !tables.isEmpty else { return .degenerate(.tooFewObservations, level: confidenceLevel) }
        if tables.allSatisfy({ $0.a + $0.c == 0 }) { return .degenerate(.noEvents, level: confidenceLevel) }
        // CMH statistic
        var num = 0.0, den = 0.0
        var adn = 0.0, bcn = 0.0
        for t in tables {
            let n = t.n
            let apb = t.a + t.b, apc = t.a + t.c, bpd = t.b + t.d, cpd = t.c + t.d
            num += t.a - apb * apc / n
            den += apb * apc * bpd * cpd / (n * n * (n - 1))
            adn += t.a * t.d / n
            bcn += t.b * t.c / n
        }
        guard den > 0 else { return .degenerate(.emptyMargin, level: confidenceLevel) }
        var s = abs(num)
        if correction { s -= 0.5 }
        let stat = s * s / den
        let p = ChiSquared(degreesOfFreedom: 1).sf(stat)
        let or = adn / bcn
        // Robins, Breslow & Greenland (1986) variance of log OR
        var t1 = 0.0, t2 = 0.0, t3 = 0.0
        for t in tables {
            let n = t.n, apd = t.a + t.d, ad = t.a * t.d, bc = t.b * t.c
            t1 += apd * ad / (n * n)
            t2 += apd * bc / (n * n) + (1 - apd / n) * ad / n
            t3 += (1 - apd / n) * bc / n
        }
        let v = (t1 / (adn * adn) + t2 / (adn * bcn) + t3 / (bcn * bcn)) / 2
        let se = v.squareRoot()
        let z = Normal.standard.quantile(0.5 + confidenceLevel / 2)
        let lor = Foundation.log(or)
        let ci = ConfidenceInterval(lower: Foundation.exp(lor - z * se), upper: Foundation.exp(lor + z * se),
                                    level: confidenceLevel)
        // Breslow–Day: expected a-cell under the common OR `or` solves
        // e(d - a + e) = or·(apb - e)(apc - e); take the root inside the feasible range.
        var bd = 0.0, sumA = 0.0, sumE = 0.0, sumV = 0.0
        for t in tables {
            let apb = t.a + t.b, apc = t.a + t.c, dma = t.d - t.a
            let qa = 1 - or
            let qb = or * (apb + apc) + dma
            let qc = -or * apb * apc
            var e: Double
            if abs(qa) < 1e-15 {
                e = -qc / qb
            } else {
                let disc = (qb * qb - 4 * qa * qc).squareRoot()
                let q = -0.5 * (qb + (qb >= 0 ? disc : -disc))
                let r1 = q / qa, r2 = qc / q
                let lower = max(0, -dma), upper = min(apb, apc)
                let in1 = r1 >= lower - 1e-9 && r1 <= upper + 1e-9
                e = in1 ? r1 : r2
            }
            let vv = 1 / (1 / e + 1 / (apc - e) + 1 / (apb - e) + 1 / (dma + e))
            bd += (t.a - e) * (t.a - e) / vv
            sumA += t.a; sumE += e; sumV += vv
        }
        let k = Double(tables.count - 1)
        let bdP = k > 0 ? ChiSquared(degreesOfFreedom: k).sf(bd) : .nan
        let tarone = bd - (sumA - sumE) * (sumA - sumE) / sumV
        let taroneP = k > 0 ? ChiSquared(degreesOfFreedom: k).sf(tarone) : .nan
        return MantelHaenszelResult(statistic: stat, pValue: p, pooledOddsRatio: or, logOddsRatioStandardError: se,
                                    confidenceInterval: ci, breslowDayStatistic: bd, breslowDayPValue: bdP,
                                    taroneStatistic: tarone, taronePValue: taroneP, degeneracy: nil)
    }
}
