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
/// Periods are three-month bins counted back from the last month (a shorter
/// remainder joins the first bin): seven bins for M = 3. When a bin has no
/// event at all in either group (small scopes, HKS), six-month bins are used,
/// and `binMonths` says so. A crisis that the anticipation window does not
/// cover, or a rise over the year before intake, shows up as a higher
/// client-to-control ratio in the last bins and fails this test.
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
            let bins = Self.bins(count: months.count, width: binMonths)
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
