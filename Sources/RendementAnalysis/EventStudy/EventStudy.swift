import RendementCore
import RendementStats

/// Mean events per calendar month relative to the index date, from 24 months
/// before (where the matching history ends) to 12 months after, for clients
/// and for controls -- the chart a manager reads at a glance, and the picture
/// behind the pre-trend test (`PreTrendTest`). Month -k is `[index - k months, index - k + 1 months)`,
/// month +k is `(index + k - 1 months, index + k months]` (the index day in
/// neither), so months -1 and +1 are the contract's 1-month windows.
///
/// The cohort is fixed: sets whose client and at least one control have the
/// 24 months before and 12 months after the index date inside the observation period
/// (balanced panel; no anticipation or grace days: every month is shown, and
/// the report marks the anticipation months), so the curve does not change
/// composition from month to month. A control
/// figure is the mean over sets of the set's control mean; the 95% CI is
/// mean +- t(0.975, n-1) * sd / sqrt(n) over sets.
public struct EventStudy: Sendable {
    public enum Group: String, Sendable, Codable, CaseIterable { case clients, controls }

    public struct Point: Sendable, Codable, Equatable {
        public var source: OutcomeSource
        public var group: Group
        public var month: Int
        public var sets: Int
        public var mean: Double
        public var ci: ConfidenceInterval?
    }

    /// Months shown before and after the index date.
    public static let monthsBefore = 24, monthsAfter = 12

    /// Month bins -span...-1, 1...span as day ranges `[lower, upper)`.
    static func bins(index: Day, span: Int) -> [(month: Int, range: Range<Int32>)] {
        bins(index: index, before: span, after: span)
    }

    /// Month bins -before...-1, 1...after as day ranges `[lower, upper)`.
    static func bins(index: Day, before: Int, after: Int) -> [(month: Int, range: Range<Int32>)] {
        var out: [(Int, Range<Int32>)] = []
        for k in stride(from: before, through: 1, by: -1) {
            out.append((-k, WindowDesign.monthBefore(k, index: index)))
        }
        for k in 1...after {
            let start = k == 1 ? index.number + 1 : index.adding(months: k - 1).number + 1
            out.append((k, start..<(index.adding(months: k).number + 1)))
        }
        return out
    }

    public static func estimate(_ sets: [AnalysisSet], counter: WindowCounter, before: Int = monthsBefore,
                                after: Int = monthsAfter) -> [Point] {
        var points: [Point] = []
        let count = before + after
        for source in OutcomeSource.allCases {
            var clientSeries: [[Double]] = Array(repeating: [], count: count)
            var controlSeries: [[Double]] = Array(repeating: [], count: count)
            func observed(_ m: SetMember) -> Bool {
                guard let period = counter.periods[source] else { return false }
                return m.index.adding(months: -before) >= period.lowerBound && m.index.adding(months: after) <= period.upperBound
            }
            for s in sets {
                let controls = s.controls.filter(observed)
                guard observed(s.client), !controls.isEmpty else { continue }
                let clientBins = bins(index: s.client.index, before: before, after: after)
                let days = source.days(s.client.history)
                for (i, bin) in clientBins.enumerated() { clientSeries[i].append(Double(days.count(in: bin.range))) }
                var sums = [Double](repeating: 0, count: count)
                for c in controls {
                    let cd = source.days(c.history)
                    for (i, bin) in bins(index: c.index, before: before, after: after).enumerated() { sums[i] += Double(cd.count(in: bin.range)) }
                }
                for i in sums.indices { controlSeries[i].append(sums[i] / Double(controls.count)) }
            }
            let months = Array(-before...(-1)) + Array(1...after)
            for (group, series) in [(Group.clients, clientSeries), (.controls, controlSeries)] {
                for (i, values) in series.enumerated() {
                    points.append(Point(source: source, group: group, month: months[i], sets: values.count,
                                        mean: values.isEmpty ? .nan : Descriptives.mean(values), ci: interval(values)))
                }
            }
        }
        return points
    }

    /// The 95% t interval of a month's mean; a zero-width interval when the
    /// values do not vary, nil for fewer than two.
    static func interval(_ values: [Double]) -> ConfidenceInterval? {
        guard values.count >= 2 else { return nil }
        guard case let .success(t) = LibraryCall.run({ () throws(StatsError) in try HypothesisTests.oneSampleTTest(values) }) else { return nil }
        if t.degeneracy != nil { return ConfidenceInterval(lower: t.estimate, upper: t.estimate, level: 0.95) }
        return t.confidenceInterval
    }
}
