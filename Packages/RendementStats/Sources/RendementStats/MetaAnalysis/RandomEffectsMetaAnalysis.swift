import Foundation

/// Inverse-variance meta-analysis of k study effects y_i with known sampling
/// variances v_i: the fixed-effect (common-effect) estimate and the
/// DerSimonian-Laird random-effects estimate (DerSimonian & Laird 1986,
/// Controlled Clinical Trials 7:177), with Cochran's Q, tau^2, I^2 and H^2.
/// Matches metafor `rma(yi, vi, method = "DL")` / `rma(method = "FE")` and
/// statsmodels `combine_effects(y, v, method_re = "dl")`.
///
///   w_i = 1/v_i, theta_FE = sum w y / sum w, SE = 1/sqrt(sum w)
///   Q = sum w (y - theta_FE)^2 ~ chi^2_{k-1}
///   tau^2 = max(0, (Q - (k-1)) / (sum w - sum w^2 / sum w))
///   w*_i = 1/(v_i + tau^2), theta_RE = sum w* y / sum w*, SE = 1/sqrt(sum w*)
///   I^2 = max(0, (Q - (k-1)) / Q) (Higgins & Thompson 2002), H^2 = Q/(k-1)
///
/// ```swift
/// let meta = try RandomEffectsMetaAnalysis(effects: [0.12, -0.05, 0.30], variances: [0.01, 0.02, 0.015])
/// print(meta.randomEffects.confidenceInterval, meta.tauSquared, meta.iSquared)
/// ```
public struct RandomEffectsMetaAnalysis: Sendable, Equatable, Codable {
    /// Number of studies.
    public let studyCount: Int
    /// Fixed-effect (inverse-variance) pooled estimate.
    public let fixedEffect: PooledEstimate
    /// DerSimonian-Laird random-effects pooled estimate.
    public let randomEffects: PooledEstimate
    /// Between-study variance tau^2 (DL, truncated at 0).
    public let tauSquared: Double
    /// Cochran's Q.
    public let q: Double
    /// Degrees of freedom of Q (k - 1).
    public var qDegreesOfFreedom: Int { studyCount - 1 }
    /// Upper-tail chi-square p-value of Q (NaN when k = 1).
    public var qPValue: Double { studyCount > 1 ? ChiSquared(degreesOfFreedom: Double(studyCount - 1)).sf(q) : .nan }
    /// I^2 = max(0, (Q - df)/Q), as a proportion (metafor prints 100 I^2).
    public let iSquared: Double
    /// H^2 = Q / df.
    public var hSquared: Double { q / Double(studyCount - 1) }
    /// `.tooFewObservations` when there is no study (every figure NaN).
    public let degeneracy: Degeneracy?

    /// Pools `effects` with sampling `variances`.
    ///
    /// - Parameters:
    ///   - y: the study effects.
    ///   - v: their sampling variances (> 0).
    ///   - level: the confidence level of the pooled intervals.
    /// - Returns: the fixed-effect and random-effects estimates with Q, tau^2 and I^2;
    ///   `degeneracy == .tooFewObservations` for no study.
    /// - Throws: `StatsError` for arrays of different lengths, a non-finite effect, a
    ///   non-positive variance or a level outside (0, 1).
    public init(effects y: [Double], variances v: [Double], level: Double = 0.95) throws(StatsError) {
        let k = y.count
        try Check.sameLength(k, [("variances", v.count)])
        try Check.finite(y, name: "effects")
        try Check.level(level)
        if let bad = v.firstIndex(where: { !($0 > 0) || !$0.isFinite }) { throw .invalidValue("variance[\(bad)] = \(v[bad]) must be positive and finite") }
        guard k >= 1 else {
            studyCount = 0; fixedEffect = .undefined(level: level); randomEffects = .undefined(level: level)
            tauSquared = .nan; q = .nan; iSquared = .nan; degeneracy = .tooFewObservations
            return
        }
        let w = v.map { 1 / $0 }
        let sw = w.reduce(0, +)
        let sw2 = w.reduce(0) { $0 + $1 * $1 }
        let fe = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / sw
        let q = zip(w, y).reduce(0) { $0 + $1.0 * ($1.1 - fe) * ($1.1 - fe) }
        let df = Double(k - 1)
        let tau2 = k > 1 ? max(0, (q - df) / (sw - sw2 / sw)) : 0
        let wr = v.map { 1 / ($0 + tau2) }
        let swr = wr.reduce(0, +)
        let re = zip(wr, y).reduce(0) { $0 + $1.0 * $1.1 } / swr
        self.studyCount = k
        self.fixedEffect = PooledEstimate(estimate: fe, standardError: 1 / sw.squareRoot(), level: level)
        self.randomEffects = PooledEstimate(estimate: re, standardError: 1 / swr.squareRoot(), level: level)
        self.tauSquared = tau2
        self.q = q
        self.iSquared = q > 0 && k > 1 ? max(0, (q - df) / q) : 0
        self.degeneracy = nil
    }
}
