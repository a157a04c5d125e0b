import Foundation
import RendementCore
import RendementStats

/// Days from the index date to the first event after it (after the grace
/// period), censored at the end of the source's observation period, for the
/// clients and controls of every set that has a followed client and at
/// least one followed control: weighted Kaplan-Meier curves (controls 1/k,
/// as `effects.csv`; log-log CIs, as lifelines), the log-rank test
/// stratified by set, and Cox hazard ratios of being a client (Efron ties,
/// same weights): the reported one with standard errors robust to the set
/// (the marginal hazard ratio; Austin 2014), one stratified by set (the
/// conditional hazard ratio), the pooled one that treats everyone as
/// independent, and one adjusted for age at the index date. Members whose
/// index date lies outside the observation period are left out. All sets
/// enter, whatever their follow-up; each curve point says how many sets it
/// still rests on.
public struct TimeToFirstEvent: Sendable {
    /// One group's curve for one source.
    public struct Curve: Sendable {
        public var source: OutcomeSource
        public var group: EventStudy.Group
        /// Weighted Kaplan-Meier (clients 1, each of a set's k followed controls 1/k).
        public var kaplanMeier: KaplanMeier
        /// Per set, the longest time (days) any member of this group was followed, ascending.
        public var setFollowUp: [Double]

        /// Sets with at least one member of this group at risk just before `day`.
        public func sets(atRiskJustBefore day: Double) -> Int {
            var lo = 0, hi = setFollowUp.count
            while lo < hi { let mid = (lo + hi) / 2; if setFollowUp[mid] < day { lo = mid + 1 } else { hi = mid } }
            return setFollowUp.count - lo
        }
    }

    public var curves: [Curve] = []
    public var summaries: [SurvivalSummary] = []

    /// The days at which curves are reported in tables.
    public static let reportingDays: [Double] = [7, 14, 30, 61, 91, 122, 152, 183, 274, 365, 548, 730]
    /// The confidence transform of the reported curves (lifelines' default; R `conf.type = "log-log"`).
    public static let transform = KaplanMeier.ConfidenceTransform.logLog

    /// Reads a curve at the given days.
    public static func read(_ curve: Curve, at days: [Double]) -> [SurvivalCurvePoint] {
        let km = curve.kaplanMeier
        return days.map { day in
            SurvivalCurvePoint(source: curve.source, group: curve.group, day: day, sets: curve.sets(atRiskJustBefore: day),
                               atRisk: km.subjectsAtRisk(justBefore: day), cumulativeEvents: km.subjectEvents(through: day),
                               survival: km.survival(at: day), confidenceInterval: km.confidenceInterval(at: day, transform: transform))
        }
    }

    public init(_ sets: [AnalysisSet], counter: WindowCounter) {
        for source in OutcomeSource.allCases {
            guard let period = counter.periods[source] else { continue }
            let sample = SurvivalSample(sets, source: source, period: period, graceDays: counter.graceDays)
            var groupCurves: [Curve] = []
            for group in EventStudy.Group.allCases {
                if let curve = Self.curve(sample, source: source, group: group) { groupCurves.append(curve) }
            }
            curves += groupCurves
            summaries.append(SurvivalSummary(sample, source: source, curves: groupCurves))
        }
    }

    static func curve(_ sample: SurvivalSample, source: OutcomeSource, group: EventStudy.Group) -> Curve? {
        let idx = sample.members(clients: group == .clients)
        guard !idx.isEmpty else { return nil }
        let fitted = LibraryCall.run { () throws(StatsError) in
            try KaplanMeier(times: idx.map { sample.times[$0] }, events: idx.map { sample.events[$0] }, weights: idx.map { sample.weights[$0] })
        }
        guard case let .success(km) = fitted else { return nil }
        var longest: [Int: Double] = [:]
        for i in idx { longest[sample.sets[i]] = max(longest[sample.sets[i]] ?? 0, sample.times[i]) }
        return Curve(source: source, group: group, kaplanMeier: km, setFollowUp: longest.values.sorted())
    }
}

/// A Kaplan-Meier curve read at one day: the row of `survival.csv`.
public struct SurvivalCurvePoint: Sendable, Codable, Equatable {
    public var source: OutcomeSource
    public var group: EventStudy.Group
    public var day: Double
    /// Sets with at least one member of the group still followed and without an event just before `day`.
    public var sets: Int
    /// Persons still followed and without an event just before `day` (observed time >= day).
    public var atRisk: Int
    /// Persons with their first event on or before `day`.
    public var cumulativeEvents: Int
    /// S(day), weighted.
    public var survival: Double
    /// Its 95% CI (log-log transform).
    public var confidenceInterval: ConfidenceInterval
}
