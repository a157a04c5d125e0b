import Foundation
import RendementCore
import RendementStats

/// Days from the index date to the first event after it (after the grace
/// period), censored at the end of the source's observation period; Kaplan-
/// Meier curves for clients and controls (log-log CI, as lifelines), the
/// log-rank test, and the Cox hazard ratio of being a client (Efron ties),
/// unadjusted and adjusted for age at the index date. Every qualifying
/// control counts once. Units whose index date lies outside the observation
/// period are left out.
public struct TimeToFirstEvent: Sendable {
    public struct Curve: Sendable {
        public var source: OutcomeSource
        public var group: EventStudy.Group
        public var kaplanMeier: KaplanMeier
    }

    public struct Summary: Sendable {
        public var source: OutcomeSource
        public var clients: Int
        public var controls: Int
        public var clientEvents: Int
        public var controlEvents: Int
        public var clientMedian: Double?
        public var controlMedian: Double?
        public var logRankChiSquared: Double?
        public var logRankP: Double?
        public var hazardRatio: Double?
        public var hazardRatioCI: (low: Double, high: Double)?
        public var hazardRatioP: Double?
        public var adjustedHazardRatio: Double?
        public var adjustedHazardRatioCI: (low: Double, high: Double)?
    }

    public var curves: [Curve] = []
    public var summaries: [Summary] = []

    /// The days at which curves are reported in tables.
    public static let reportingDays: [Double] = [7, 14, 30, 61, 91, 122, 152, 183, 274, 365, 548, 730]

    /// A Kaplan-Meier curve read at one day.
    public struct CurvePoint: Sendable {
        public var day: Double
        /// Persons still followed and without an event just before `day`.
        public var atRisk: Int
        /// First events on or before `day`.
        public var cumulativeEvents: Int
        public var survival: Double
        public var low: Double
        public var high: Double
    }

    /// Reads a curve at the given days (S, CI and counts of the last step at or before each day).
    public static func read(_ km: KaplanMeier, at days: [Double]) -> [CurvePoint] {
        days.map { day in
            var survival = 1.0, low = 1.0, high = 1.0, events = 0
            var atRisk = km.atRisk.first ?? 0
            for j in km.times.indices {
                if km.times[j] <= day {
                    survival = km.survival[j]; low = km.lower[j]; high = km.upper[j]; events += km.events[j]
                } else {
                    atRisk = km.atRisk[j]
                    return CurvePoint(day: day, atRisk: atRisk, cumulativeEvents: events, survival: survival, low: low, high: high)
                }
            }
            return CurvePoint(day: day, atRisk: 0, cumulativeEvents: events, survival: survival, low: low, high: high)
        }
    }

    /// (time in days, event) for one member, or nil when it cannot be followed.
    static func observation(_ m: SetMember, source: OutcomeSource, period: ClosedRange<Day>, graceDays: Int) -> (Double, Bool)? {
        let start = m.index.number + Int32(graceDays)
        guard m.index >= period.lowerBound, start < period.upperBound.number else { return nil }
        if let first = source.days(m.history).first(onOrAfter: start + 1), first <= period.upperBound.number {
            return (Double(first - m.index.number), true)
        }
        return (Double(period.upperBound.number - m.index.number), false)
    }

    public init(_ sets: [AnalysisSet], counter: WindowCounter) {
        for source in OutcomeSource.allCases {
            guard let period = counter.periods[source] else { continue }
            var times: [Double] = [], events: [Bool] = [], group: [Int] = [], ages: [Double] = []
            for s in sets {
                guard let c = Self.observation(s.client, source: source, period: period, graceDays: counter.graceDays) else { continue }
                let controls = s.controls.compactMap { m in
                    Self.observation(m, source: source, period: period, graceDays: counter.graceDays).map { (m, $0) }
                }
                guard !controls.isEmpty else { continue }
                times.append(c.0); events.append(c.1); group.append(1); ages.append(Double(s.client.age))
                for (m, o) in controls { times.append(o.0); events.append(o.1); group.append(0); ages.append(Double(m.age)) }
            }
            guard !times.isEmpty else { continue }
            var summary = Summary(source: source, clients: group.filter { $0 == 1 }.count, controls: group.filter { $0 == 0 }.count,
                                  clientEvents: zip(group, events).filter { $0.0 == 1 && $0.1 }.count,
                                  controlEvents: zip(group, events).filter { $0.0 == 0 && $0.1 }.count)
            for g in [1, 0] {
                let idx = group.indices.filter { group[$0] == g }
                if let km = try? KaplanMeier(times: idx.map { times[$0] }, events: idx.map { events[$0] }, transform: .logLog) {
                    curves.append(Curve(source: source, group: g == 1 ? .clients : .controls, kaplanMeier: km))
                    if g == 1 { summary.clientMedian = km.median.estimate } else { summary.controlMedian = km.median.estimate }
                }
            }
            if let lr = try? LogRankTest(times: times, events: events, groups: group) {
                summary.logRankChiSquared = lr.chiSquared
                summary.logRankP = lr.pValue
            }
            if let cox = try? CoxProportionalHazards(times: times, events: events, covariates: Matrix(group.map { [Double($0)] })) {
                let ci = cox.hazardRatioIntervals()[0]
                summary.hazardRatio = exp(cox.coefficients.estimates[0])
                summary.hazardRatioCI = (ci.lower, ci.upper)
                summary.hazardRatioP = cox.coefficients.pValues[0]
            }
            if let cox = try? CoxProportionalHazards(times: times, events: events,
                                                      covariates: Matrix(zip(group, ages).map { [Double($0.0), $0.1] })) {
                let ci = cox.hazardRatioIntervals()[0]
                summary.adjustedHazardRatio = exp(cox.coefficients.estimates[0])
                summary.adjustedHazardRatioCI = (ci.lower, ci.upper)
            }
            summaries.append(summary)
        }
    }
}
