import RendementCore
import RendementStats

/// Mean events per calendar month relative to the index date, from 12 months
/// before to 12 months after, for clients and for controls -- the chart a
/// manager reads at a glance. Month -k is `[index - k months, index - k + 1 months)`,
/// month +k is `(index + k - 1 months, index + k months]` (the index day in
/// neither), so months -1 and +1 are the contract's 1-month windows.
///
/// The cohort is fixed: sets that enter the 12-month window (balanced panel),
/// so the curve does not change composition from month to month. A control
/// figure is the mean over sets of the set's control mean; the 95% CI is
/// mean +- t(0.975, n-1) * sd / sqrt(n) over sets.
public struct EventStudy: Sendable {
    public enum Group: String, Sendable, Codable, CaseIterable { case clients, controls }

    public struct Point: Sendable {
        public var source: OutcomeSource
        public var group: Group
        public var month: Int
        public var sets: Int
        public var mean: Double
        public var ci: (low: Double, high: Double)?
    }

    /// Month bins -12...-1, 1...12 as day ranges `[lower, upper)`.
    static func bins(index: Day, span: Int) -> [(month: Int, range: Range<Int32>)] {
        var out: [(Int, Range<Int32>)] = []
        for k in stride(from: span, through: 1, by: -1) {
            out.append((-k, index.adding(months: -k).number..<(k == 1 ? index.number : index.adding(months: -k + 1).number)))
        }
        for k in 1...span {
            let start = k == 1 ? index.number + 1 : index.adding(months: k - 1).number + 1
            out.append((k, start..<(index.adding(months: k).number + 1)))
        }
        return out
    }

    public static func estimate(_ sets: [AnalysisSet], counter: WindowCounter, span: Int = 12) -> [Point] {
        var points: [Point] = []
        for source in OutcomeSource.allCases {
            var clientSeries: [[Double]] = Array(repeating: [], count: 2 * span)
            var controlSeries: [[Double]] = Array(repeating: [], count: 2 * span)
            for s in sets {
                guard counter.counts(s, source: source, months: span) != nil else { continue }
                let controls = s.controls.filter { counter.counts($0, source: source, months: span) != nil }
                let clientBins = bins(index: s.client.index, span: span)
                let days = source.days(s.client.history)
                for (i, bin) in clientBins.enumerated() { clientSeries[i].append(Double(days.count(in: bin.range))) }
                var sums = [Double](repeating: 0, count: 2 * span)
                for c in controls {
                    let cd = source.days(c.history)
                    for (i, bin) in bins(index: c.index, span: span).enumerated() { sums[i] += Double(cd.count(in: bin.range)) }
                }
                for i in sums.indices { controlSeries[i].append(sums[i] / Double(controls.count)) }
            }
            let months = Array(-span...(-1)) + Array(1...span)
            for (group, series) in [(Group.clients, clientSeries), (.controls, controlSeries)] {
                for (i, values) in series.enumerated() {
                    points.append(Point(source: source, group: group, month: months[i], sets: values.count,
                                        mean: values.isEmpty ? .nan : Descriptives.mean(values), ci: interval(values)))
                }
            }
        }
        return points
    }

    static func interval(_ values: [Double]) -> (low: Double, high: Double)? {
        guard values.count >= 2 else { return nil }
        guard case let .success(t) = LibraryCall.run({ () throws(StatsError) in try HypothesisTests.oneSampleTTest(values) }) else { return nil }
        if t.degeneracy != nil { return (t.estimate, t.estimate) }
        return (t.confidenceInterval.lower, t.confidenceInterval.upper)
    }
}
