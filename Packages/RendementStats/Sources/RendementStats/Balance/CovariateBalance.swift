import Foundation

/// Balance of one covariate between a treated and a control group, possibly
/// after matching or weighting, following the conventions of R cobalt
/// (`bal.tab`, `col_w_smd`, `col_w_vr`, `col_w_ks`; Greifer, cobalt FAQ
/// "How are standardized mean differences computed?") and MatchIt
/// (`summary.matchit`):
///
/// - group means are weighted, sum(w x) / sum(w);
/// - the SMD's standardisation factor is computed in the UNWEIGHTED sample, so
///   it is the same before and after adjustment: the treated-group SD for the
///   ATT (cobalt/MatchIt default `s.d.denom = "treated"`), or the pooled
///   sqrt((s1^2 + s0^2) / 2);
/// - variances: continuous covariates use the reliability-weights unbiased
///   formula sum(w) / (sum(w)^2 - sum(w^2)) * sum(w (x - m)^2) (n - 1
///   denominator when unweighted; cobalt `col.w.v`); binary covariates p(1 - p);
/// - binary covariates report the raw difference in proportions by default
///   (cobalt `binary = "raw"`); `.standardized` divides by sqrt(p(1 - p)) as
///   MatchIt does;
/// - the variance ratio is treated over control (weighted), as cobalt and
///   MatchIt report it (neither displays it for binary covariates);
/// - eCDF statistics compare the weighted eCDFs of both groups at every
///   distinct value: mean and max of |F_t - F_c| (MatchIt "eCDF Mean"/"eCDF
///   Max"; the max is cobalt's KS statistic); for binary covariates both equal
///   |p_t - p_c| (MatchIt). They are on the raw scale (no standardisation).
///
/// ```swift
/// let b = try CovariateBalance(values: age, treated: isClient, weights: matchWeights)
/// if b.degeneracy == nil { print(b.standardizedMeanDifference, b.varianceRatio) }
/// ```
public struct CovariateBalance: Sendable, Equatable {
    /// Which standard deviation standardises the mean difference.
    public enum Denominator: Sendable, Equatable {
        /// Treated-group SD (ATT; cobalt/MatchIt default).
        case treated
        /// Control-group SD (ATC).
        case control
        /// sqrt((s_treated^2 + s_control^2) / 2) (ATE).
        case pooled
    }

    /// How binary (0/1) covariates are summarised.
    public enum BinaryHandling: Sendable, Equatable {
        /// Raw difference in proportions (cobalt default).
        case rawDifference
        /// Divided by sqrt(p(1 - p)) of the chosen group(s) (MatchIt).
        case standardized
    }

    /// Whether the covariate took only the values 0 and 1.
    public let isBinary: Bool
    /// Weighted mean among treated units.
    public let treatedMean: Double
    /// Weighted mean among control units.
    public let controlMean: Double
    /// treatedMean - controlMean.
    public var meanDifference: Double { treatedMean - controlMean }
    /// The unweighted standardisation factor used.
    public let standardizationFactor: Double
    /// Standardised mean difference (or raw difference for binary covariates
    /// under `.rawDifference`).
    public let standardizedMeanDifference: Double
    /// Weighted variance ratio treated / control.
    public let varianceRatio: Double
    /// Mean of |F_t - F_c| over distinct values.
    public let ecdfMean: Double
    /// Max of |F_t - F_c| (Kolmogorov-Smirnov statistic).
    public let ecdfMax: Double
    /// `.tooFewObservations` when a group has fewer than two units (or no unit with a
    /// positive weight); every statistic is then NaN.
    public let degeneracy: Degeneracy?

    /// A result whose statistics are NaN for `reason`.
    init(degenerate reason: Degeneracy) {
        isBinary = false
        treatedMean = .nan; controlMean = .nan; standardizationFactor = .nan; standardizedMeanDifference = .nan
        varianceRatio = .nan; ecdfMean = .nan; ecdfMax = .nan
        degeneracy = reason
    }

    /// Computes the statistics.
    ///
    /// - Parameters:
    ///   - x: the covariate, one value per unit.
    ///   - treated: group membership, one flag per unit.
    ///   - weights: matching or balancing weights (>= 0; default all 1); they apply to means,
    ///     variances and eCDFs but not to the SMD denominator.
    ///   - denominator: which SD standardises the mean difference.
    ///   - binary: how 0/1 covariates are summarised.
    /// - Returns: the balance; `degeneracy == .tooFewObservations` when a group has fewer
    ///   than two units or no positively weighted unit.
    /// - Throws: `StatsError` for arrays of different lengths, a non-finite value or an invalid weight.
    public init(values x: [Double], treated: [Bool], weights: [Double]? = nil,
                denominator: Denominator = .treated, binary: BinaryHandling = .rawDifference) throws(StatsError) {
        let n = x.count
        try Check.sameLength(n, [("treated", treated.count), ("weights", weights?.count)])
        try Check.finite(x, name: "values")
        try Check.weights(weights)
        let w = weights ?? [Double](repeating: 1, count: n)
        let ti = (0..<n).filter { treated[$0] }, ci = (0..<n).filter { !treated[$0] }
        guard ti.count >= 2, ci.count >= 2, ti.contains(where: { w[$0] > 0 }), ci.contains(where: { w[$0] > 0 }) else {
            self = CovariateBalance(degenerate: .tooFewObservations)
            return
        }
        let binaryVariable = x.allSatisfy { $0 == 0 || $0 == 1 }
        let xt = ti.map { x[$0] }, xc = ci.map { x[$0] }
        let wt = ti.map { w[$0] }, wc = ci.map { w[$0] }
        let ones = { (k: Int) in [Double](repeating: 1, count: k) }
        let mt = CovariateBalance.mean(xt, wt), mc = CovariateBalance.mean(xc, wc)
        let vt0 = CovariateBalance.variance(xt, ones(xt.count), binary: binaryVariable)
        let vc0 = CovariateBalance.variance(xc, ones(xc.count), binary: binaryVariable)
        let factor: Double
        switch denominator {
        case .treated: factor = vt0.squareRoot()
        case .control: factor = vc0.squareRoot()
        case .pooled: factor = ((vt0 + vc0) / 2).squareRoot()
        }
        isBinary = binaryVariable
        treatedMean = mt
        controlMean = mc
        standardizationFactor = factor
        standardizedMeanDifference = binaryVariable && binary == .rawDifference ? mt - mc : (mt - mc) / factor
        varianceRatio = CovariateBalance.variance(xt, wt, binary: binaryVariable) / CovariateBalance.variance(xc, wc, binary: binaryVariable)
        if binaryVariable {
            ecdfMean = abs(mt - mc)
            ecdfMax = abs(mt - mc)
        } else {
            (ecdfMean, ecdfMax) = CovariateBalance.ecdfDifferences(x: x, treated: treated, weights: w)
        }
        degeneracy = nil
    }

    static func mean(_ x: [Double], _ w: [Double]) -> Double {
        var s = 0.0, sw = 0.0
        for i in x.indices { s += w[i] * x[i]; sw += w[i] }
        return s / sw
    }

    /// cobalt col.w.v: reliability-weights unbiased variance, p(1-p) for binary.
    static func variance(_ x: [Double], _ w: [Double], binary: Bool) -> Double {
        let m = mean(x, w)
        if binary { return m * (1 - m) }
        var sw = 0.0, sw2 = 0.0, ss = 0.0
        for i in x.indices { sw += w[i]; sw2 += w[i] * w[i]; ss += w[i] * (x[i] - m) * (x[i] - m) }
        return sw / (sw * sw - sw2) * ss
    }

    /// Mean and max of |F_t - F_c| at the distinct values (cobalt col_w_ks:
    /// cumulative signed normalised weights read at the last copy of each value).
    static func ecdfDifferences(x: [Double], treated: [Bool], weights w: [Double]) -> (Double, Double) {
        var swt = 0.0, swc = 0.0
        for i in x.indices { if treated[i] { swt += w[i] } else { swc += w[i] } }
        let order = x.indices.sorted { x[$0] < x[$1] }
        var cum = 0.0, total = 0.0, maxD = 0.0, count = 0
        for (k, i) in order.enumerated() {
            cum += treated[i] ? w[i] / swt : -w[i] / swc
            if k == order.count - 1 || x[order[k + 1]] != x[i] {
                let d = abs(cum)
                total += d; maxD = max(maxD, d); count += 1
            }
        }
        return (total / Double(count), maxD)
    }
}
