/// The before and after windows of W calendar months around an index date
/// (data-schema/contract.md, "effects.csv"), with an anticipation window of M
/// months (Callaway & Sant'Anna 2021, `did::att_gt(anticipation = M)`):
///
/// - before = `[index - (M + W) months, index - M months)`: the baseline ends
///   M months before intake, so the crisis that usually precedes intake
///   (Ashenfelter's dip) is not taken for the usual level;
/// - after = `(index + G days, index + W months]`.
///
/// Days are clamped to the month's end (each boundary is counted from the
/// index date itself); events on the index date, and in the anticipation
/// months `[index - M months, index)`, count in neither window; the grace
/// period G (default 0) skips the first G days after the index date for
/// clients and controls alike. M = 0 gives the plain before/after windows.
///
/// Both windows are stored as half-open day-number ranges `[lower, upper)`
/// so counting is two binary searches on a sorted array of event days.
public struct OutcomeWindows: Sendable, Equatable {
    public let index: Day
    public let months: Int
    public let graceDays: Int
    public let anticipationMonths: Int

    /// Days `d` with `before.lowerBound <= d < before.upperBound`.
    public let before: Range<Int32>
    /// Days `d` with `after.lowerBound <= d < after.upperBound`.
    public let after: Range<Int32>

    public init(index: Day, months: Int, graceDays: Int = 0, anticipationMonths: Int = 0) {
        precondition(months >= 1, "window must be at least one month")
        precondition(graceDays >= 0, "grace days cannot be negative")
        precondition(anticipationMonths >= 0, "anticipation cannot be negative")
        self.index = index
        self.months = months
        self.graceDays = graceDays
        self.anticipationMonths = anticipationMonths
        let start = index.adding(months: -(anticipationMonths + months))
        let baselineEnd = index.adding(months: -anticipationMonths)
        let end = index.adding(months: months)
        before = start.number..<baselineEnd.number
        let afterStart = index.number + 1 + Int32(graceDays)
        after = min(afterStart, end.number + 1)..<(end.number + 1)
    }

    /// First day of the before-window.
    public var firstDay: Day { Day(number: before.lowerBound) }
    /// Last day of the after-window.
    public var lastDay: Day { Day(number: after.upperBound - 1) }

    /// Whether both windows lie inside an observation period `[from, to]`.
    public func lies(within from: Day, _ to: Day) -> Bool {
        firstDay >= from && lastDay <= to
    }
}
