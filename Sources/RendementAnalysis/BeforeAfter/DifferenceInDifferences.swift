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
public struct DifferenceInDifferences: Sendable, Codable, Equatable {
    public var summary: BeforeAfterSummary
    public var didCI: ConfidenceInterval?
    /// Standard error of `did` (sd(d) / sqrt(n)).
    public var didStandardError: Double?
    public var pValue: Double?
    public var pWilcoxon: Double?
    public var rateRatio: Double?
    public var rateRatioCI: ConfidenceInterval?
    public var pRateRatio: Double?
    /// Difference-in-differences of prevalence (share with >= 1 event), with a
    /// 95% CI and p from a one-sample t test on the set-level prevalence differences.
    public var prevalenceDid: Double?
    public var prevalenceDidCI: ConfidenceInterval?
    public var pPrevalence: Double?
    /// Cluster-robust standard error of log(rate ratio).
    public var logRateRatioStandardError: Double?
    /// Why `did`'s CI and p are missing (nil when they are there).
    public var didReason: EstimateReason?
    /// Why the rate ratio is missing (nil when it is there).
    public var rateRatioReason: EstimateReason?

    /// The estimate from the sets' counts. With `rateRatioOnly` only the
    /// summary and the rate ratio are computed (the placebo and the
    /// sensitivity table show nothing else); the tests of d stay nil.
    public init(_ sets: [SetCounts], confidenceLevel: Double = 0.95, rateRatioOnly: Bool = false) {
        summary = BeforeAfterSummary(sets)
        if !rateRatioOnly { testDifferences(sets, level: confidenceLevel) }
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

    /// The t and Wilcoxon tests of d and the prevalence difference-in-differences.
    private mutating func testDifferences(_ sets: [SetCounts], level confidenceLevel: Double) {
        let d = summary.differences
        switch Self.tTest(d, level: confidenceLevel) {
        case let .success(t):
            didCI = t.confidenceInterval
            didStandardError = t.standardError
            pValue = t.pValue
        case let .failure(reason): didReason = reason
        }
        if case let .success(w) = LibraryCall.run({ () throws(StatsError) in try HypothesisTests.wilcoxonSignedRank(d) }), w.degeneracy == nil {
            pWilcoxon = w.pValue
        }
        let pd = sets.map(\.prevalenceDifference)
        if !pd.isEmpty { prevalenceDid = pd.reduce(0, +) / Double(pd.count) }
        if case let .success(t) = Self.tTest(pd, level: confidenceLevel) {
            prevalenceDidCI = t.confidenceInterval
            pPrevalence = t.pValue
        }
    }

    /// A one-sample t test of H0: mean 0, or why it cannot be given.
    static func tTest(_ values: [Double], level: Double) -> Result<TTestResult, EstimateReason> {
        LibraryCall.run { () throws(StatsError) in try HypothesisTests.oneSampleTTest(values, confidenceLevel: level) }
            .flatMap { t in t.degeneracy.map { .failure(EstimateReason($0)) } ?? .success(t) }
    }

    /// The rate ratio, its Wald CI and p, and the SE of its logarithm.
    static func poissonRateRatio(_ sets: [SetCounts], level: Double)
        -> Result<(ratio: Double, ci: ConfidenceInterval, p: Double, se: Double), EstimateReason> {
        guard sets.count >= 2 else { return .failure(.tooFewSets) }
        let cells = sets.map { s -> [Double] in
            let m = Double(s.controlCount)
            return [Double(s.clientBefore), Double(s.clientAfter),
                    Double(s.controlsBefore.reduce(0, +)) / m, Double(s.controlsAfter.reduce(0, +)) / m]
        }
        let run = LibraryCall.run { () throws(StatsError) in
            let model = try ClusteredCellMeans(cells)
            return (model.degeneracy, try model.contrast([-1, 1, 1, -1]))
        }
        guard case let .success((degeneracy, (beta, se))) = run else { return .failure(.invalidInput) }
        if let degeneracy { return .failure(EstimateReason(degeneracy)) }
        guard se > 0, se.isFinite else { return .failure(.noVariation) }
        let z = Normal.standard.quantile(0.5 + level / 2)
        let p = 2 * Normal.standard.sf(abs(beta) / se)
        return .success((exp(beta), ConfidenceInterval(lower: exp(beta - z * se), upper: exp(beta + z * se), level: level), p, se))
    }
}
