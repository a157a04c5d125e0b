import RendementCore

/// The covariates of a person at an index date that clients and controls are
/// matched on (issue "Cohorts and matching"): age, sex, prior BVH contacts and
/// HKS reports, and how long the person has been known to the police.
public struct MatchingCovariates: Sendable, Equatable {
    /// Completed years at the index date.
    public var age: Int
    public var sex: Sex
    /// BVH contacts in the 12 months before the index date, `[index - 12 months, index)`.
    public var bvhPrior12: Int
    /// HKS police reports in the 12 months before the index date.
    public var hksPrior12: Int
    /// HKS police reports in the 5 years before the index date.
    public var hksPrior60: Int
    /// Completed months from the first BVH contact or HKS report (on or
    /// before the index date) to the index date; 0 when there is none. Left-
    /// censored at the start of the extracts.
    public var monthsSinceFirst: Int

    /// Names in the order of `values`, as used in balance tables.
    public static let names = ["age", "sex_man", "bvh_prior_12m", "hks_prior_12m", "hks_prior_60m", "months_since_first"]

    /// Whether each covariate is binary (balance uses a raw difference option for these).
    public static let isBinary = [false, true, false, false, false, false]

    /// Numeric values in the order of `names` (sex as 1 for man, else 0).
    public var values: [Double] {
        [Double(age), sex == .man ? 1 : 0, Double(bvhPrior12), Double(hksPrior12), Double(hksPrior60), Double(monthsSinceFirst)]
    }

    public init(age: Int, sex: Sex, bvhPrior12: Int, hksPrior12: Int, hksPrior60: Int, monthsSinceFirst: Int) {
        self.age = age
        self.sex = sex
        self.bvhPrior12 = bvhPrior12
        self.hksPrior12 = hksPrior12
        self.hksPrior60 = hksPrior60
        self.monthsSinceFirst = monthsSinceFirst
    }

    /// Computes the covariates from a sorted history by binary search.
    public init(history: PoliceHistory, index: Day, birth: Day, sex: Sex) {
        let year = index.adding(months: -12).number..<index.number
        let fiveYears = index.adding(months: -60).number..<index.number
        let firsts = [history.bvh.first, history.hks.first].compactMap { $0 }.filter { $0 <= index.number }
        self.init(
            age: index.age(bornOn: birth), sex: sex,
            bvhPrior12: history.bvh.count(in: year),
            hksPrior12: history.hks.count(in: year),
            hksPrior60: history.hks.count(in: fiveYears),
            monthsSinceFirst: firsts.min().map { Day(number: $0).completedMonths(to: index) } ?? 0)
    }
}
