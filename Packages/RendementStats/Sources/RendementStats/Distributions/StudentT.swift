import Foundation

/// Student's t distribution with (possibly non-integer) degrees of freedom ν > 0.
///
/// `cdf`/`sf` via the regularised incomplete beta,
/// `P(T <= -|t|) = ½·I_{ν/(ν+t²)}(ν/2, ½)`, with both `ν/(ν+t²)` and `t²/(ν+t²)`
/// formed directly so each tail keeps full relative accuracy. `quantile` inverts
/// the tail by safeguarded Newton in log space. Matches `scipy.stats.t`.
public struct StudentT: Sendable {
    public let degreesOfFreedom: Double

    /// Creates a t distribution; `degreesOfFreedom` must be positive (`.infinity` gives the normal).
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    private var valid: Bool { degreesOfFreedom > 0 && !degreesOfFreedom.isNaN }

    /// (lower, upper) = (P(T <= -|t|)·2, 1 - that) halves; returns the two tails of |t|.
    private func tails(_ t: Double) -> (small: Double, large: Double) {
        let nu = degreesOfFreedom
        if let logSmall = farTailLog(t) {
            let small = Foundation.exp(logSmall)
            return (small, 1 - small)
        }
        let t2 = t * t
        let x: Double, y: Double
        if t2 > nu {
            let r = nu / t2
            x = r / (1 + r); y = 1 / (1 + r)
        } else {
            let r = t2 / nu
            x = 1 / (1 + r); y = r / (1 + r)
        }
        let (lower, upper) = SpecialFunctions.incompleteBeta(x, y, nu / 2, 0.5)
        return (0.5 * lower, 0.5 + 0.5 * upper)
    }

    /// `log P(T <= -|t|)` when `t²/ν` is so large that `ν/(ν+t²)` would underflow:
    /// `½·I_x(ν/2, ½) = ½·x^{ν/2}/((ν/2)·B(ν/2, ½))·(1 + O(x))` with `x = ν/t²` exact to double precision.
    private func farTailLog(_ t: Double) -> Double? {
        let nu = degreesOfFreedom
        let s = abs(t) / Foundation.sqrt(nu)
        guard s > 1e100 else { return nil }
        let a = nu / 2
        return -Foundation.log(2.0) + a * (-2 * Foundation.log(s)) - Foundation.log(a) - SpecialFunctions.logBeta(a, 0.5)
    }

    /// Probability density at `t`.
    public func pdf(_ t: Double) -> Double {
        Foundation.exp(logpdf(t))
    }

    /// Log density at `t`.
    public func logpdf(_ t: Double) -> Double {
        guard valid, !t.isNaN else { return .nan }
        let nu = degreesOfFreedom
        if nu == .infinity { return Normal.standard.logpdf(t) }
        let s = abs(t) / Foundation.sqrt(nu)
        let logKernel = s > 1e100 ? 2 * Foundation.log(s) : Foundation.log1p(s * s)
        return -SpecialFunctions.logBeta(nu / 2, 0.5) - 0.5 * Foundation.log(nu) - (nu + 1) / 2 * logKernel
    }

    /// P(T <= t).
    public func cdf(_ t: Double) -> Double {
        guard valid, !t.isNaN else { return .nan }
        if degreesOfFreedom == .infinity { return Normal.standard.cdf(t) }
        if t == 0 { return 0.5 }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let (small, large) = tails(t)
        return t < 0 ? small : large
    }

    /// P(T > t), computed directly in the upper tail.
    public func sf(_ t: Double) -> Double { cdf(-t) }

    /// log P(T > t), finite when `sf` underflows.
    public func logsf(_ t: Double) -> Double { logcdf(-t) }

    /// log P(T <= t), finite when `cdf` underflows.
    public func logcdf(_ t: Double) -> Double {
        guard valid, !t.isNaN else { return .nan }
        if degreesOfFreedom == .infinity { return Normal.standard.logcdf(t) }
        if t == 0 { return -Foundation.log(2.0) }
        if t.isInfinite { return t > 0 ? 0 : -.infinity }
        if t > 0 { return Foundation.log1p(-cdf(-t)) }
        if let logSmall = farTailLog(t) { return logSmall }
        let nu = degreesOfFreedom
        let t2 = t * t
        let x: Double, y: Double
        if t2 > nu { let r = nu / t2; x = r / (1 + r); y = 1 / (1 + r) } else { let r = t2 / nu; x = 1 / (1 + r); y = r / (1 + r) }
        return Foundation.log(0.5) + SpecialFunctions.logIncompleteBeta(x, y, nu / 2, 0.5, upperTail: false)
    }

    /// Quantile function: the `t` with P(T <= t) = p.
    public func quantile(_ p: Double) -> Double {
        guard valid, !p.isNaN, p >= 0, p <= 1 else { return .nan }
        if degreesOfFreedom == .infinity { return Normal.standard.quantile(p) }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let tau = min(p, 1 - p)
        let z = -Normal.standardQuantile(tau)
        let x = QuantileSolver.solvePositive(
            increasing: false, logTarget: Foundation.log(tau), guess: max(z, 1e-8),
            logTail: { self.logsf($0) }, logDensity: { self.logpdf($0) })
        return p < 0.5 ? -x : x
    }

    /// Inverse survival function: the `t` with P(T > t) = q.
    public func inverseSurvival(_ q: Double) -> Double {
        -quantile(q)
    }
}
