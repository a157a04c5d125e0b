import Foundation

/// The Kaplan-Meier product-limit estimate of a survival function with
/// Greenwood variance, pointwise confidence intervals and median survival,
/// matching R `survival::survfit(Surv(time, event) ~ 1, conf.type = ...)`
/// (Therneau, survival 3.5) and lifelines `KaplanMeierFitter`.
///
/// One row per distinct observed time (event or censoring), as R's survfit.
/// The Greenwood sum sum_{t_j <= t} d_j / (n_j (n_j - d_j)) is R's
/// `std.err^2` (the variance of log S); var S = S^2 * that sum
/// (Greenwood 1926). Bounds that R reports as NA are NaN here.
public struct KaplanMeier: Sendable {
    /// How pointwise confidence intervals are formed (R `conf.type`).
    public enum ConfidenceTransform: Sendable, Equatable {
        /// exp(log S -/+ z se), upper capped at 1 (R's default `conf.type="log"`).
        case log
        /// exp(-exp(log(-log S) -/+ z se / log S)) (R `"log-log"`; lifelines'
        /// default "exponential Greenwood"). NaN where S is 0 or 1.
        case logLog
        /// S -/+ z S se clipped to [0, 1] (R `"plain"`).
        case plain
    }

    /// Distinct observed times, ascending.
    public let times: [Double]
    /// Number at risk just before each time.
    public let atRisk: [Int]
    /// Events at each time.
    public let events: [Int]
    /// Censorings at each time.
    public let censored: [Int]
    /// S(t) at each time.
    public let survival: [Double]
    /// Greenwood sum sum d/(n(n-d)) up to each time (R `std.err^2`); +inf once
    /// everybody at risk has had the event.
    public let greenwoodSum: [Double]
    /// Transform used for the bounds.
    public let transform: ConfidenceTransform
    /// Confidence level of the bounds.
    public let level: Double
    /// Lower pointwise bound (NaN where undefined, as R's NA).
    public let lower: [Double]
    /// Upper pointwise bound.
    public let upper: [Double]

    /// Greenwood variance of S(t): S^2 * greenwoodSum (Greenwood 1926); NaN where S = 0.
    public var greenwoodVariance: [Double] {
        zip(survival, greenwoodSum).map { s, g in s == 0 ? .nan : s * s * g }
    }

    /// Greenwood standard error of S(t): S * sqrt(greenwoodSum).
    public var standardErrors: [Double] {
        zip(survival, greenwoodSum).map { s, g in s == 0 ? .nan : s * g.squareRoot() }
    }

    /// Estimates the curve. `events[i]` is true for an event, false for a
    /// censored time.
    public init(times t: [Double], events e: [Bool], transform: ConfidenceTransform = .log, level: Double = 0.95) throws {
        guard t.count == e.count else { throw SurvivalError.dimensionMismatch("\(t.count) times, \(e.count) event flags") }
        guard !t.isEmpty else { throw SurvivalError.dimensionMismatch("no observations") }
        if let bad = t.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) { throw SurvivalError.invalidTime(index: bad, value: t[bad]) }
        let order = t.indices.sorted { t[$0] < t[$1] }
        var times: [Double] = [], atRisk: [Int] = [], events: [Int] = [], censored: [Int] = []
        var n = t.count
        var k = 0
        while k < order.count {
            let time = t[order[k]]
            var d = 0, c = 0
            while k < order.count && t[order[k]] == time {
                if e[order[k]] { d += 1 } else { c += 1 }
                k += 1
            }
            times.append(time); atRisk.append(n); events.append(d); censored.append(c)
            n -= d + c
        }
        var s = 1.0, g = 0.0
        var surv: [Double] = [], gw: [Double] = []
        for j in times.indices {
            let nj = Double(atRisk[j]), dj = Double(events[j])
            if dj > 0 {
                s *= 1 - dj / nj
                g += nj > dj ? dj / (nj * (nj - dj)) : .infinity
            }
            surv.append(s); gw.append(g)
        }
        let z = Normal.standard.quantile(1 - (1 - level) / 2)
        var lo: [Double] = [], up: [Double] = []
        for j in times.indices {
            let (l, u) = KaplanMeier.bounds(s: surv[j], se: gw[j].squareRoot(), z: z, transform: transform)
            lo.append(l); up.append(u)
        }
        self.times = times; self.atRisk = atRisk; self.events = events; self.censored = censored
        self.survival = surv; self.greenwoodSum = gw; self.transform = transform; self.level = level
        self.lower = lo; self.upper = up
    }

    /// Pointwise bounds as R survival's `survfit_confint` (logse = TRUE).
    static func bounds(s: Double, se: Double, z: Double, transform: ConfidenceTransform) -> (Double, Double) {
        switch transform {
        case .plain:
            let w = se.isFinite ? z * se * s : (s == 0 ? Double.nan : .infinity)
            return (max(s - w, 0).nanIfNaN(s - w), min(s + w, 1).nanIfNaN(s + w))
        case .log:
            guard s > 0 else { return (.nan, .nan) }
            let ls = Foundation.log(s)
            return (Foundation.exp(ls - z * se), min(Foundation.exp(ls + z * se), 1))
        case .logLog:
            guard s > 0 && s < 1 else { return (.nan, .nan) }
            let ls = Foundation.log(s)
            let w = z * se / ls
            let c = Foundation.log(-ls)
            return (Foundation.exp(-Foundation.exp(c - w)), Foundation.exp(-Foundation.exp(c + w)))
        }
    }

    /// S(t) as a right-continuous step function (1 before the first time).
    public func survival(at t: Double) -> Double {
        // Binary search for the last time <= t.
        var lo = 0, hi = times.count
        while lo < hi { let mid = (lo + hi) / 2; if times[mid] <= t { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? 1 : survival[lo - 1]
    }

    /// A quantile of the survival time with confidence limits, by R's rule
    /// (survival:::quantile.survfit / findq): the first time at which the curve
    /// (or the lower/upper confidence curve) drops to 1 - p or below; when the
    /// curve equals 1 - p exactly (within sqrt(machine epsilon)) over an
    /// interval, the midpoint of that interval. nil where R reports NA.
    public func quantile(_ p: Double = 0.5) -> (estimate: Double?, lower: Double?, upper: Double?) {
        (KaplanMeier.findQuantile(times: times, survival: survival, p: p),
         KaplanMeier.findQuantile(times: times, survival: lower, p: p),
         KaplanMeier.findQuantile(times: times, survival: upper, p: p))
    }

    /// Median survival time with its confidence limits (`quantile(0.5)`).
    public var median: (estimate: Double?, lower: Double?, upper: Double?) { quantile(0.5) }

    /// Port of survival:::findq with x = c(0, time), y = c(0, 1 - surv), NA
    /// (NaN) points ignored as R's approx() does.
    static func findQuantile(times: [Double], survival: [Double], p: Double) -> Double? {
        let tol = Double.ulpOfOne.squareRoot()
        var x = [0.0] + times
        var y = [0.0] + survival.map { 1 - $0 }
        let xmax = x[x.count - 1]
        let finiteY = y.filter { !$0.isNaN }
        guard let ymax = finiteY.max(), ymax >= p else { return nil }
        // duplicated(y): keep first occurrence (NaN counts as a value too).
        var seen: [Double] = []
        var sawNaN = false
        var keepX: [Double] = [], keepY: [Double] = []
        for i in y.indices {
            if y[i].isNaN {
                if sawNaN { continue }
                sawNaN = true
            } else {
                if seen.contains(y[i]) { continue }
                seen.append(y[i])
            }
            keepX.append(x[i]); keepY.append(y[i])
        }
        x = keepX; y = keepY
        // approx(y + tol, 1:n, p, "constant", f = 1): first index j (among
        // non-NaN points, in order) with y_j + tol >= p, NA below the first point.
        func index(shift: Double) -> Int? {
            let pts = y.indices.filter { !y[$0].isNaN }
            guard let first = pts.first, p >= y[first] + shift else { return nil }
            for j in pts where y[j] + shift >= p { return j }
            return nil
        }
        let i1 = index(shift: tol), i2 = index(shift: -tol)
        if p == 0 { return x[0] }
        if let last = y.last, !last.isNaN, abs(p - last) < tol, let i1 { return (x[i1] + xmax) / 2 }
        guard let i1, let i2 else { return nil }
        return (x[i1] + x[i2]) / 2
    }
}

extension Double {
    fileprivate func nanIfNaN(_ probe: Double) -> Double { probe.isNaN ? .nan : self }
}
