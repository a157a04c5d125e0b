import RendementCore

/// The covariates of a person at an index date that clients and controls are
/// matched on: age, sex, and the police history of a **matching history**
/// that ends `historyGapMonths` (24) months before the index date.
///
/// Why the gap: matching on counts from the same months as the baseline of
/// the estimate manufactures an effect. Clients are the heaviest people;
/// controls with the same count in a period are, on average, lighter people
/// whose count was high by chance, and they drop back afterwards (regression
/// to the mean; Daw & Hatfield 2018, Health Services Research 53(6)). So no
/// window the analysis compares -- the baseline (at most 12 months, ending
/// the anticipation window before intake), the placebo around a pseudo-intake
/// 12 months earlier, the pre-trend months -12..-(M+1) -- overlaps the
/// months the covariates are counted in (docs/credible-effects.md).
/// The matching history describes the kind of person (level and trajectory
/// of police contact, criminal career); the difference-in-differences removes
/// the remaining difference in level.
public struct MatchingCovariates: Sendable, Equatable {
    /// Months between the end of the matching history and the index date.
    public static let historyGapMonths = 24

    /// Completed years at the index date.
    public var age: Int
    public var sex: Sex
    /// BVH contacts in the 12 months of the matching history,
    /// `[index - 36 months, index - 24 months)`.
    public var bvhHistory12: Int
    /// BVH contacts in its later half, `[index - 30 months, index - 24 months)`:
    /// with `bvhHistory12`, whether contact was rising or falling.
    public var bvhHistoryRecent6: Int
    /// HKS police reports in the 12 months of the matching history.
    public var hksHistory12: Int
    /// HKS police reports in the 5 years up to its end, `[index - 84 months, index - 24 months)`.
    public var hksHistory60: Int
    /// Completed months from the first BVH contact or HKS report to the end
    /// of the matching history; 0 when there is none before it. Left-censored
    /// at the start of the extracts.
    public var monthsKnown: Int

    /// Names in the order of `values`, as used in balance tables.
    public static let names = ["age", "sex_man", "bvh_history_12m", "bvh_history_recent_6m", "hks_history_12m", "hks_history_60m",
                               "months_known"]

    /// Whether each covariate is binary (balance uses a raw difference option for these).
    public static let isBinary = [false, true, false, false, false, false, false]

    /// Numeric values in the order of `names` (sex as 1 for man, else 0).
    public var values: [Double] {
        [Double(age), sex == .man ? 1 : 0, Double(bvhHistory12), Double(bvhHistoryRecent6), Double(hksHistory12),
         Double(hksHistory60), Double(monthsKnown)]
    }

    public init(age: Int, sex: Sex, bvhHistory12: Int, bvhHistoryRecent6: Int = 0, hksHistory12: Int, hksHistory60: Int,
                monthsKnown: Int) {
        self.age = age
        self.sex = sex
        self.bvhHistory12 = bvhHistory12
        self.bvhHistoryRecent6 = bvhHistoryRecent6
        self.hksHistory12 = hksHistory12
        self.hksHistory60 = hksHistory60
        self.monthsKnown = monthsKnown
    }

    /// Computes the covariates from a sorted history by binary search.
    public init(history: PoliceHistory, index: Day, birth: Day, sex: Sex) {
        let end = index.adding(months: -Self.historyGapMonths)
        let year = end.adding(months: -12).number..<end.number
        let half = end.adding(months: -6).number..<end.number
        let fiveYears = end.adding(months: -60).number..<end.number
        let firsts = [history.bvh.first, history.hks.first].compactMap { $0 }.filter { $0 < end.number }
        self.init(
            age: index.age(bornOn: birth), sex: sex,
            bvhHistory12: history.bvh.count(in: year),
            bvhHistoryRecent6: history.bvh.count(in: half),
            hksHistory12: history.hks.count(in: year),
            hksHistory60: history.hks.count(in: fiveYears),
            monthsKnown: firsts.min().map { Day(number: $0).completedMonths(to: end) } ?? 0)
    }
}
