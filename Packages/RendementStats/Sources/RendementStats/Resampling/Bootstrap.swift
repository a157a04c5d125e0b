import Foundation

/// Result of a nonparametric bootstrap.
public struct BootstrapResult: Sendable, Equatable {
    /// Statistic on the original data.
    public let estimate: Double
    /// Standard deviation (ddof = 1) of the bootstrap replicates.
    public let standardError: Double
    /// Percentile interval (Efron 1979).
    public let percentile: ConfidenceInterval
    /// Bias-corrected and accelerated interval (Efron 1987), as `scipy.stats.bootstrap(method="BCa")`.
    public let bca: ConfidenceInterval
    /// Bias-correction constant ẑ₀.
    public let biasCorrection: Double
    /// Acceleration â from the jackknife.
    public let acceleration: Double
    /// The bootstrap replicates, in generation order.
    public let replicates: [Double]
    /// `.tooFewObservations` for empty data (every figure NaN, no replicates).
    public let degeneracy: Degeneracy?
}

/// Nonparametric bootstrap with percentile and BCa intervals and optional cluster resampling.
///
/// ```swift
/// let r = try Bootstrap.run(differences, resamples: 2000, seed: 42) { Descriptives.mean($0) }
/// print(r.estimate, r.bca)
/// ```
public enum Bootstrap {

    /// Bootstraps `statistic` over `data` with `resamples` replicates drawn by a
    /// `SeededGenerator(seed:)` (reproducible on every platform).
    ///
    /// - clusters: optional cluster label per observation. When given, whole clusters are
    ///   resampled with replacement (the resample concatenates the members of the drawn
    ///   clusters, in draw order), and the BCa jackknife leaves out one cluster at a time.
    /// - Intervals: see `percentileInterval` and `bcaInterval`.
    ///
    /// - Parameters:
    ///   - data: the observations.
    ///   - resamples: number of replicates (>= 2).
    ///   - confidenceLevel: level of the intervals, in (0, 1).
    ///   - seed: the generator's seed.
    ///   - clusters: one cluster label per observation, for cluster resampling.
    ///   - statistic: the statistic of a sample.
    /// - Returns: the estimate, SE and intervals; `degeneracy == .tooFewObservations` for no data.
    /// - Throws: `StatsError` for fewer than two resamples, an invalid level or a cluster
    ///   label count that differs from the data.
    public static func run<T>(_ data: [T], resamples: Int = 9999, confidenceLevel: Double = 0.95, seed: UInt64,
                              clusters: [Int]? = nil, statistic: ([T]) -> Double) throws(StatsError) -> BootstrapResult {
        guard resamples > 1 else { throw .invalidValue("\(resamples) resamples; at least 2 are needed") }
        try Check.level(confidenceLevel)
        try Check.sameLength(data.count, [("clusters", clusters?.count)])
        guard !data.isEmpty else {
            return BootstrapResult(estimate: .nan, standardError: .nan, percentile: .undefined(level: confidenceLevel),
                                   bca: .undefined(level: confidenceLevel), biasCorrection: .nan, acceleration: .nan, replicates: [],
                                   degeneracy: .tooFewObservations)
        }
        var rng = SeededGenerator(seed: seed)
        let estimate = statistic(data)
        var reps = [Double]()
        reps.reserveCapacity(resamples)
        var jack = [Double]()
        if let clusters {
            var groups = [Int: [Int]]()
            var labels = [Int]()
            for (i, c) in clusters.enumerated() {
                if groups[c] == nil { labels.append(c); groups[c] = [] }
                groups[c]!.append(i)
            }
            let members = labels.map { groups[$0]! }
            let g = members.count
            for _ in 0..<resamples {
                var sample = [T]()
                for _ in 0..<g {
                    for i in members[rng.nextInt(below: g)] { sample.append(data[i]) }
                }
                reps.append(statistic(sample))
            }
            for leave in 0..<g {
                var sample = [T]()
                for (j, m) in members.enumerated() where j != leave { for i in m { sample.append(data[i]) } }
                jack.append(statistic(sample))
            }
        } else {
            let n = data.count
            for _ in 0..<resamples {
                var sample = [T]()
                sample.reserveCapacity(n)
                for _ in 0..<n { sample.append(data[rng.nextInt(below: n)]) }
                reps.append(statistic(sample))
            }
            for leave in 0..<n {
                var sample = data
                sample.remove(at: leave)
                jack.append(statistic(sample))
            }
        }
        let pct = percentileInterval(replicates: reps, confidenceLevel: confidenceLevel)
        let (bca, z0, a) = bcaInterval(estimate: estimate, replicates: reps, jackknife: jack,
                                       confidenceLevel: confidenceLevel)
        return BootstrapResult(estimate: estimate, standardError: Descriptives.standardDeviation(reps),
                               percentile: pct, bca: bca, biasCorrection: z0, acceleration: a, replicates: reps,
                               degeneracy: nil)
    }

    /// Percentile interval: type-7 quantiles of the replicates at α/2 and 1-α/2
    /// (`numpy.percentile`, as `scipy.stats.bootstrap(method="percentile")`).
    public static func percentileInterval(replicates: [Double], confidenceLevel: Double = 0.95) -> ConfidenceInterval {
        let alpha = (1 - confidenceLevel) / 2
        let q = Descriptives.quantiles(replicates, [alpha, 1 - alpha])
        return ConfidenceInterval(lower: q[0], upper: q[1], level: confidenceLevel)
    }

    /// BCa interval from given replicates and jackknife values, exactly as scipy's `_bca_interval`:
    /// ẑ₀ = Φ⁻¹((#{θ*<θ̂} + #{θ*<=θ̂}) / (2B));
    /// â = Σ U³ / (6 (Σ U²)^{3/2}) with Uᵢ = (n-1)(θ̄₍.₎ - θ̂₍ᵢ₎) (the (n-1) factors cancel);
    /// α₁ = Φ(ẑ₀ + (ẑ₀+z_{α/2})/(1-â(ẑ₀+z_{α/2}))), α₂ likewise with z_{1-α/2};
    /// interval = type-7 quantiles of the replicates at α₁, α₂.
    /// Returns (interval, ẑ₀, â). NaN bounds when ẑ₀ is infinite (all replicates on one side).
    public static func bcaInterval(estimate: Double, replicates: [Double], jackknife: [Double],
                                   confidenceLevel: Double = 0.95) -> (ConfidenceInterval, Double, Double) {
        let b = Double(replicates.count)
        var below = 0, belowEq = 0
        for r in replicates {
            if r < estimate { below += 1 }
            if r <= estimate { belowEq += 1 }
        }
        let z0 = Normal.standard.quantile(Double(below + belowEq) / (2 * b))
        let jm = Descriptives.mean(jackknife)
        var s2 = 0.0, s3 = 0.0
        for v in jackknife { let u = jm - v; s2 += u * u; s3 += u * u * u }
        let a = s3 / (6 * Foundation.pow(s2, 1.5))
        let alpha = (1 - confidenceLevel) / 2
        let zA = Normal.standard.quantile(alpha)
        let n1 = z0 + zA, n2 = z0 - zA
        let a1 = Normal.standard.cdf(z0 + n1 / (1 - a * n1))
        let a2 = Normal.standard.cdf(z0 + n2 / (1 - a * n2))
        guard a1.isFinite && a2.isFinite else {
            return (ConfidenceInterval(lower: .nan, upper: .nan, level: confidenceLevel), z0, a)
        }
        let q = Descriptives.quantiles(replicates, [a1, a2])
        return (ConfidenceInterval(lower: q[0], upper: q[1], level: confidenceLevel), z0, a)
    }
}
