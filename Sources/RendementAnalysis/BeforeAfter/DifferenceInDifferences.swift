import Foundation
import RendementStats

/// The inferential figures of one scope, source and window (data-schema/contract.md
/// section 4), computed from the matched sets' counts:
/// - `did` with a 95% CI and p-value from a one-sample (paired) t test on the
///   set-level differences d (`scipy.stats.ttest_1samp`);
/// - `pWilcoxon`: Wilcoxon signed-rank test on the same d (`scipy.stats.wilcoxon`
///   defaults: zeros dropped, no continuity correction);
/// - `rateRatio`: exp(group x period) of a Poisson GLM with log link over four
///   rows per set -- the client's before and after counts and the mean before
///   and after counts of the set's qualifying controls (the estimating
///   equations of weighting each of m controls by 1/m) -- with cluster-robust
///   CR1 standard errors by set (statsmodels `cov_type='cluster'`), Wald CI and p.
///
/// Figures that the data cannot support (fewer than two sets, no spread,
/// a group without any event) are `nil`, never a made-up number.
public struct DifferenceInDifferences: Sendable {
    public var summary: BeforeAfterSummary
    public var didCI: (low: Double, high: Double)?
    /// Standard error of `did` (sd(d) / sqrt(n)).
    public var didStandardError: Double?
    public var pValue: Double?
    public var pWilcoxon: Double?
    public var rateRatio: Double?
    public var rateRatioCI: (low: Double, high: Double)?
    public var pRateRatio: Double?
    /// Difference-in-differences of prevalence (share with >= 1 event), with a
    /// 95% CI and p from a one-sample t test on the set-level prevalence differences.
    public var prevalenceDid: Double?
    public var prevalenceDidCI: (low: Double, high: Double)?
    public var pPrevalence: Double?
    /// Cluster-robust standard error of log(rate ratio).
    public var logRateRatioStandardError: Double?

    public init(_ sets: [SetCounts], confidenceLevel: Double = 0.95) {
        summary = BeforeAfterSummary(sets)
        let d = summary.differences
        if d.count >= 2 {
            let t = HypothesisTests.oneSampleTTest(d, confidenceLevel: confidenceLevel)
            if t.degeneracy == nil {
                didCI = (t.confidenceInterval.lower, t.confidenceInterval.upper)
                didStandardError = t.standardError
                pValue = t.pValue
            }
        }
        if d.contains(where: { $0 != 0 }) {
            pWilcoxon = HypothesisTests.wilcoxonSignedRank(d).pValue
        }
        let pd = sets.map(\.prevalenceDifference)
        if !pd.isEmpty { prevalenceDid = pd.reduce(0, +) / Double(pd.count) }
        if pd.count >= 2 {
            let t = HypothesisTests.oneSampleTTest(pd, confidenceLevel: confidenceLevel)
            if t.degeneracy == nil {
                prevalenceDidCI = (t.confidenceInterval.lower, t.confidenceInterval.upper)
                pPrevalence = t.pValue
            }
        }
        if let fit = Self.poissonRateRatio(sets, level: confidenceLevel) {
            rateRatio = fit.ratio
            rateRatioCI = fit.ci
            pRateRatio = fit.p
            logRateRatioStandardError = fit.se
        }
    }

    static func poissonRateRatio(_ sets: [SetCounts], level: Double)
        -> (ratio: Double, ci: (low: Double, high: Double), p: Double, se: Double)? {
        guard sets.count >= 2 else { return nil }
        var rows: [[Double]] = [], y: [Double] = [], clusters: [Int] = []
        rows.reserveCapacity(sets.count * 4)
        var cellTotals = [Double](repeating: 0, count: 4)
        for (k, s) in sets.enumerated() {
            let m = Double(s.controlCount)
            let cells: [(Double, Double, Double)] = [
                (1, 0, Double(s.clientBefore)), (1, 1, Double(s.clientAfter)),
                (0, 0, Double(s.controlsBefore.reduce(0, +)) / m), (0, 1, Double(s.controlsAfter.reduce(0, +)) / m),
            ]
            for (group, period, count) in cells {
                rows.append([1, group, period, group * period])
                y.append(count)
                clusters.append(k)
                cellTotals[Int(group) * 2 + Int(period)] += count
            }
        }
        guard cellTotals.allSatisfy({ $0 > 0 }),
              let fit = try? PoissonRegression.fit(rows: rows, y: y, clusters: clusters) else { return nil }
        let c = fit.coefficients
        let beta = c.estimates[3], se = c.standardErrors[3]
        guard se > 0, se.isFinite else { return nil }
        let z = Normal.standard.quantile(0.5 + level / 2)
        return (exp(beta), (exp(beta - z * se), exp(beta + z * se)), c.pValues[3], se)
    }
}
