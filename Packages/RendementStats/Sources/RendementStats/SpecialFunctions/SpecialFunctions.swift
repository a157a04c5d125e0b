import Foundation

/// Special functions used by the distributions and tests: log-gamma, log-beta,
/// the regularised incomplete gamma and beta functions, and the small helpers
/// (Stirling error, `log(1+x) - x`, Loader's deviance) that keep far tails accurate.
///
/// Accuracy target: 1e-13 relative or better over the ranges exercised by the
/// fixtures (see `docs/stats-verification-dist.md`); far tails stay positive.
public enum SpecialFunctions {

    /// `log Γ(x)` for `x > 0` (and the real log-absolute value elsewhere).
    ///
    /// Uses the C library `lgamma` (glibc/Darwin libm, accurate to a few ulp on
    /// x > 0), verified against `scipy.special.gammaln`.
    public static func logGamma(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x == .infinity { return .infinity }
        return Foundation.lgamma(x)
    }

    /// `log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a+b)` for `a, b > 0`.
    ///
    /// For `a + b >= 10` uses the Stirling decomposition
    /// `log B = ½log2π + (b-½)log b - (a-½)log1p(b/a) - b·log(a+b) + δ(a)+δ(b)-δ(a+b)`
    /// (with `a >= b`, `δ` the Stirling error), which avoids the cancellation of
    /// three large log-gammas (cf. Loader 2000; R `lbeta`).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN || a <= 0 || b <= 0 { return .nan }
        let p = min(a, b), q = max(a, b)
        if p + q < 10 {
            return logGamma(p) + logGamma(q) - logGamma(p + q)
        }
        let halfLog2Pi = 0.918_938_533_204_672_741_78
        return halfLog2Pi + (p - 0.5) * Foundation.log(p) - (q - 0.5) * Foundation.log1p(p / q)
            - p * Foundation.log(p + q) + stirlingError(p) + stirlingError(q) - stirlingError(p + q)
    }

    /// Error function, from the C library (`erf`).
    public static func erf(_ x: Double) -> Double { Foundation.erf(x) }

    /// Complementary error function `1 - erf(x)` computed directly (C library `erfc`),
    /// accurate in the upper tail down to underflow (~x = 26.5).
    public static func erfc(_ x: Double) -> Double { Foundation.erfc(x) }

    /// Stirling error `δ(x) = log Γ(x) - (x-½)log x + x - ½log(2π)` for `x > 0`.
    ///
    /// Asymptotic series for `x >= 15` (terms to `x^-13`), direct evaluation below
    /// (Loader 2000, "Fast and accurate computation of binomial probabilities").
    public static func stirlingError(_ x: Double) -> Double {
        let halfLog2Pi = 0.918_938_533_204_672_741_78
        if x < 15 {
            return logGamma(x) - (x - 0.5) * Foundation.log(x) + x - halfLog2Pi
        }
        let s0 = 1.0 / 12.0, s1 = 1.0 / 360.0, s2 = 1.0 / 1260.0, s3 = 1.0 / 1680.0
        let s4 = 1.0 / 1188.0, s5 = 691.0 / 360_360.0, s6 = 1.0 / 156.0
        let x2 = 1 / (x * x)
        return (s0 - x2 * (s1 - x2 * (s2 - x2 * (s3 - x2 * (s4 - x2 * (s5 - x2 * s6)))))) / x
    }

    /// `log(1+t) - t`, accurate for small `|t|` (series) and for all `t > -1`.
    public static func log1pmx(_ t: Double) -> Double {
        if abs(t) < 0.1 {
            // -t²/2 + t³/3 - t⁴/4 + ...
            var term = t
            var sum = 0.0
            var k = 2.0
            while k < 60 {
                term *= -t
                let add = term / k
                sum += add
                if abs(add) < 1e-18 * abs(sum) { break }
                k += 1
            }
            return sum
        }
        return Foundation.log1p(t) - t
    }

    /// `log(r) - (r - 1)` for `r > 0`, accurate when `r` is close to 1.
    static func logRatioMinusLinear(_ r: Double) -> Double {
        if r > 0.5 && r < 2 { return log1pmx(r - 1) }
        return Foundation.log(r) - (r - 1)
    }

    /// Loader's deviance term `bd0(x, np) = x·log(x/np) + np - x`, computed
    /// without cancellation when `x ≈ np` (Loader 2000; R `bd0`).
    static func bd0(_ x: Double, _ np: Double) -> Double {
        if x == 0 { return np }
        if abs(x - np) < 0.1 * (x + np) {
            let v = (x - np) / (x + np)
            var s = (x - np) * v
            var ej = 2 * x * v
            let v2 = v * v
            var j = 1.0
            while j < 1000 {
                ej *= v2
                let s1 = s + ej / (2 * j + 1)
                if s1 == s { return s1 }
                s = s1
                j += 1
            }
            return s
        }
        return x * Foundation.log(x / np) + np - x
    }

    /// `log( x^a e^{-x} / Γ(a) )`, the prefactor of the incomplete gamma function,
    /// computed as `a·[log r - (r-1)] + ½log(a/2π) - δ(a)` with `r = x/a`
    /// (no cancellation for large `a`; cf. Temme/Boost `regularised_gamma_prefix`).
    static func logGammaPrefix(_ a: Double, _ x: Double) -> Double {
        let halfLog2Pi = 0.918_938_533_204_672_741_78
        let r = x / a
        let main: Double
        if r.isFinite && r > 0 && r.isNormal {
            main = a * logRatioMinusLinear(r)
        } else {
            main = a * (Foundation.log(x) - Foundation.log(a)) - (x - a)
        }
        return main + 0.5 * Foundation.log(a) - halfLog2Pi - stirlingError(a)
    }

    /// `log( x^a y^b / B(a,b) )` with `y = 1 - x` supplied separately, computed as
    /// `a·[log r₁-(r₁-1)] + b·[log r₂-(r₂-1)] + ½log(ab/(2π(a+b))) - δ(a)-δ(b)+δ(a+b)`,
    /// `r₁ = x(a+b)/a`, `r₂ = y(a+b)/b` (cf. Boost `ibeta_power_terms`).
    static func logBetaPrefix(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Double {
        let halfLog2Pi = 0.918_938_533_204_672_741_78
        let c = a + b
        func term(_ w: Double, _ z: Double) -> Double {
            // w * [log(z c / w) - (z c / w - 1)]
            let r = z * c / w
            if r.isNormal && r.isFinite {
                return w * logRatioMinusLinear(r)
            }
            return w * (Foundation.log(z) + Foundation.log(c) - Foundation.log(w)) - (z * c - w)
        }
        return term(a, x) + term(b, y) + 0.5 * (Foundation.log(a) + Foundation.log(b) - Foundation.log(c))
            - halfLog2Pi - stirlingError(a) - stirlingError(b) + stirlingError(c)
    }
}
