import Foundation

/// The event-time curve of a staggered difference-in-differences, theta(e)
/// for a range of event times, with pointwise and uniform (simultaneous)
/// confidence bands.
///
/// The uniform band is theta(e) -/+ c * se(e) with c the `level` quantile of
/// max_e |theta*_b(e)| / se(e) over multiplier-bootstrap draws
/// theta*_b(e) = sum_i v_bi IF_i(e) / n (`did`'s `mboot`, Rademacher weights
/// v = +-1, quantile type 1; se the analytic standard error). The weight of
/// unit i in draw b is bit b of a SplitMix64 stream seeded with
/// `seed` and the unit's stable key, so a unit keeps its weights whatever the
/// order of the units.
public struct StaggeredEventStudy: Sendable, Codable, Equatable {
    /// One event time: its effect (nil when no cohort has it), or the reference period.
    public struct Point: Sendable, Codable, Equatable {
        public var eventTime: Int
        /// True for the base period e = -anticipation - 1 (0 by construction; only with a base window of one period).
        public var isReference: Bool
        public var effect: AggregateEffect?
    }

    public var points: [Point]
    /// The critical value of the uniform band (nil: no draws or no estimated point).
    public var uniformCriticalValue: Double?
    /// Multiplier-bootstrap draws behind the uniform band.
    public var draws: Int
    /// The level of both bands.
    public var level: Double

    /// The uniform band of one point.
    public func uniformInterval(_ p: Point) -> ConfidenceInterval? {
        guard let c = uniformCriticalValue, let e = p.effect else { return nil }
        return .wald(estimate: e.estimate, standardError: e.standardError, criticalValue: c, level: level)
    }
}

extension StaggeredDifferenceInDifferences {
    /// theta(e) for every e in `eventTimes`, with a uniform band from `draws`
    /// multiplier-bootstrap draws (0: none). `keys` holds one stable key per unit.
    /// - Throws: `StatsError` when `keys` does not hold one key per unit or the level is outside (0, 1).
    public func eventStudy(_ eventTimes: ClosedRange<Int>, level: Double = 0.95, draws: Int = 999, seed: UInt64,
                           keys: [UInt64]) throws(StatsError) -> StaggeredEventStudy {
        try Check.level(level)
        try Check.sameLength(panel.units, [("keys", keys.count)])
        var points: [StaggeredEventStudy.Point] = [], influences: [[Double]] = [], ses: [Double] = []
        for e in eventTimes {
            let fit = eventTimeWithInfluence(e)
            points.append(.init(eventTime: e, isReference: baseLength == 1 && e == -anticipation - 1, effect: fit?.effect))
            if let fit, fit.effect.standardError > 0 { influences.append(fit.influence); ses.append(fit.effect.standardError) }
        }
        let c = draws > 0 && !influences.isEmpty
            ? Self.uniformCriticalValue(influences, standardErrors: ses, level: level, draws: draws, seed: seed, keys: keys) : nil
        return StaggeredEventStudy(points: points, uniformCriticalValue: c, draws: c == nil ? 0 : draws, level: level)
    }

    /// The `level` quantile (type 1) of max_e |sum_i v_bi IF_i(e)| / (n se(e)) over `draws` Rademacher draws.
    static func uniformCriticalValue(_ influences: [[Double]], standardErrors: [Double], level: Double, draws: Int, seed: UInt64,
                                     keys: [UInt64]) -> Double {
        let k = influences.count, n = keys.count
        var sums = [Double](repeating: 0, count: draws * k)
        for i in 0..<n {
            var rng = SplitMix64(seed: seed ^ (keys[i] &* 0xD6E8_FEB8_6659_FD93))
            var bits: UInt64 = 0
            for b in 0..<draws {
                if b % 64 == 0 { bits = rng.next() }
                let v: Double = (bits >> UInt64(b % 64)) & 1 == 1 ? 1 : -1
                for j in 0..<k { sums[b * k + j] += v * influences[j][i] }
            }
        }
        var maxima = [Double](repeating: 0, count: draws)
        for b in 0..<draws {
            var m = 0.0
            for j in 0..<k { m = max(m, abs(sums[b * k + j]) / (Double(n) * standardErrors[j])) }
            maxima[b] = m
        }
        maxima.sort()
        let position = Int((level * Double(draws)).rounded(.up)) - 1
        return maxima[min(max(position, 0), draws - 1)]
    }
}
