import Foundation

/// Power of a two-sided one-sample z test of a mean (normal approximation),
/// as statsmodels `NormalIndPower(...).power(effect_size, nobs1=n, alpha,
/// ratio=0, alternative='two-sided')`:
/// power = Phi(d sqrt(n) - z_{1-alpha/2}) + Phi(-d sqrt(n) - z_{1-alpha/2}),
/// with d the standardised effect (mean difference / SD). Used to say what a
/// cohort can detect, so that "not significant" is never read as "no effect".
public enum NormalPower {
    /// Power for a standardised effect `d` with `n` observations.
    public static func power(effectSize d: Double, n: Double, alpha: Double = 0.05) -> Double {
        let z = Normal.standard.quantile(1 - alpha / 2)
        let shift = abs(d) * n.squareRoot()
        return Normal.standard.cdf(shift - z) + Normal.standard.cdf(-shift - z)
    }

    /// The smallest standardised effect detected with the given power (statsmodels
    /// `solve_power(effect_size=None, ...)`), found by bisection.
    public static func minimumDetectableEffect(n: Double, alpha: Double = 0.05, power target: Double = 0.8) -> Double {
        guard n > 0 else { return .infinity }
        return increasingRoot(relativeTolerance: 1e-15) { power(effectSize: $0, n: n, alpha: alpha) - target }
    }

    /// The number of observations needed to detect standardised effect `d`
    /// with the given power (statsmodels `solve_power(nobs1=None, ...)`; not
    /// rounded up).
    public static func requiredSampleSize(effectSize d: Double, alpha: Double = 0.05, power target: Double = 0.8) -> Double {
        guard d != 0 else { return .infinity }
        return increasingRoot(relativeTolerance: 1e-12) { power(effectSize: d, n: $0, alpha: alpha) - target }
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
