import RendementCore
import RendementStats

/// Clients as units of a staggered difference-in-differences over calendar
/// months: the outcome of a unit in a month is its number of events of one
/// source (BVH contacts or HKS reports) dated in that month; its cohort (the
/// first treated period) is the first whole month after its intake month --
/// the intake month itself lies partly before intake, so it counts as
/// neither before nor after (as the index day does in the matched design).
/// Only whole calendar months inside the source's
/// observation period count (a month cut off by the start or end of an
/// extract would look like a drop); a client whose intake lies before the
/// first month is never a comparison (it is treated), one whose intake lies
/// after the last is a comparison in every month it has not entered yet.
/// A unit is at risk from the first whole month from `atRiskFrom` on (the
/// day from which it surely is 12, the age of criminal responsibility: before
/// it a count of 0 is no level at all, and a rise at the 12th birthday no trend).
public struct MonthlyPanel: Sendable {
    /// One client as a unit: its stable key (for the bootstrap), intake day, outcome history and the day it is at risk from.
    public struct Unit: Sendable {
        public var key: UInt64
        public var intake: Day
        public var history: PoliceHistory
        /// The first day on which the unit can have an event (nil: always).
        public var atRiskFrom: Day?
        /// The unit's stratum: it is compared only with units of the same stratum.
        public var stratum: Int

        public init(key: UInt64, intake: Day, history: PoliceHistory, atRiskFrom: Day? = nil, stratum: Int = 0) {
            self.key = key
            self.intake = intake
            self.history = history
            self.atRiskFrom = atRiskFrom
            self.stratum = stratum
        }
    }

    /// The first day of each month of the panel, and of the month after it.
    public var monthStarts: [Day]
    public var panel: StaggeredPanel
    public var keys: [UInt64]

    /// The panel of `units` for `source` within `period`; nil when the period holds fewer than two whole months.
    public static func build(_ units: [MonthlyPanel.Unit], source: OutcomeSource, period: ClosedRange<Day>) -> MonthlyPanel? {
        let starts = wholeMonths(in: period)
        guard starts.count >= 3 else { return nil }
        let months = starts.count - 1
        let first = starts[0]
        var outcomes = [Double](repeating: 0, count: units.count * months)
        var cohorts: [Int?] = [], entries: [Int] = []
        for (i, u) in units.enumerated() {
            cohorts.append(monthIndex(u.intake, from: first) + 1)
            entries.append(u.atRiskFrom.map { d in max(0, monthIndex(d, from: first) + (d.components.day == 1 ? 0 : 1)) } ?? 0)
            for day in source.days(u.history).days where day >= starts[0].number && day < starts[months].number {
                outcomes[i * months + monthIndex(Day(number: day), from: first)] += 1
            }
        }
        do {
            let panel = try StaggeredPanel(periods: months, cohorts: cohorts, outcomes: outcomes, entries: entries, strata: units.map(\.stratum))
            return MonthlyPanel(monthStarts: starts, panel: panel, keys: units.map(\.key))
        } catch {
            preconditionFailure("a panel of counts is always valid: \(error)")
        }
    }

    /// Months from the month of `from` to the month of `day`.
    static func monthIndex(_ day: Day, from: Day) -> Int { (day.year - from.year) * 12 + day.month - from.month }

    /// The first days of the whole calendar months inside `period`, followed by the first day after the last of them.
    static func wholeMonths(in period: ClosedRange<Day>) -> [Day] {
        let lower = period.lowerBound.components
        var start = Day(year: lower.year, month: lower.month, day: 1)!
        if start < period.lowerBound { start = start.adding(months: 1) }
        var out: [Day] = []
        while start.adding(months: 1).adding(days: -1) <= period.upperBound {
            out.append(start)
            start = start.adding(months: 1)
        }
        if !out.isEmpty { out.append(start) }
        return out
    }
}
