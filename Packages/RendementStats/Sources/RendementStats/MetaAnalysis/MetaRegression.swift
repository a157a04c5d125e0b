import Foundation

/// Random-effects meta-regression on one moderator x with the
/// DerSimonian-Laird-type method-of-moments tau^2, as metafor
/// `rma(yi, vi, mods = ~ x, method = "DL")` (Viechtbauer 2010, J. Stat.
/// Software 36(3); Raudenbush 2009 for the estimator):
///
///   W = diag(1/v), X = [1, x], P = W - W X (X'WX)^{-1} X'W
///   Q_E = y'P y (residual heterogeneity, chi^2 with k - 2 df)
///   tau^2 = max(0, (Q_E - (k - 2)) / tr(P))
///   b = (X'W*X)^{-1} X'W*y with W* = diag(1/(v + tau^2)), Cov(b) = (X'W*X)^{-1}
/// and z tests with normal CIs (metafor's default test = "z").
///
/// ```swift
/// let m = try MetaRegression(effects: logRatios, variances: v, moderator: yearsSinceFounding)
/// if m.degeneracy == nil { print(m.slope.estimate, m.slope.confidenceInterval) }
/// ```
public struct MetaRegression: Sendable, Equatable, Codable {
    /// Number of studies.
    public let studyCount: Int
    /// Intercept (expected effect at x = 0).
    public let intercept: PooledEstimate
    /// Slope per unit of the moderator.
    public let slope: PooledEstimate
    /// Residual between-study variance.
    public let tauSquared: Double
    /// Residual heterogeneity statistic Q_E.
    public let residualQ: Double
    /// p-value of Q_E on k - 2 degrees of freedom.
    public var residualQPValue: Double { degeneracy == nil ? ChiSquared(degreesOfFreedom: Double(studyCount - 2)).sf(residualQ) : .nan }
    /// `.tooFewObservations` (fewer than 3 studies) or `.constantModerator`; every figure
    /// is then NaN.
    public let degeneracy: Degeneracy?

    /// Fits the meta-regression.
    ///
    /// - Parameters:
    ///   - y: the study effects.
    ///   - v: their sampling variances (> 0).
    ///   - x: the moderator, one value per study.
    ///   - level: the confidence level of the intervals.
    /// - Returns: intercept, slope, residual tau^2 and Q_E; with `degeneracy` set for fewer
    ///   than 3 studies or a constant moderator.
    /// - Throws: `StatsError` for arrays of different lengths, a non-finite value, a
    ///   non-positive variance or a level outside (0, 1).
    public init(effects y: [Double], variances v: [Double], moderator x: [Double], level: Double = 0.95) throws(StatsError) {
        let k = y.count
        try Check.sameLength(k, [("variances", v.count), ("moderator", x.count)])
        try Check.finite(y, name: "effects"); try Check.finite(x, name: "moderator")
        try Check.level(level)
        if let bad = v.firstIndex(where: { !($0 > 0) || !$0.isFinite }) { throw .invalidValue("variance[\(bad)] = \(v[bad]) must be positive and finite") }
        func degenerate(_ reason: Degeneracy) -> MetaRegression {
            MetaRegression(studyCount: k, intercept: .undefined(level: level), slope: .undefined(level: level), tauSquared: .nan,
                           residualQ: .nan, degeneracy: reason)
        }
        guard k >= 3 else { self = degenerate(.tooFewObservations); return }
        guard x.contains(where: { $0 != x[0] }) else { self = degenerate(.constantModerator); return }

        /// Weighted least squares of y on [1, x]: returns b, (X'WX)^{-1}, residual quadratic form.
        func wls(_ w: [Double]) -> ([Double], Matrix, Double)? {
            var xtwx = Matrix(rows: 2, columns: 2)
            var xtwy = [0.0, 0.0]
            for i in 0..<k {
                xtwx.addOuterProduct([1, x[i]], weight: w[i])
                xtwy[0] += w[i] * y[i]; xtwy[1] += w[i] * x[i] * y[i]
            }
            guard let inv = xtwx.inverseIfPositiveDefinite() else { return nil }
            let b = inv.multiply(xtwy)
            var qe = 0.0
            for i in 0..<k { let r = y[i] - b[0] - b[1] * x[i]; qe += w[i] * r * r }
            return (b, inv, qe)
        }
        let w = v.map { 1 / $0 }
        guard let (_, invFE, qe) = wls(w) else { self = degenerate(.constantModerator); return }
        // tr(P) = sum w_i - tr((X'WX)^{-1} X'W^2 X).
        var xtw2x = Matrix(rows: 2, columns: 2)
        for i in 0..<k { xtw2x.addOuterProduct([1, x[i]], weight: w[i] * w[i]) }
        let traceP = w.reduce(0, +) - (invFE * xtw2x).diagonal.reduce(0, +)
        let tau2 = max(0, (qe - Double(k - 2)) / traceP)
        guard let (b, cov, _) = wls(v.map { 1 / ($0 + tau2) }) else { self = degenerate(.constantModerator); return }
        self.studyCount = k
        self.intercept = PooledEstimate(estimate: b[0], standardError: cov[0, 0].squareRoot(), level: level)
        self.slope = PooledEstimate(estimate: b[1], standardError: cov[1, 1].squareRoot(), level: level)
        self.tauSquared = tau2
        self.residualQ = qe
        self.degeneracy = nil
    }

    init(studyCount: Int, intercept: PooledEstimate, slope: PooledEstimate, tauSquared: Double, residualQ: Double, degeneracy: Degeneracy?) {
        self.studyCount = studyCount; self.intercept = intercept; self.slope = slope
        self.tauSquared = tauSquared; self.residualQ = residualQ; self.degeneracy = degeneracy
    }
}
