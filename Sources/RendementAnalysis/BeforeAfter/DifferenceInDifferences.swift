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
///   CR1 standard errors by set (statsmodels `cov_type='cluster'`), Wald CI and
///   p. The model is saturated, so it is fitted in closed form
///   (`ClusteredCellMeans`): the ratio of the four cell means and the
///   sandwich variance of the contrast of their logarithms.
///
/// Figures that the data cannot support (fewer than two sets, no spread,
/// a group without any event) are `nil` with a reason, never a made-up number.
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
    /// Why `did`'s CI and p are missing (nil when they are there).
    public var didReason: EstimateReason?
    /// Why the rate ratio is missing (nil when it is there).
    public var rateRatioReason: EstimateReason?

    public init(_ sets: [SetCounts], confidenceLevel: Double = 0.95) {
        summary = BeforeAfterSummary(sets)
        let d = summary.differences
        if d.count >= 2 {
            let t = HypothesisTests.oneSampleTTest(d, confidenceLevel: confidenceLevel)
            if t.degeneracy == nil {
                didCI = (t.confidenceInterval.lower, t.confidenceInterval.upper)
                didStandardError = t.standardError
                pValue = t.pValue
            } else {
                didReason = .noVariation
            }
        } else {
            didReason = .tooFewSets
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
        switch Self.poissonRateRatio(sets, level: confidenceLevel) {
        case .success(let fit):
            rateRatio = fit.ratio
            rateRatioCI = fit.ci
            pRateRatio = fit.p
            logRateRatioStandardError = fit.se
        case .failure(let reason):
            rateRatioReason = reason
        }
    }

    /// The rate ratio, its Wald CI and p, and the SE of its logarithm.
    static func poissonRateRatio(_ sets: [SetCounts], level: Double)
        -> Result<(ratio: Double, ci: (low: Double, high: Double), p: Double, se: Double), EstimateReason> {
        guard sets.count >= 2 else { return .failure(.tooFewSets) }
        let cells = sets.map { s -> [Double] in
            let m = Double(s.controlCount)
            return [Double(s.clientBefore), Double(s.clientAfter),
                    Double(s.controlsBefore.reduce(0, +)) / m, Double(s.controlsAfter.reduce(0, +)) / m]
        }
        let model: ClusteredCellMeans
        do { model = try ClusteredCellMeans(cells) } catch { return .failure(.noEvents) }
        let (beta, se) = model.contrast([-1, 1, 1, -1])
        guard se > 0, se.isFinite else { return .failure(.noVariation) }
        let z = Normal.standard.quantile(0.5 + level / 2)
        let p = 2 * Normal.standard.sf(abs(beta) / se)
        return .success((exp(beta), (exp(beta - z * se), exp(beta + z * se)), p, se))
    }
}
