import Foundation

/// Descriptive statistics on arrays of `Double`: mean, variance, standard deviation,
/// quantiles (numpy's default "linear" rule), median, and weighted versions.
///
/// Empty input (or too few observations for the requested `ddof`) returns NaN;
/// NaN values propagate (no NaN skipping), as numpy does.
public enum Descriptives {

    /// Arithmetic mean, two-pass (sum, then a correction pass) for accuracy. Matches `numpy.mean`.
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        let n = Double(x.count)
        var s = 0.0
        for v in x { s += v }
        let m = s / n
        guard m.isFinite else { return m }
        var c = 0.0
        for v in x { c += v - m }
        return m + c / n
    }

    /// Variance `Σ(x-x̄)²/(n - ddof)`. Default `ddof = 1` (sample variance, as R `var`,
    /// pandas); pass `ddof: 0` for `numpy.var`'s default. NaN when `n - ddof <= 0`.
    public static func variance(_ x: [Double], ddof: Int = 1) -> Double {
        let n = x.count
        guard n - ddof > 0 else { return .nan }
        let m = mean(x)
        var ss = 0.0, comp = 0.0
        for v in x { let d = v - m; ss += d * d; comp += d }
        // corrected two-pass algorithm (Chan, Golub & LeVeque 1983)
        return (ss - comp * comp / Double(n)) / Double(n - ddof)
    }

    /// Standard deviation `sqrt(variance(x, ddof:))`. Default `ddof = 1`.
    public static func standardDeviation(_ x: [Double], ddof: Int = 1) -> Double {
        Foundation.sqrt(variance(x, ddof: ddof))
    }

    /// Sample quantile by linear interpolation between order statistics (Hyndman & Fan
    /// type 7; `numpy.quantile(method="linear")`, the numpy and R default):
    /// `h = (n-1)p`, `Q = x₍⌊h⌋₎ + (h-⌊h⌋)(x₍⌊h⌋+1₎ - x₍⌊h⌋₎)`, using numpy's
    /// two-sided lerp so the result is bit-compatible in most cases. `p` in [0, 1].
    public static func quantile(_ x: [Double], _ p: Double) -> Double {
        quantiles(x, [p])[0]
    }

    /// Several type-7 quantiles sharing one sort.
    public static func quantiles(_ x: [Double], _ ps: [Double]) -> [Double] {
        guard !x.isEmpty else { return ps.map { _ in .nan } }
        if x.contains(where: { $0.isNaN }) { return ps.map { _ in .nan } }
        let s = x.sorted()
        let n = s.count
        return ps.map { p in
            guard p >= 0 && p <= 1 else { return .nan }
            let h = Double(n - 1) * p
            let lo = Int(h.rounded(.down))
            if lo >= n - 1 { return s[n - 1] }
            let t = h - Double(lo)
            let a = s[lo], b = s[lo + 1]
            let diff = b - a
            return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
        }
    }

    /// Median (type-7 quantile at ½, i.e. the average of the two middle values for even n).
    public static func median(_ x: [Double]) -> Double { quantile(x, 0.5) }

    /// Weighted mean `Σwᵢxᵢ / Σwᵢ` (`numpy.average(x, weights=w)`). NaN if the
    /// weights sum to zero or the lengths differ.
    public static func weightedMean(_ x: [Double], weights w: [Double]) -> Double {
        guard x.count == w.count, !x.isEmpty else { return .nan }
        var sw = 0.0, swx = 0.0
        for i in x.indices { sw += w[i]; swx += w[i] * x[i] }
        guard sw != 0 else { return .nan }
        let m = swx / sw
        var c = 0.0
        for i in x.indices { c += w[i] * (x[i] - m) }
        return m + c / sw
    }

    /// Which denominator a weighted variance uses.
    public enum WeightKind: Sendable {
        /// `Σw(x-x̄)² / Σw` — weights as probabilities; `statsmodels DescrStatsW(x, w).var` (ddof=0).
        case population
        /// Frequency (count) weights: `Σw(x-x̄)² / (Σw - 1)`; `DescrStatsW(x, w, ddof=1).var`
        /// (equals the ordinary sample variance of the data with each xᵢ repeated wᵢ times).
        case frequency
        /// Reliability ("analytic") weights: `Σw(x-x̄)² / (Σw - Σw²/Σw)`;
        /// `numpy.cov(x, aweights=w)` (unbiased for heteroscedastic weights normalised arbitrarily).
        case reliability
    }

    /// Weighted variance with the denominator chosen by `kind` (see `WeightKind`);
    /// the mean is the weighted mean. NaN when the denominator is not positive.
    public static func weightedVariance(_ x: [Double], weights w: [Double], kind: WeightKind = .reliability) -> Double {
        guard x.count == w.count, !x.isEmpty else { return .nan }
        let m = weightedMean(x, weights: w)
        var sw = 0.0, sw2 = 0.0, ss = 0.0
        for i in x.indices {
            sw += w[i]; sw2 += w[i] * w[i]
            let d = x[i] - m
            ss += w[i] * d * d
        }
        let denom: Double
        switch kind {
        case .population: denom = sw
        case .frequency: denom = sw - 1
        case .reliability: denom = sw - sw2 / sw
        }
        guard denom > 0 else { return .nan }
        return ss / denom
    }

    /// Weighted quantile by inverting the weighted empirical cdf: the smallest sorted
    /// `xᵢ` whose cumulative weight share `Σ_{j<=i} w₍ⱼ₎ / Σw` is `>= p`.
    /// Matches `numpy.quantile(x, p, weights=w, method="inverted_cdf")` (numpy >= 2.0);
    /// with equal weights this is Hyndman & Fan type 1. Weights must be non-negative.
    public static func weightedQuantile(_ x: [Double], weights w: [Double], _ p: Double) -> Double {
        guard x.count == w.count, !x.isEmpty, p >= 0, p <= 1 else { return .nan }
        if x.contains(where: { $0.isNaN }) || w.contains(where: { $0 < 0 || $0.isNaN }) { return .nan }
        let order = x.indices.sorted { x[$0] < x[$1] }
        var cum = [Double](); cum.reserveCapacity(x.count)
        var s = 0.0
        for i in order { s += w[i]; cum.append(s) }
        guard s > 0 else { return .nan }
        // numpy: cdf = cumsum / total; searchsorted(cdf, p, side="left")
        // (numpy treats leading zero-weight entries as below every p, including p = 0)
        for (k, c) in cum.enumerated() where c > 0 && c / s >= p {
            return x[order[k]]
        }
        return x[order[order.count - 1]]
    }
}
