import Foundation

/// Result of Fisher's exact test for a 2 × 2 table [[a, b], [c, d]].
public struct FisherExactResult: Sendable, Equatable {
    /// Two-sided p-value: total probability of tables (fixed margins) no more likely than the
    /// observed; NaN when `degeneracy` is set.
    public let pValue: Double
    /// Sample odds ratio ad/(bc) (scipy's `fisher_exact` statistic; inf/NaN with zero cells).
    public let sampleOddsRatio: Double
    /// Conditional maximum-likelihood odds ratio (noncentral hypergeometric), as R `fisher.test`.
    public let conditionalOddsRatio: Double
    /// Exact conditional confidence interval for the odds ratio, as R `fisher.test`.
    public let confidenceInterval: ConfidenceInterval
    /// `.emptyMargin` when a row or column total is zero: only one table has the observed
    /// margins, so the data carry no evidence (scipy returns p = 1; every figure is NaN here).
    public let degeneracy: Degeneracy?
}

extension HypothesisTests {

    /// Fisher's exact test on the 2 × 2 table `[[a, b], [c, d]]`.
    ///
    /// - p-value: sum of hypergeometric probabilities `d(x) <= d(a)·(1 + 1e-7)` over the
    ///   support (R `fisher.test`; scipy `fisher_exact` uses the same rule with 1e-14).
    /// - conditional MLE odds ratio: the ψ solving E_ψ[X] = a under the noncentral
    ///   hypergeometric distribution (0 at the lower end of the support, inf at the upper end).
    /// - CI: `[ψ_L, ψ_U]` with P_ψL(X >= a) = α/2 and P_ψU(X <= a) = α/2 (R `fisher.test`,
    ///   `scipy.stats.contingency.odds_ratio(kind="conditional").confidence_interval`).
    ///   Roots are found by bisection on log ψ to ~1e-12 relative.
    ///
    /// ```swift
    /// let r = try HypothesisTests.fisherExact(TwoByTwoTable(a: 8, b: 2, c: 1, d: 5))
    /// print(r.pValue, r.conditionalOddsRatio, r.confidenceInterval)
    /// ```
    /// - Parameters:
    ///   - table: the counts.
    ///   - confidenceLevel: level of the odds-ratio interval, in (0, 1).
    /// - Returns: the test; `degeneracy == .emptyMargin` when a margin is zero.
    /// - Throws: `StatsError.invalidValue` for a level outside (0, 1).
    public static func fisherExact(_ table: TwoByTwoTable, confidenceLevel: Double = 0.95) throws(StatsError) -> FisherExactResult {
        try Check.level(confidenceLevel)
        let (a, b, c, d) = (table.a, table.b, table.c, table.d)
        guard a + b > 0, c + d > 0, a + c > 0, b + d > 0 else {
            return FisherExactResult(pValue: .nan, sampleOddsRatio: .nan, conditionalOddsRatio: .nan,
                                     confidenceInterval: .undefined(level: confidenceLevel), degeneracy: .emptyMargin)
        }
        let sampleOR: Double = (b > 0 && c > 0) ? Double(a) * Double(d) / (Double(b) * Double(c))
            : ((a * d > 0) ? .infinity : .nan)
        let m = a + c, n = b + d, k = a + b   // R: m = col 1 total, n = col 2 total, k = row 1 total
        let lo = max(0, k - n), hi = min(k, m)
        let support = Array(lo...hi)
        let total = m + n
        // log central hypergeometric probabilities via binomial saddle-point terms (R dhyper)
        let logd: [Double] = support.map { x in
            if total == 0 { return 0 }
            let p = Double(k) / Double(total)
            return Binomial(trials: m, probability: p).logPmf(x) + Binomial(trials: n, probability: p).logPmf(k - x)
                - Binomial(trials: total, probability: p).logPmf(k)
        }
        func dnhyper(_ logPsi: Double) -> [Double] {
            let w = zip(support, logd).map { $1 + logPsi * Double($0) }
            let mx = w.max() ?? 0
            let e = w.map { Foundation.exp($0 - mx) }
            let s = e.reduce(0, +)
            return e.map { $0 / s }
        }
        // p-value
        let d0 = dnhyper(0)
        let obs = d0[a - lo]
        var pval = 0.0
        for v in d0 where v <= obs * (1 + 1e-7) { pval += v }
        pval = min(1, pval)

        func mean(_ logPsi: Double) -> Double {
            zip(support, dnhyper(logPsi)).reduce(0) { $0 + Double($1.0) * $1.1 }
        }
        func upperTail(_ logPsi: Double) -> Double { // P(X >= a)
            zip(support, dnhyper(logPsi)).reduce(0) { $0 + ($1.0 >= a ? $1.1 : 0) }
        }
        func lowerTail(_ logPsi: Double) -> Double { // P(X <= a)
            zip(support, dnhyper(logPsi)).reduce(0) { $0 + ($1.0 <= a ? $1.1 : 0) }
        }
        /// Bisection for the increasing function f(logψ) = target on [-L, L].
        func solveIncreasing(_ f: (Double) -> Double, _ target: Double) -> Double {
            var l = -60.0, h = 60.0
            for _ in 0..<200 {
                let mid = 0.5 * (l + h)
                if f(mid) < target { l = mid } else { h = mid }
                if h - l < 1e-13 { break }
            }
            return Foundation.exp(0.5 * (l + h))
        }
        let mle: Double
        if a == lo { mle = a == hi ? .nan : 0 }
        else if a == hi { mle = .infinity }
        else { mle = solveIncreasing(mean, Double(a)) }
        let alpha = (1 - confidenceLevel) / 2
        let lower: Double = a == lo ? 0 : solveIncreasing(upperTail, alpha)
        // lowerTail is decreasing in ψ: solve -lowerTail increasing = -alpha
        let upper: Double = a == hi ? .infinity : solveIncreasing({ -lowerTail($0) }, -alpha)
        return FisherExactResult(pValue: pval, sampleOddsRatio: sampleOR, conditionalOddsRatio: mle,
                                 confidenceInterval: ConfidenceInterval(lower: lower, upper: upper, level: confidenceLevel),
                                 degeneracy: nil)
    }
}
