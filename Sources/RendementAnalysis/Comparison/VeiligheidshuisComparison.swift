import Foundation
import RendementStats

/// The Veiligheidshuizen side by side for one source and window: each
/// Veiligheidshuis's effect with its standard error, the DerSimonian-Laird
/// random-effects pooled effect with tau^2, I^2 and Cochran's Q, and the
/// meta-regression of the effect on the Veiligheidshuis's age at intake
/// (mean years since founding of its sets) -- does the return grow as a
/// Veiligheidshuis matures? Done on two measures: the difference-in-
/// differences of mean events (`did`) and the log rate ratio.
public struct VeiligheidshuisComparison: Sendable {
    public enum Measure: String, Sendable, CaseIterable { case did, logRateRatio = "log_rate_ratio" }

    public struct Entry: Sendable {
        public var veiligheidshuis: String
        public var sets: Int
        public var meanAge: Double
        public var effect: Double
        public var standardError: Double
    }

    public var source: OutcomeSource
    public var windowMonths: Int
    public var measure: Measure
    public var entries: [Entry]
    public var pooled: RandomEffectsMetaAnalysis?
    public var maturity: MetaRegression?

    public static func compare(_ sets: [AnalysisSet], counter: WindowCounter, windows: [Int], minimumSets: Int = 10)
        -> [VeiligheidshuisComparison] {
        let byHouse = Dictionary(grouping: sets, by: \.veiligheidshuis)
        var out: [VeiligheidshuisComparison] = []
        for source in OutcomeSource.allCases {
            for w in windows {
                var entries: [Measure: [Entry]] = [:]
                for house in byHouse.keys.sorted() {
                    let members = byHouse[house]!
                    var counts: [SetCounts] = [], ages: [Double] = []
                    for s in members {
                        if let c = counter.counts(s, source: source, months: w) { counts.append(c); ages.append(Double(s.veiligheidshuisAge)) }
                    }
                    guard counts.count >= minimumSets else { continue }
                    let e = DifferenceInDifferences(counts)
                    let age = Descriptives.mean(ages)
                    if let se = e.didStandardError, se > 0 {
                        entries[.did, default: []].append(Entry(veiligheidshuis: house, sets: counts.count, meanAge: age,
                                                                effect: e.summary.did, standardError: se))
                    }
                    if let rr = e.rateRatio, let se = e.logRateRatioStandardError, se > 0 {
                        entries[.logRateRatio, default: []].append(Entry(veiligheidshuis: house, sets: counts.count, meanAge: age,
                                                                         effect: log(rr), standardError: se))
                    }
                }
                for measure in Measure.allCases {
                    let list = entries[measure] ?? []
                    var c = VeiligheidshuisComparison(source: source, windowMonths: w, measure: measure, entries: list)
                    if list.count >= 2 {
                        c.pooled = try? RandomEffectsMetaAnalysis(effects: list.map(\.effect), variances: list.map { $0.standardError * $0.standardError })
                    }
                    if list.count >= 3, Set(list.map(\.meanAge)).count >= 2 {
                        c.maturity = try? MetaRegression(effects: list.map(\.effect), variances: list.map { $0.standardError * $0.standardError },
                                                         moderator: list.map(\.meanAge))
                    }
                    out.append(c)
                }
            }
        }
        return out
    }
}
