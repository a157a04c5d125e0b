import Foundation

/// Poisson distribution with the given mean μ > 0.
///
/// `pmf` uses Loader's saddle-point formula (R `dpois`); `cdf(k) = Q(k+1, μ)` and
/// `sf(k) = P(X > k) = P(k+1, μ)` (regularised incomplete gamma), each computed
/// directly. `quantile(p)` is the smallest `k` with `cdf(k) >= p`.
/// Matches `scipy.stats.poisson`.
public struct Poisson: Sendable {
    public let mean: Double

    /// Creates Poisson(μ); `mean` must be non-negative and finite.
    public init(mean: Double) {
        self.mean = mean
    }

    private var valid: Bool { mean >= 0 && mean.isFinite }

    /// P(X = k).
    public func pmf(_ k: Int) -> Double {
        guard valid else { return .nan }
        if k < 0 { return 0 }
        if mean == 0 { return k == 0 ? 1 : 0 }
        if k == 0 { return Foundation.exp(-mean) }
        let x = Double(k)
        return Foundation.exp(-SpecialFunctions.stirlingError(x) - SpecialFunctions.bd0(x, mean))
            / Foundation.sqrt(6.283_185_307_179_586_476_93 * x)
    }

    /// P(X <= k).
    public func cdf(_ k: Int) -> Double {
        guard valid else { return .nan }
        if k < 0 { return 0 }
        if mean == 0 { return 1 }
        return SpecialFunctions.regularizedGammaQ(Double(k) + 1, mean)
    }

    /// P(X > k) (strictly greater, as `scipy.stats.poisson.sf`), computed directly.
    public func sf(_ k: Int) -> Double {
        guard valid else { return .nan }
        if k < 0 { return 1 }
        if mean == 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(Double(k) + 1, mean)
    }

    /// Smallest `k` with `cdf(k) >= p`, as a whole number; infinity for p == 1
    /// and NaN for `p` outside [0, 1] or an invalid mean (as `scipy.stats.poisson.ppf`).
    public func quantile(_ p: Double) -> Double {
        guard valid && p >= 0 && p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        var hi = max(1, Int(mean + 10 * Foundation.sqrt(mean) + 10))
        while cdf(hi) < p { hi *= 2 }
        var lo = 0
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if cdf(mid) >= p { hi = mid } else { lo = mid + 1 }
        }
        return Double(lo)
    }
}
