import Foundation
import RendementStats

/// The Veiligheidshuizen side by side for one source and window: each
/// Veiligheidshuis's effect with its standard error, confidence interval and
/// p-value -- exactly those of its own `effects.csv` row (t with n - 1 df for
/// the difference-in-differences, Wald normal for the log rate ratio) -- the
/// DerSimonian-Laird random-effects pooled effect with tau^2, I^2 and
/// Cochran's Q, and the meta-regression of the effect on the
/// Veiligheidshuis's age at intake (mean years since founding of its sets)
/// -- does the return grow as a Veiligheidshuis matures? Done on two
/// measures: the difference-in-differences of mean events (`did`) and the
/// log rate ratio.
public struct VeiligheidshuisComparison: Sendable, Codable, Equatable {
    public enum Measure: String, Sendable, Codable, CaseIterable { case did, logRateRatio = "log_rate_ratio" }

    /// One Veiligheidshuis with an estimate.
    public struct Entry: Sendable, Codable, Equatable {
        public var veiligheidshuis: String
        public var sets: Int
        /// Qualifying controls of those sets.
        public var controls: Int
        public var meanAge: Double
        public var effect: Double
        public var standardError: Double
        public var confidenceInterval: ConfidenceInterval
        public var pValue: Double
    }

    /// A Veiligheidshuis with enough sets whose effect cannot be estimated.
    public struct MissingEntry: Sendable, Codable, Equatable {
        public var veiligheidshuis: String
        public var sets: Int
        public var controls: Int
        public var reason: EstimateReason
    }

    public var source: OutcomeSource
    public var windowMonths: Int
    public var measure: Measure
    public var entries: [Entry]
    public var missing: [MissingEntry] = []
    public var pooled: RandomEffectsMetaAnalysis?
    /// Why `pooled` is missing.
    public var pooledReason: EstimateReason?
    public var maturity: MetaRegression?
    /// Why `maturity` is missing.
    public var maturityReason: EstimateReason?

    public static func compare(_ sets: [AnalysisSet], counter: WindowCounter, windows: [Int], minimumSets: Int = 10)
        -> [VeiligheidshuisComparison] {
        let byHouse = Dictionary(grouping: sets, by: \.veiligheidshuis)
        var out: [VeiligheidshuisComparison] = []
        for source in OutcomeSource.allCases {
            for w in windows {
                var comparisons = Measure.allCases.map { VeiligheidshuisComparison(source: source, windowMonths: w, measure: $0, entries: []) }
                for house in byHouse.keys.sorted() {
                    var counts: [SetCounts] = [], ages: [Double] = []
                    for s in byHouse[house]! {
                        if let c = counter.counts(s, source: source, months: w) { counts.append(c); ages.append(Double(s.veiligheidshuisAge)) }
                    }
                    guard counts.count >= minimumSets else { continue }
                    let e = DifferenceInDifferences(counts)
                    let head = (house: house, sets: counts.count, controls: counts.reduce(0) { $0 + $1.controlCount }, age: Descriptives.mean(ages))
                    for i in comparisons.indices { comparisons[i].add(head, e) }
                }
                for i in comparisons.indices { comparisons[i].pool() }
                out += comparisons
            }
        }
        return out
    }

    /// Adds one house's estimate on this comparison's measure, or the reason it is missing.
    mutating func add(_ head: (house: String, sets: Int, controls: Int, age: Double), _ e: DifferenceInDifferences) {
        let estimate: (Double, Double, ConfidenceInterval, Double)?
        let reason: EstimateReason?
        switch measure {
        case .did:
            if let se = e.didStandardError, se > 0, let ci = e.didCI, let p = e.pValue {
                estimate = (e.summary.did, se, ci, p)
            } else { estimate = nil }
            reason = e.didReason
        case .logRateRatio:
            if let rr = e.rateRatio, let se = e.logRateRatioStandardError, se > 0, let ci = e.rateRatioCI, let p = e.pRateRatio {
                estimate = (log(rr), se, ci.map { log($0) }, p)
            } else { estimate = nil }
            reason = e.rateRatioReason
        }
        if let (effect, se, ci, p) = estimate {
            entries.append(Entry(veiligheidshuis: head.house, sets: head.sets, controls: head.controls, meanAge: head.age, effect: effect,
                                 standardError: se, confidenceInterval: ci, pValue: p))
        } else {
            missing.append(MissingEntry(veiligheidshuis: head.house, sets: head.sets, controls: head.controls, reason: reason ?? .noVariation))
        }
    }

    /// The DerSimonian-Laird pooled effect and the maturity meta-regression over the entries.
    mutating func pool() {
        let effects = entries.map(\.effect), variances = entries.map { $0.standardError * $0.standardError }
        if entries.count < 2 {
            pooledReason = .tooFewHouses
        } else {
            switch LibraryCall.run({ () throws(StatsError) in try RandomEffectsMetaAnalysis(effects: effects, variances: variances) }) {
            case let .success(m): if let d = m.degeneracy { pooledReason = EstimateReason(d) } else { pooled = m }
            case let .failure(reason): pooledReason = reason
            }
        }
        if entries.count < 3 {
            maturityReason = .tooFewHouses
        } else {
            let moderator = entries.map(\.meanAge)
            switch LibraryCall.run({ () throws(StatsError) in try MetaRegression(effects: effects, variances: variances, moderator: moderator) }) {
            case let .success(m): if let d = m.degeneracy { maturityReason = EstimateReason(d) } else { maturity = m }
            case let .failure(reason): maturityReason = reason
            }
        }
    }
}
