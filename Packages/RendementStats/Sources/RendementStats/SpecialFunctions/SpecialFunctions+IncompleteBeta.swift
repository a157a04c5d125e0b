import Foundation

extension SpecialFunctions {

    /// Regularised incomplete beta function `I_x(a, b)`, `0 <= x <= 1`, `a, b > 0`.
    ///
    /// Continued fraction (Numerical Recipes 3rd ed. §6.4, modified Lentz), used on
    /// `I_x(a,b)` when `x < (a+1)/(a+b+2)` and on `I_{1-x}(b,a)` otherwise, with the
    /// prefactor `x^a(1-x)^b/B(a,b)` computed without cancellation.
    /// Matches `scipy.special.betainc`.
    public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        incompleteBeta(x, 1 - x, a, b).lower
    }

    /// Complement `1 - I_x(a, b) = I_{1-x}(b, a)`, computed directly (not as `1 - I`)
    /// so upper tails keep full relative accuracy. Matches `scipy.special.betaincc`.
    public static func regularizedBetaComplement(_ x: Double, _ a: Double, _ b: Double) -> Double {
        incompleteBeta(x, 1 - x, a, b).upper
    }

    /// `(I_x(a,b), 1 - I_x(a,b))` where the caller supplies both `x` and `y = 1 - x`
    /// (each computed accurately, e.g. `ν/(ν+t²)` and `t²/(ν+t²)`), so neither
    /// tail loses digits to the subtraction `1 - x`.
    static func incompleteBeta(_ x: Double, _ y: Double, _ a: Double, _ b: Double)
        -> (lower: Double, upper: Double)
    {
        if x.isNaN || y.isNaN || a.isNaN || b.isNaN || a <= 0 || b <= 0 || x < 0 || y < 0 {
            return (.nan, .nan)
        }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        let logPrefix = logBetaPrefix(a, b, x, y)
        // Power series on the side whose argument is small relative to 1/(a+b): no cancellation,
        // fast convergence, and it avoids the slowly converging continued fraction near
        // x ≈ a/(a+b) when one parameter is huge and the other small (e.g. Student t, ν = 1e6).
        let c = a + b
        // Accept the series result while the complement 1 - S keeps enough digits: S <= 0.99
        // normally; S <= 0.9999 when a parameter exceeds 1e4, where the continued fraction
        // itself loses digits (at x ≈ 1 it cancels in 1 + aₘd).
        let cap = max(a, b) > 1e4 ? 0.9999 : 0.99
        if b < a && y < 0.3 && y * c < 40 {
            let upper = Foundation.exp(logPrefix) * betaSeriesSum(b, a, y) / b
            if upper <= cap { return (1 - upper, upper) }
        }
        if a < b && x < 0.3 && x * c < 40 {
            let lower = Foundation.exp(logPrefix) * betaSeriesSum(a, b, x) / a
            if lower <= cap { return (lower, 1 - lower) }
        }
        if x < (a + 1) / (a + b + 2) {
            let lower = Foundation.exp(logPrefix) * betaContinuedFraction(a, b, x, y) / a
            return (lower, 1 - lower)
        } else {
            let upper = Foundation.exp(logPrefix) * betaContinuedFraction(b, a, y, x) / b
            return (1 - upper, upper)
        }
    }

    /// Log of the lower/upper regularised incomplete beta, finite when the value underflows.
    static func logIncompleteBeta(_ x: Double, _ y: Double, _ a: Double, _ b: Double, upperTail: Bool) -> Double {
        if x.isNaN || y.isNaN || a <= 0 || b <= 0 || x < 0 || y < 0 { return .nan }
        if x == 0 { return upperTail ? 0 : -.infinity }
        if y == 0 { return upperTail ? -.infinity : 0 }
        // In the normal range use the value itself (same branch choice as `incompleteBeta`);
        // only when it underflows fall back to the log-domain continued fraction.
        let (lo, up) = incompleteBeta(x, y, a, b)
        let v = upperTail ? up : lo
        if v > 0.5 { return Foundation.log1p(-(upperTail ? lo : up)) }
        if v > 1e-290 { return Foundation.log(v) }
        let logPrefix = logBetaPrefix(a, b, x, y)
        if x < (a + 1) / (a + b + 2) {
            let logLower = logPrefix + Foundation.log(betaContinuedFraction(a, b, x, y) / a)
            return upperTail ? Foundation.log1p(-Foundation.exp(logLower)) : logLower
        } else {
            let logUpper = logPrefix + Foundation.log(betaContinuedFraction(b, a, y, x) / b)
            return upperTail ? logUpper : Foundation.log1p(-Foundation.exp(logUpper))
        }
    }

    /// Σₙ (a+b)ₙ/(a+1)ₙ · xⁿ, so that I_x(a,b) = x^a(1-x)^b/(a·B(a,b)) · Σ (the Gauss
    /// hypergeometric form ₂F₁(a+b, 1; a+1; x), Abramowitz & Stegun 26.5.23 / DLMF 8.17.8).
    /// All terms are positive; used only when (a+b)·x is moderate.
    static func betaSeriesSum(_ a: Double, _ b: Double, _ x: Double) -> Double {
        var term = 1.0, sum = 1.0
        var n = 0.0
        while n < 5000 {
            term *= (a + b + n) / (a + 1 + n) * x
            sum += term
            if term < 1e-17 * sum { break }
            n += 1
        }
        return sum
    }

    /// Continued fraction for the incomplete beta (NR `betacf`), modified Lentz.
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Double {
        let fpmin = Double.leastNormalMagnitude / 2.2e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < fpmin { d = fpmin }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 200_000 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < fpmin { d = fpmin }
            c = 1 + aa / c
            if abs(c) < fpmin { c = fpmin }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < fpmin { d = fpmin }
            c = 1 + aa / c
            if abs(c) < fpmin { c = fpmin }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 2.5e-16 { break }
            m += 1
        }
        return h
    }
}
