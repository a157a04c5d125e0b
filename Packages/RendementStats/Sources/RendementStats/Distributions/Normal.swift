import Foundation

/// Normal (Gaussian) distribution with the given mean and standard deviation.
///
/// `cdf`/`sf` use the complementary error function directly in each tail
/// (`Φ(z) = ½·erfc(-z/√2)`), so `sf(37)` ≈ 5.7e-300 keeps full relative accuracy.
/// `quantile` is Wichura's AS 241 (PPND16, ~1e-16 relative) followed by one Halley
/// refinement step. Matches `scipy.stats.norm`.
public struct Normal: Sendable {
    public let mean: Double
    public let sd: Double

    /// The standard normal distribution N(0, 1).
    public static let standard = Normal()

    /// Creates N(mean, sd²). `sd` must be positive; otherwise every function returns NaN.
    public init(mean: Double = 0, sd: Double = 1) {
        self.mean = mean
        self.sd = sd
    }

    private var valid: Bool { sd > 0 && sd.isFinite && mean.isFinite }

    /// Probability density at `x`.
    public func pdf(_ x: Double) -> Double {
        guard valid else { return .nan }
        let z = (x - mean) / sd
        return Foundation.exp(-0.5 * z * z) / (sd * 2.506_628_274_631_000_502_42)
    }

    /// Log density at `x`.
    public func logpdf(_ x: Double) -> Double {
        guard valid else { return .nan }
        let z = (x - mean) / sd
        return -0.5 * z * z - Foundation.log(sd) - 0.918_938_533_204_672_741_78
    }

    /// P(X <= x).
    public func cdf(_ x: Double) -> Double {
        guard valid else { return .nan }
        return Normal.standardCDF((x - mean) / sd)
    }

    /// P(X > x), computed directly in the upper tail (not `1 - cdf`).
    public func sf(_ x: Double) -> Double {
        guard valid else { return .nan }
        return Normal.standardCDF(-(x - mean) / sd)
    }

    /// log P(X <= x); finite for arbitrarily small probabilities.
    public func logcdf(_ x: Double) -> Double {
        guard valid else { return .nan }
        return Normal.standardLogCDF((x - mean) / sd)
    }

    /// log P(X > x); finite for arbitrarily small probabilities.
    public func logsf(_ x: Double) -> Double {
        guard valid else { return .nan }
        return Normal.standardLogCDF(-(x - mean) / sd)
    }

    /// Quantile function (inverse cdf): the `x` with P(X <= x) = p.
    public func quantile(_ p: Double) -> Double {
        guard valid else { return .nan }
        return mean + sd * Normal.standardQuantile(p)
    }

    /// Inverse survival function: the `x` with P(X > x) = q (accurate for tiny `q`).
    public func inverseSurvival(_ q: Double) -> Double {
        guard valid else { return .nan }
        return mean - sd * Normal.standardQuantile(q)
    }

    // MARK: standard normal kernels

    static func standardCDF(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        return 0.5 * Foundation.erfc(-z * 0.707_106_781_186_547_524_40)
    }

    static func standardLogCDF(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z > -30 {
            let c = standardCDF(z)
            return z > 0 ? Foundation.log1p(-standardCDF(-z)) : Foundation.log(c)
        }
        // Asymptotic (Mills ratio) expansion: Φ(z) = φ(z)/|z| · Σ (-1)^k (2k-1)!! / z^{2k}
        let x = -z
        let x2 = x * x
        var term = 1.0, sum = 1.0
        var k = 1.0
        while k < 20 {
            term *= -(2 * k - 1) / x2
            if abs(term) < 1e-17 { break }
            sum += term
            k += 1
        }
        return -0.5 * x2 - Foundation.log(x) - 0.918_938_533_204_672_741_78 + Foundation.log(sum)
    }

    /// Wichura (1988), Algorithm AS 241 PPND16, plus one Halley step on the tail.
    static func standardQuantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        var x: Double
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1.0)
            x = q * num / den
        } else {
            var r = q < 0 ? p : 1 - p
            r = Foundation.sqrt(-Foundation.log(r))
            if r <= 5 {
                r -= 1.6
                let num = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
                let den = (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1.0)
                x = num / den
            } else {
                r -= 5
                let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
                let den = (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1.0)
                x = num / den
            }
            if q < 0 { x = -x }
        }
        // One Halley step on the smaller tail (skipped where the density underflows).
        let tail = min(p, 1 - p)
        if tail > 1e-300 {
            let z = p < 0.5 ? x : -x         // z < 0 is the lower-tail point
            let e = standardCDF(z) - tail
            let u = e * 2.506_628_274_631_000_502_42 * Foundation.exp(0.5 * z * z)
            if u.isFinite {
                let zNew = z - u / (1 + 0.5 * z * u)
                x = p < 0.5 ? zNew : -zNew
            }
        }
        return x
    }
}
