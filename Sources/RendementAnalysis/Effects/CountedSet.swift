import RendementCore

/// One matched set's window counts for every source and window, counted once
/// and shared by all the scopes the set belongs to (a set is in ten or more
/// scopes: all, its Veiligheidshuis, region, quarter, target group and the
/// quarterly periods), so `EffectsEstimator` reads the histories once per set.
struct CountedSet: Sendable {
    /// The client's age at intake (for the age bands).
    var age: Int
    /// Main-window counts by source (`OutcomeSource.allCases` order) and window (estimator order); nil: outside the data.
    var main: [[SetCounts?]]
    /// Placebo-window counts, indexed as `main`.
    var placebo: [[SetCounts?]]
    /// The pre-trend months' counts by source.
    var preTrend: [(client: [Double], controls: [Double])?]

    /// Counts `set` for every source and window in `windows`.
    init(_ set: AnalysisSet, counter: WindowCounter, windows: [Int], preTrend withPreTrend: Bool) {
        age = set.client.age
        let sources = OutcomeSource.allCases
        main = sources.map { source in windows.map { counter.counts(set, source: source, months: $0) } }
        placebo = sources.map { source in windows.map { counter.placeboCounts(set, source: source, months: $0) } }
        preTrend = sources.map { withPreTrend ? counter.preTrendCounts(set, source: $0) : nil }
    }

    /// Counts every set on all cores, in the order of `sets`.
    static func count(_ sets: [AnalysisSet], counter: WindowCounter, windows: [Int]) -> [CountedSet] {
        let withPreTrend = counter.design.preTrendMonths != nil
        let chunk = 256
        let starts = Array(stride(from: 0, to: sets.count, by: chunk))
        return ParallelMap.map(starts) { start in
            sets[start..<min(start + chunk, sets.count)].map { CountedSet($0, counter: counter, windows: windows, preTrend: withPreTrend) }
        }.flatMap { $0 }
    }
}
