import Foundation

/// Power of a two-sided one-sample z test of a mean (normal approximation),
/// as statsmodels `NormalIndPower(...).power(effect_size, nobs1=n, alpha,
/// ratio=0, alternative='two-sided')`:
/// power = Phi(d sqrt(n) - z_{1-alpha/2}) + Phi(-d sqrt(n) - z_{1-alpha/2}),
/// with d the standardised effect (mean difference / SD). Used to say what a
/// cohort can detect, so that "not significant" is never read as "no effect".
///
/// ```swift
/// let mde = try NormalPower.minimumDetectableEffect(n: 250)          // 0.177...
/// let p = try NormalPower.power(effectSize: 0.2, n: 250)
/// let n = try NormalPower.requiredSampleSize(effectSize: 0.2)        // 196.2...
/// ```
public enum NormalPower {
    static func check(alpha: Double, power: Double = 0.5, n: Double = 1) throws(StatsError) {
        guard alpha > 0, alpha < 1 else { throw .invalidValue("alpha = \(alpha) is not in (0, 1)") }
        guard power > 0, power < 1 else { throw .invalidValue("power = \(power) is not in (0, 1)") }
        guard n >= 0, !n.isNaN else { throw .invalidValue("n = \(n) is negative") }
    }

    /// Power for a standardised effect `d` with `n` observations.
    ///
    /// - Parameters:
    ///   - d: the standardised effect (mean difference / SD).
    ///   - n: the number of observations (>= 0).
    ///   - alpha: the two-sided significance level, in (0, 1).
    /// - Returns: the probability of a significant result.
    /// - Throws: `StatsError.invalidValue` for a negative n or alpha outside (0, 1).
    public static func power(effectSize d: Double, n: Double, alpha: Double = 0.05) throws(StatsError) -> Double {
        try check(alpha: alpha, n: n)
        return powerValue(d, n, alpha)
    }

    static func powerValue(_ d: Double, _ n: Double, _ alpha: Double) -> Double {
        let z = Normal.standard.quantile(1 - alpha / 2)
        let shift = abs(d) * n.squareRoot()
        return Normal.standard.cdf(shift - z) + Normal.standard.cdf(-shift - z)
    }

    /// The smallest standardised effect detected with the given power (statsmodels
    /// `solve_power(effect_size=None, ...)`), found by bisection.
    ///
    /// - Parameters:
    ///   - n: the number of observations (n = 0 gives infinity).
    ///   - alpha: the two-sided significance level, in (0, 1).
    ///   - target: the power, in (0, 1).
    /// - Returns: the minimum detectable standardised effect.
    /// - Throws: `StatsError.invalidValue` for a negative n or alpha/power outside (0, 1).
    public static func minimumDetectableEffect(n: Double, alpha: Double = 0.05, power target: Double = 0.8) throws(StatsError) -> Double {
        try check(alpha: alpha, power: target, n: n)
        guard n > 0 else { return .infinity }
        return increasingRoot(relativeTolerance: 1e-15) { powerValue($0, n, alpha) - target }
    }

    /// The number of observations needed to detect standardised effect `d`
    /// with the given power (statsmodels `solve_power(nobs1=None, ...)`; not
    /// rounded up).
    ///
    /// - Parameters:
    ///   - d: the standardised effect (d = 0 gives infinity).
    ///   - alpha: the two-sided significance level, in (0, 1).
    ///   - target: the power, in (0, 1).
    /// - Returns: the number of observations.
    /// - Throws: `StatsError.invalidValue` for alpha or power outside (0, 1) or a NaN effect.
    public static func requiredSampleSize(effectSize d: Double, alpha: Double = 0.05, power target: Double = 0.8) throws(StatsError) -> Double {
        try check(alpha: alpha, power: target)
        guard !d.isNaN else { throw .invalidValue("effect size is NaN") }
        guard d != 0 else { return .infinity }
        return increasingRoot(relativeTolerance: 1e-12) { powerValue(d, $0, alpha) - target }
    }

    /// The root in (0, inf) of a function that increases from below zero:
    /// double the upper bracket until the function is >= 0, then bisect.
    static func increasingRoot(relativeTolerance: Double, _ f: (Double) -> Double) -> Double {
        var lo = 0.0, hi = 1.0
        while f(hi) < 0 { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if f(mid) < 0 { lo = mid } else { hi = mid }
            if hi - lo < relativeTolerance * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }
}
