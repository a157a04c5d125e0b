import Foundation

/// Chi-squared distribution with (possibly non-integer) degrees of freedom k > 0.
///
/// `cdf = P(k/2, x/2)`, `sf = Q(k/2, x/2)` (regularised incomplete gamma; the upper
/// tail is a continued fraction, so `sf(2000, df: 1)` ≈ 1e-437 underflows gracefully
/// and `logsf` stays finite). Matches `scipy.stats.chi2`.
public struct ChiSquared: Sendable {
    public let degreesOfFreedom: Double

    /// Creates a chi-squared distribution; `degreesOfFreedom` must be positive.
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    private var valid: Bool { degreesOfFreedom > 0 && degreesOfFreedom.isFinite }

    /// Probability density at `x` (`pdf = (x/2)^{k/2} e^{-x/2} / (Γ(k/2) x)`).
    public func pdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x < 0 { return 0 }
        if x == 0 {
            if degreesOfFreedom < 2 { return .infinity }
            return degreesOfFreedom == 2 ? 0.5 : 0
        }
        if x == .infinity { return 0 }
        return Foundation.exp(logpdf(x))
    }

    /// Log density at `x > 0`.
    public func logpdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return x < 0 ? -.infinity : Foundation.log(pdf(0)) }
        return SpecialFunctions.logGammaPrefix(degreesOfFreedom / 2, x / 2) - Foundation.log(x)
    }

    /// P(X <= x).
    public func cdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(degreesOfFreedom / 2, x / 2)
    }

    /// P(X > x), computed directly in the upper tail.
    public func sf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.regularizedGammaQ(degreesOfFreedom / 2, x / 2)
    }

    /// log P(X > x), finite when `sf` underflows.
    public func logsf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.logRegularizedGammaQ(degreesOfFreedom / 2, x / 2)
    }

    /// log P(X <= x).
    public func logcdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return -.infinity }
        return SpecialFunctions.logRegularizedGammaP(degreesOfFreedom / 2, x / 2)
    }

    /// Quantile function: the `x` with P(X <= x) = p (Newton on the smaller tail).
    public func quantile(_ p: Double) -> Double {
        guard valid, !p.isNaN, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return solve(lowerTail: p <= 0.5, tau: min(p, 1 - p), p: p)
    }

    /// Inverse survival function: the `x` with P(X > x) = q (accurate for tiny `q`).
    public func inverseSurvival(_ q: Double) -> Double {
        guard valid, !q.isNaN, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        return solve(lowerTail: q > 0.5, tau: min(q, 1 - q), p: 1 - q)
    }

    private func solve(lowerTail: Bool, tau: Double, p: Double) -> Double {
        let k = degreesOfFreedom
        // Wilson–Hilferty starting value; small-x power law in the far lower tail.
        let z = lowerTail ? Normal.standardQuantile(tau) : -Normal.standardQuantile(tau)
        let h = 2 / (9 * k)
        var guess = k * Foundation.pow(1 - h + z * Foundation.sqrt(h), 3)
        if lowerTail {
            let a = k / 2
            let small = 2 * Foundation.exp((Foundation.log(tau) + SpecialFunctions.logGamma(a + 1)) / a)
            if !(guess > 0) || small < guess { guess = small }
        }
        if !(guess > 0) || !guess.isFinite { guess = k }
        return QuantileSolver.solvePositive(
            increasing: lowerTail, logTarget: Foundation.log(tau), guess: guess,
            logTail: { lowerTail ? self.logcdf($0) : self.logsf($0) },
            logDensity: { self.logpdf($0) })
    }
}
