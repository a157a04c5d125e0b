import RendementStats

/// The pre-trend test of the matched design: do clients and their controls
/// move in parallel in the months before intake between the matching
/// history and the anticipation window (-24..-(M+1),
/// `WindowDesign.preTrendMonths`)? A joint Wald test that every client x
/// period interaction of a Poisson model of the counts is zero (the
/// client-to-control ratio is the same in every period), with
/// cluster-robust covariance by matched set and the F(q, G - 1) reference
/// distribution (`ClusteredCellMeans`, `WaldTest`) -- the pre-period
/// coefficients of an event study tested jointly. Each set contributes its
/// client's counts and the mean counts of its controls (controls weigh 1/k).
///
/// Periods: the year -24..-13 as one reference period, and the months
/// -12..-(M+1) in three-month bins counted back from the last month (a
/// shorter remainder joins the first of them): for M = 3 the reference year
/// and -12..-10, -9..-7, -6..-4, so q = 3. Each recent bin is compared with
/// a full year, which gives the test its power against the violations that
/// bias the estimate: a crisis longer than the anticipation window, a rise
/// over the year before intake, or intake selected on a heavy recent record
/// -- each shows up as a higher client-to-control ratio in the recent bins.
/// When a bin has no event at all in either group (small scopes, HKS),
/// six-month bins are used, and `binMonths` says so.
public struct PreTrendTest: Sendable, Codable, Equatable {
    /// First and last month tested (e.g. -12 and -4).
    public var firstMonth: Int
    public var lastMonth: Int
    /// The width of the periods compared: 3 (or 6) months.
    public var binMonths: Int
    /// Matched sets whose pre-trend months lie inside the observation period.
    public var sets: Int
    /// F = W / q.
    public var statistic: Double?
    /// q (hypotheses) and G - 1.
    public var df1: Int?
    public var df2: Int?
    public var pValue: Double?
    /// Why there is no test (nil when there is one).
    public var reason: EstimateReason?

    /// The test on each set's monthly `(client, controls)` counts over `months`.
    public static func run(_ counts: [(client: [Double], controls: [Double])], months: ClosedRange<Int>) -> PreTrendTest {
        var test = PreTrendTest(firstMonth: months.lowerBound, lastMonth: months.upperBound, binMonths: binWidths[0], sets: counts.count,
                                statistic: nil, df1: nil, df2: nil, pValue: nil, reason: nil)
        guard counts.count >= 2 else { test.reason = .tooFewSets; return test }
        for binMonths in binWidths {
            let bins = Self.bins(count: months.count, width: binMonths, reference: Self.referenceMonths)
            guard bins.count >= 2 else { break }
            test.binMonths = binMonths
            let values = counts.map { c in bins.map { b in b.reduce(0) { $0 + c.client[$1] } } + bins.map { b in b.reduce(0) { $0 + c.controls[$1] } } }
            let run = LibraryCall.run { () throws(StatsError) in
                try ClusteredCellMeans(values).waldTest(contrasts: Self.interactions(bins: bins.count))
            }
            switch run {
            case let .success(wald) where wald.degeneracy == nil:
                test.statistic = wald.statistic / Double(wald.hypotheses)
                test.df1 = wald.hypotheses
                test.df2 = wald.clusters - 1
                test.pValue = wald.pValue
                test.reason = nil
                return test
            case let .success(wald):
                // A singular covariance of the interactions: the monthly differences do not vary.
                test.reason = wald.degeneracy == .singularDesign ? .noVariation : EstimateReason(wald.degeneracy!)
            case let .failure(reason):
                test.reason = reason
            }
        }
        return test
    }

    /// The bin widths tried, in order.
    public static let binWidths = [3, 6]

    /// The length of the reference period at the start of the months tested.
    public static let referenceMonths = 12

    /// Month indices: the first `reference` months as one bin, the rest in
    /// bins of `width` counted back from the last month.
    static func bins(count: Int, width: Int, reference: Int) -> [[Int]] {
        guard count > reference else { return bins(count: count, width: width) }
        return [Array(0..<reference)] + bins(count: count - reference, width: width).map { $0.map { $0 + reference } }
    }

    /// Month indices grouped into bins of `width`, counted back from the last
    /// month (a shorter remainder joins the first bin).
    static func bins(count: Int, width: Int) -> [[Int]] {
        var out: [[Int]] = []
        var end = count
        while end - width >= 0 {
            out.insert(Array((end - width)..<end), at: 0)
            end -= width
        }
        if end > 0 {
            if out.isEmpty { out = [Array(0..<end)] } else { out[0] = Array(0..<end) + out[0] }
        }
        return out
    }

    /// Contrasts (client bin k - client last bin) - (control bin k - control
    /// last bin), k = 0..B-2, over cells ordered clients' bins then controls'.
    static func interactions(bins b: Int) -> [[Double]] {
        (0..<(b - 1)).map { k in
            var w = [Double](repeating: 0, count: 2 * b)
            w[k] = 1; w[b - 1] = -1; w[b + k] = -1; w[2 * b - 1] = 1
            return w
        }
    }
}
