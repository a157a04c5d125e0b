import Foundation

/// The Kaplan-Meier product-limit estimate of a survival function, with
/// optional case weights, Greenwood variance, pointwise confidence intervals
/// (transform chosen when asked) and survival quantiles, matching R
/// `survival::survfit(Surv(time, event) ~ 1, weights = w, conf.type = ...)`
/// (Therneau, survival 3.5) and lifelines `KaplanMeierFitter(...).fit(...,
/// weights = w)`.
///
/// One row per distinct observed time (event or censoring), as R's survfit.
/// With weights, the numbers at risk and of events are sums of weights; the
/// Greenwood sum sum_{t_j <= t} d_j / (n_j (n_j - d_j)) over those weighted
/// counts is R's `std.err^2` (the variance of log S); var S = S^2 * that sum
/// (Greenwood 1926). Bounds that R reports as NA are NaN here.
///
/// ```swift
/// let km = try KaplanMeier(times: [3, 5, 5, 8, 12], events: [true, true, false, true, false])
/// km.survival(at: 6)                                        // 0.6
/// km.confidenceInterval(at: 6, transform: .logLog)          // lifelines' default interval
/// km.subjectsAtRisk(justBefore: 5)                          // 4
/// km.median().estimate                                      // 8
/// ```
public struct KaplanMeier: Sendable, Equatable {
    /// How pointwise confidence intervals are formed (R `conf.type`).
    public enum ConfidenceTransform: String, Sendable, Equatable, Codable, CaseIterable {
        /// exp(log S -/+ z se), upper capped at 1 (R's default `conf.type="log"`).
        case log
        /// exp(-exp(log(-log S) -/+ z se / log S)) (R `"log-log"`; lifelines'
        /// default "exponential Greenwood"). NaN where S is 0 or 1.
        case logLog = "log-log"
        /// S -/+ z S se clipped to [0, 1] (R `"plain"`).
        case plain
    }

    /// Distinct observed times, ascending.
    public let times: [Double]
    /// Number at risk just before each time (sum of weights; a count without weights).
    public let atRisk: [Double]
    /// Events at each time (sum of weights).
    public let events: [Double]
    /// Censorings at each time (sum of weights).
    public let censored: [Double]
    /// Subjects (unweighted) at risk just before each time.
    public let subjectsAtRisk: [Int]
    /// Subjects (unweighted) with an event at each time.
    public let subjectEvents: [Int]
    /// S(t) at each time.
    public let survival: [Double]
    /// Greenwood sum sum d/(n(n-d)) up to each time (R `std.err^2`); +inf once
    /// everybody at risk has had the event.
    public let greenwoodSum: [Double]
    /// `.tooFewObservations` when there are no observations (or all weights are zero):
    /// the arrays are empty and every query answers NaN.
    public let degeneracy: Degeneracy?

    /// Estimates the curve.
    ///
    /// - Parameters:
    ///   - t: observed times (event or censoring), non-negative and finite.
    ///   - e: true for an event, false for a censored time.
    ///   - weights: case weights (non-negative; default 1 each), e.g. 1/k for each of k
    ///     matched controls.
    /// - Returns: the curve; with `degeneracy == .tooFewObservations` when empty.
    /// - Throws: `StatsError` for arrays of different lengths, an invalid time or weight.
    public init(times t: [Double], events e: [Bool], weights: [Double]? = nil) throws(StatsError) {
        try Check.sameLength(t.count, [("events", e.count), ("weights", weights?.count)])
        try Check.times(t)
        try Check.weights(weights)
        let w = weights ?? [Double](repeating: 1, count: t.count)
        let order = t.indices.filter { w[$0] > 0 }.sorted { t[$0] < t[$1] }
        var times: [Double] = [], atRisk: [Double] = [], events: [Double] = [], censored: [Double] = []
        var subjects: [Int] = [], subjectEvents: [Int] = []
        var n = order.reduce(0.0) { $0 + w[$1] }, count = order.count
        var k = 0
        while k < order.count {
            let time = t[order[k]]
            var d = 0.0, c = 0.0, dCount = 0, seen = 0
            while k < order.count && t[order[k]] == time {
                if e[order[k]] { d += w[order[k]]; dCount += 1 } else { c += w[order[k]] }
                k += 1; seen += 1
            }
            times.append(time); atRisk.append(n); events.append(d); censored.append(c)
            subjects.append(count); subjectEvents.append(dCount)
            n -= d + c; count -= seen
        }
        var s = 1.0, g = 0.0
        var surv: [Double] = [], gw: [Double] = []
        for j in times.indices {
            let nj = atRisk[j], dj = events[j]
            if dj > 0 {
                s *= 1 - dj / nj
                g += nj > dj ? dj / (nj * (nj - dj)) : .infinity
            }
            surv.append(s); gw.append(g)
        }
        self.times = times; self.atRisk = atRisk; self.events = events; self.censored = censored
        self.subjectsAtRisk = subjects; self.subjectEvents = subjectEvents
        self.survival = surv; self.greenwoodSum = gw
        self.degeneracy = times.isEmpty ? .tooFewObservations : nil
    }

    /// Greenwood variance of S(t): S^2 * greenwoodSum (Greenwood 1926); NaN where S = 0.
    public var greenwoodVariance: [Double] {
        zip(survival, greenwoodSum).map { s, g in s == 0 ? .nan : s * s * g }
    }

    /// Greenwood standard error of S(t): S * sqrt(greenwoodSum).
    public var standardErrors: [Double] {
        zip(survival, greenwoodSum).map { s, g in s == 0 ? .nan : s * g.squareRoot() }
    }

    /// Pointwise confidence intervals at every time of `times`.
    ///
    /// - Parameters:
    ///   - transform: how the interval is formed (R `conf.type`; default R's "log").
    ///   - level: the confidence level.
    /// - Returns: one interval per time (NaN bounds where R reports NA).
    public func confidenceIntervals(transform: ConfidenceTransform = .log, level: Double = 0.95) -> [ConfidenceInterval] {
        let z = Normal.standard.quantile(1 - (1 - level) / 2)
        return times.indices.map { j in
            KaplanMeier.bounds(s: survival[j], se: greenwoodSum[j].squareRoot(), z: z, transform: transform, level: level)
        }
    }

    /// Pointwise bounds as R survival's `survfit_confint` (logse = TRUE).
    static func bounds(s: Double, se: Double, z: Double, transform: ConfidenceTransform, level: Double) -> ConfidenceInterval {
        switch transform {
        case .plain:
            let w = se.isFinite ? z * se * s : (s == 0 ? Double.nan : .infinity)
            return ConfidenceInterval(lower: max(s - w, 0).nanIfNaN(s - w), upper: min(s + w, 1).nanIfNaN(s + w), level: level)
        case .log:
            guard s > 0 else { return .undefined(level: level) }
            let ls = Foundation.log(s)
            return ConfidenceInterval(lower: Foundation.exp(ls - z * se), upper: min(Foundation.exp(ls + z * se), 1), level: level)
        case .logLog:
            guard s > 0 && s < 1 else { return .undefined(level: level) }
            let ls = Foundation.log(s)
            let w = z * se / ls
            let c = Foundation.log(-ls)
            return ConfidenceInterval(lower: Foundation.exp(-Foundation.exp(c - w)), upper: Foundation.exp(-Foundation.exp(c + w)), level: level)
        }
    }

    /// The index of the last time <= t, or nil before the first time.
    func lastIndex(atOrBefore t: Double) -> Int? {
        var lo = 0, hi = times.count
        while lo < hi { let mid = (lo + hi) / 2; if times[mid] <= t { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? nil : lo - 1
    }

    /// S(t) as a right-continuous step function (1 before the first time; NaN
    /// when `degeneracy` is set).
    public func survival(at t: Double) -> Double {
        guard degeneracy == nil else { return .nan }
        return lastIndex(atOrBefore: t).map { survival[$0] } ?? 1
    }

    /// The pointwise confidence interval of S(t) at any time t (that of the last
    /// step at or before t; [1, 1] before the first time, as R's `summary(fit, times =)`).
    ///
    /// - Parameters:
    ///   - t: the time.
    ///   - transform: how the interval is formed.
    ///   - level: the confidence level.
    public func confidenceInterval(at t: Double, transform: ConfidenceTransform = .log, level: Double = 0.95) -> ConfidenceInterval {
        guard degeneracy == nil else { return .undefined(level: level) }
        guard let j = lastIndex(atOrBefore: t) else { return ConfidenceInterval(lower: 1, upper: 1, level: level) }
        let z = Normal.standard.quantile(1 - (1 - level) / 2)
        return KaplanMeier.bounds(s: survival[j], se: greenwoodSum[j].squareRoot(), z: z, transform: transform, level: level)
    }

    /// The weighted number at risk just before `t`: the total weight of subjects whose
    /// observed time is t or later (R's `n.risk` of `summary(fit, times = t)`).
    public func numberAtRisk(justBefore t: Double) -> Double {
        firstIndex(atOrAfter: t).map { atRisk[$0] } ?? 0
    }

    /// The number of subjects (unweighted) at risk just before `t`: those whose observed
    /// time is t or later.
    public func subjectsAtRisk(justBefore t: Double) -> Int {
        firstIndex(atOrAfter: t).map { subjectsAtRisk[$0] } ?? 0
    }

    /// The number of subjects (unweighted) with an event at or before `t`.
    public func subjectEvents(through t: Double) -> Int {
        guard let j = lastIndex(atOrBefore: t) else { return 0 }
        return subjectEvents[0...j].reduce(0, +)
    }

    /// The weighted number of events at or before `t`.
    public func cumulativeEvents(through t: Double) -> Double {
        guard let j = lastIndex(atOrBefore: t) else { return 0 }
        return events[0...j].reduce(0, +)
    }

    func firstIndex(atOrAfter t: Double) -> Int? {
        var lo = 0, hi = times.count
        while lo < hi { let mid = (lo + hi) / 2; if times[mid] < t { lo = mid + 1 } else { hi = mid } }
        return lo < times.count ? lo : nil
    }

    /// A quantile of the survival time with confidence limits, by R's rule
    /// (survival:::quantile.survfit / findq): the first time at which the curve
    /// (or the lower/upper confidence curve) drops to 1 - p or below; when the
    /// curve equals 1 - p exactly (within sqrt(machine epsilon)) over an
    /// interval, the midpoint of that interval. NaN where R reports NA.
    ///
    /// - Parameters:
    ///   - p: the probability, e.g. 0.5 for the median.
    ///   - transform: the transform of the confidence curves.
    ///   - level: the confidence level.
    /// - Returns: the time and its interval.
    public func quantile(_ p: Double = 0.5, transform: ConfidenceTransform = .log, level: Double = 0.95) -> SurvivalQuantile {
        let ci = confidenceIntervals(transform: transform, level: level)
        func find(_ s: [Double]) -> Double { KaplanMeier.findQuantile(times: times, survival: s, p: p) ?? .nan }
        return SurvivalQuantile(probability: p, estimate: find(survival),
                                confidenceInterval: ConfidenceInterval(lower: find(ci.map(\.lower)), upper: find(ci.map(\.upper)), level: level))
    }

    /// Median survival time with its confidence limits (`quantile(0.5)`).
    public func median(transform: ConfidenceTransform = .log, level: Double = 0.95) -> SurvivalQuantile {
        quantile(0.5, transform: transform, level: level)
    }
}

/// A quantile of a survival time (e.g. the median) with its confidence
/// interval; NaN where the curve, or a confidence curve, never reaches 1 - p.
public struct SurvivalQuantile: Sendable, Equatable {
    /// The probability p (0.5 for the median).
    public let probability: Double
    /// The time by which a share p has had the event.
    public let estimate: Double
    /// Its confidence interval (from the confidence curves, R's rule).
    public let confidenceInterval: ConfidenceInterval
}

extension Double {
    fileprivate func nanIfNaN(_ probe: Double) -> Double { probe.isNaN ? .nan : self }
}
