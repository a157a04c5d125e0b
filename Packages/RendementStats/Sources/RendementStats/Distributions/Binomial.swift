import Foundation

/// Binomial distribution: number of successes in `trials` independent trials with
/// success `probability`.
///
/// `pmf` uses Loader's saddle-point formula (accurate for large `n`, as R `dbinom`);
/// `cdf(k) = I_{1-p}(n-k, k+1)` and `sf(k) = P(X > k) = I_p(k+1, n-k)` are both
/// computed directly. `quantile(p)` is the smallest `k` with `cdf(k) >= p`.
/// Matches `scipy.stats.binom`.
public struct Binomial: Sendable {
    public let trials: Int
    public let probability: Double

    /// Creates Binomial(n, p); `trials >= 0`, `0 <= probability <= 1`.
    public init(trials: Int, probability: Double) {
        self.trials = trials
        self.probability = probability
    }

    private var valid: Bool { trials >= 0 && probability >= 0 && probability <= 1 }

    /// P(X = k).
    public func pmf(_ k: Int) -> Double {
        guard valid else { return .nan }
        if k < 0 || k > trials { return 0 }
        let n = Double(trials), x = Double(k)
        let p = probability, q = 1 - probability
        if p == 0 { return k == 0 ? 1 : 0 }
        if q == 0 { return k == trials ? 1 : 0 }
        if k == 0 { return Foundation.exp(n * Foundation.log1p(-p)) }
        if k == trials { return Foundation.exp(n * Foundation.log(p)) }
        let lc = SpecialFunctions.stirlingError(n) - SpecialFunctions.stirlingError(x)
            - SpecialFunctions.stirlingError(n - x)
            - SpecialFunctions.bd0(x, n * p) - SpecialFunctions.bd0(n - x, n * q)
        let lf = 1.837_877_066_409_345_483_56 + Foundation.log(x) + Foundation.log1p(-x / n)
        return Foundation.exp(lc - 0.5 * lf)
    }

    /// log P(X = k), finite where `pmf` underflows (Loader's saddle-point form).
    public func logPmf(_ k: Int) -> Double {
        guard valid else { return .nan }
        if k < 0 || k > trials { return -.infinity }
        let n = Double(trials), x = Double(k)
        let p = probability, q = 1 - probability
        if p == 0 { return k == 0 ? 0 : -.infinity }
        if q == 0 { return k == trials ? 0 : -.infinity }
        if k == 0 { return n * Foundation.log1p(-p) }
        if k == trials { return n * Foundation.log(p) }
        let lc = SpecialFunctions.stirlingError(n) - SpecialFunctions.stirlingError(x)
            - SpecialFunctions.stirlingError(n - x)
            - SpecialFunctions.bd0(x, n * p) - SpecialFunctions.bd0(n - x, n * q)
        let lf = 1.837_877_066_409_345_483_56 + Foundation.log(x) + Foundation.log1p(-x / n)
        return lc - 0.5 * lf
    }

    /// P(X <= k).
    public func cdf(_ k: Int) -> Double {
        guard valid else { return .nan }
        if k < 0 { return 0 }
        if k >= trials { return 1 }
        if probability == 0 { return 1 }
        if probability == 1 { return 0 }
        return SpecialFunctions.incompleteBeta(1 - probability, probability,
                                               Double(trials - k), Double(k + 1)).lower
    }

    /// P(X > k) (strictly greater, as `scipy.stats.binom.sf`), computed directly.
    public func sf(_ k: Int) -> Double {
        guard valid else { return .nan }
        if k < 0 { return 1 }
        if k >= trials { return 0 }
        if probability == 0 { return 0 }
        if probability == 1 { return 1 }
        return SpecialFunctions.incompleteBeta(1 - probability, probability,
                                               Double(trials - k), Double(k + 1)).upper
    }

    /// Smallest `k` with `cdf(k) >= p` (binary search), as a whole number; NaN
    /// for `p` outside [0, 1] or invalid parameters (as `scipy.stats.binom.ppf`).
    public func quantile(_ p: Double) -> Double {
        guard valid && p >= 0 && p <= 1 else { return .nan }
        if p == 0 { return 0 }  // scipy returns -1 for p == 0; we return the support minimum
        var lo = 0, hi = trials
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if cdf(mid) >= p { hi = mid } else { lo = mid + 1 }
        }
        return Double(lo)
    }
}
