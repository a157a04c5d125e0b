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
public struct MonthlyPanel: Sendable {
    /// One client as a unit: its stable key (for the bootstrap), intake day and outcome history.
    public struct Unit: Sendable {
        public var key: UInt64
        public var intake: Day
        public var history: PoliceHistory

        public init(key: UInt64, intake: Day, history: PoliceHistory) {
            self.key = key
            self.intake = intake
            self.history = history
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
        var cohorts: [Int?] = []
        for (i, u) in units.enumerated() {
            cohorts.append(monthIndex(u.intake, from: first) + 1)
            for day in source.days(u.history).days where day >= starts[0].number && day < starts[months].number {
                outcomes[i * months + monthIndex(Day(number: day), from: first)] += 1
            }
        }
        do {
            let panel = try StaggeredPanel(periods: months, cohorts: cohorts, outcomes: outcomes)
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
