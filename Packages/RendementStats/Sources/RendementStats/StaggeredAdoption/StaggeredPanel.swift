import Foundation

/// A balanced panel for staggered difference-in-differences: `units` units
/// observed in periods `0..<periods`, each with the period in which it is
/// first treated (its cohort; nil when it is never treated in or after the
/// panel), and one outcome per unit and period.
///
/// A cohort may lie outside `0..<periods`: a unit treated before the panel
/// starts is never a comparison, one treated after it ends is a comparison
/// as long as it is not yet treated (with anticipation).
///
/// `entries` optionally gives each unit's first period at risk (e.g. the
/// first month in which a person can have a police record at all): a unit
/// takes part in ATT(g, t) only when both t and the base period lie at or
/// after its entry, so a structural zero before entry is never read as a
/// trend. Without entries every unit is at risk in every period.
///
/// `strata` optionally gives each unit a time-invariant discrete covariate
/// (e.g. a birth-year band): parallel trends is then assumed within strata
/// only, and a unit is compared only with comparison units of its own
/// stratum (Callaway & Sant'Anna's conditional parallel trends with a
/// saturated covariate: `did`'s outcome regression on stratum dummies).
///
/// ```swift
/// let panel = try StaggeredPanel(periods: 3, cohorts: [2, nil], outcomes: [0, 1, 3,  0, 1, 1])
/// ```
public struct StaggeredPanel: Sendable {
    /// Number of periods.
    public let periods: Int
    /// First treated period of each unit (nil: never treated).
    public let cohorts: [Int?]
    /// Outcomes, unit-major: unit `i`'s outcome in period `t` is `outcomes[i * periods + t]`.
    public let outcomes: [Double]

    /// First period at risk of each unit (0 for all when not given).
    public let entries: [Int]

    /// Running sums of each unit's outcomes (units x (periods + 1)), for base-window means in constant time.
    let runningSums: [Double]

    /// Stratum of each unit (0 for all when not given).
    public let strata: [Int]

    /// Number of units.
    public var units: Int { cohorts.count }

    /// A panel from its cohorts, unit-major outcomes and (optionally) entries.
    /// - Throws: `StatsError` when the outcome count is not `units * periods`, the entries or strata are not one per unit,
    ///   there are no periods, or an outcome is not finite.
    public init(periods: Int, cohorts: [Int?], outcomes: [Double], entries: [Int]? = nil, strata: [Int]? = nil) throws(StatsError) {
        guard periods > 0 else { throw .invalidValue("a panel needs at least one period, got \(periods)") }
        guard outcomes.count == cohorts.count * periods else {
            throw .dimensionMismatch("outcomes has \(outcomes.count) entries, expected \(cohorts.count) units x \(periods) periods")
        }
        try Check.finite(outcomes, name: "outcomes")
        try Check.sameLength(cohorts.count, [("entries", entries?.count)])
        try Check.sameLength(cohorts.count, [("strata", strata?.count)])
        self.entries = entries ?? Array(repeating: 0, count: cohorts.count)
        self.strata = strata ?? Array(repeating: 0, count: cohorts.count)
        var sums = [Double](repeating: 0, count: cohorts.count * (periods + 1))
        for i in 0..<cohorts.count {
            for t in 0..<periods { sums[i * (periods + 1) + t + 1] = sums[i * (periods + 1) + t] + outcomes[i * periods + t] }
        }
        runningSums = sums
        self.periods = periods
        self.cohorts = cohorts
        self.outcomes = outcomes
    }

    /// Unit `i`'s outcome in period `t`.
    @inline(__always) func y(_ i: Int, _ t: Int) -> Double { outcomes[i * periods + t] }

    /// Unit `i`'s mean outcome over periods `range`.
    func mean(_ i: Int, _ range: ClosedRange<Int>) -> Double {
        let row = i * (periods + 1)
        return (runningSums[row + range.upperBound + 1] - runningSums[row + range.lowerBound]) / Double(range.count)
    }
}
