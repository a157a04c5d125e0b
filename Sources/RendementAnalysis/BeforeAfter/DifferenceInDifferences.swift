import Foundation
import RendementStats

/// The inferential figures of one scope, source and window (CONTRACT.md
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
/// a group without any event) are `nil`, never a made-up number, and the
/// matching `...Reason` says why.
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
    /// Why `didCI`/`pValue` are missing (nil when they are there).
    public var didReason: EstimateReason?
    /// Why the rate ratio is missing.
    public var rateRatioReason: EstimateReason?
    /// Why `prevalenceDidCI`/`pPrevalence` are missing.
    public var prevalenceReason: EstimateReason?

    public init(_ sets: [SetCounts], confidenceLevel: Double = 0.95) {
        summary = BeforeAfterSummary(sets)
        let d = summary.differences
        switch Self.tTest(d, level: confidenceLevel) {
        case let .success(t):
            didCI = (t.confidenceInterval.lower, t.confidenceInterval.upper)
            didStandardError = t.standardError
            pValue = t.pValue
        case let .failure(reason): didReason = reason
        }
        if case let .success(w) = LibraryCall.run({ () throws(StatsError) in try HypothesisTests.wilcoxonSignedRank(d) }), w.degeneracy == nil {
            pWilcoxon = w.pValue
        }
        let pd = sets.map(\.prevalenceDifference)
        if !pd.isEmpty { prevalenceDid = pd.reduce(0, +) / Double(pd.count) }
        switch Self.tTest(pd, level: confidenceLevel) {
        case let .success(t):
            prevalenceDidCI = (t.confidenceInterval.lower, t.confidenceInterval.upper)
            pPrevalence = t.pValue
        case let .failure(reason): prevalenceReason = reason
        }
        switch Self.poissonRateRatio(sets, level: confidenceLevel) {
        case let .success(fit):
            rateRatio = fit.ratio
            rateRatioCI = fit.ci
            pRateRatio = fit.p
            logRateRatioStandardError = fit.se
        case let .failure(reason): rateRatioReason = reason
        }
    }

    /// A one-sample t test of H0: mean 0, or why it cannot be given.
    static func tTest(_ values: [Double], level: Double) -> Result<TTestResult, EstimateReason> {
        LibraryCall.run { () throws(StatsError) in try HypothesisTests.oneSampleTTest(values, confidenceLevel: level) }
            .flatMap { t in t.degeneracy.map { .failure(EstimateReason($0)) } ?? .success(t) }
    }

    static func poissonRateRatio(_ sets: [SetCounts], level: Double)
        -> Result<(ratio: Double, ci: (low: Double, high: Double), p: Double, se: Double), EstimateReason> {
        guard sets.count >= 2 else { return .failure(.tooFewSets) }
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
        guard cellTotals.allSatisfy({ $0 > 0 }) else { return .failure(.noEvents) }
        let names = ["Intercept", "client", "after", "client:after"]
        let fitted = LibraryCall.run { () throws(StatsError) in try PoissonRegression.fit(rows: rows, y: y, names: names, clusters: clusters) }
        guard case let .success(fit) = fitted else { return .failure(.invalidInput) }
        if let reason = fit.degeneracy { return .failure(EstimateReason(reason)) }
        guard let c = fit.coefficients["client:after"], c.standardError > 0, c.standardError.isFinite else { return .failure(.zeroVariance) }
        let ci = c.confidenceInterval(level: level)
        return .success((exp(c.estimate), (exp(ci.lower), exp(ci.upper)), c.pValue, c.standardError))
    }
}
