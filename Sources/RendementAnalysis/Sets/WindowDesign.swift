import RendementCore

/// Where the windows of the matched design lie around an index date:
///
/// - the **main** windows of W months (`OutcomeWindows` with the grace days
///   and the anticipation window of M months);
/// - the **placebo** windows: the same comparison around a pseudo-intake
///   `placeboShiftMonths` (S, default 12) months before the real one, with
///   windows of W' = min(W, S - M) months, so the placebo's after-window
///   ends before the anticipation months and only history from before
///   intake is used. No grace days and no anticipation: nothing happened on
///   the pseudo-intake date. A design that works finds nothing there;
/// - the **pre-trend** months -24..-(M+1) (calendar months before the index
///   date, as in `EventStudy`) in which clients and controls should move in
///   parallel: the whole stretch between the matching history and the
///   anticipation months, so that a crisis longer than the anticipation
///   window and a rise over the year before intake (e.g. intake selected on
///   a heavy recent record) both show.
///
/// Together with the matching history, which ends 24 months before intake
/// (`MatchingCovariates`), none of these windows overlaps the period the
/// matching covariates are counted in (docs/credible-effects.md).
public struct WindowDesign: Sendable, Equatable, Codable {
    public var graceDays: Int
    public var anticipationMonths: Int
    public var placeboShiftMonths: Int

    /// The months before intake that the pre-trend test looks at, from -24
    /// (where the matching history ends, `MatchingCovariates.historyGapMonths`).
    public static let preTrendSpanMonths = 24

    public init(graceDays: Int = 0, anticipationMonths: Int = 0, placeboShiftMonths: Int = 12) {
        self.graceDays = graceDays
        self.anticipationMonths = anticipationMonths
        self.placeboShiftMonths = placeboShiftMonths
    }

    /// The main windows of `months` months around `index`.
    public func windows(index: Day, months: Int) -> OutcomeWindows {
        OutcomeWindows(index: index, months: months, graceDays: graceDays, anticipationMonths: anticipationMonths)
    }

    /// The placebo window length W' for a main window of `months`, nil when
    /// the pseudo-intake leaves no room before the anticipation months.
    public func placeboMonths(for months: Int) -> Int? {
        let w = min(months, placeboShiftMonths - anticipationMonths)
        return w >= 1 ? w : nil
    }

    /// The placebo windows for a main window of `months` months around `index`.
    public func placeboWindows(index: Day, months: Int) -> OutcomeWindows? {
        guard let w = placeboMonths(for: months) else { return nil }
        return OutcomeWindows(index: index.adding(months: -placeboShiftMonths), months: w)
    }

    /// The pre-trend months -24 ... -(M+1); nil when fewer than two remain.
    public var preTrendMonths: ClosedRange<Int>? {
        let last = -(anticipationMonths + 1)
        let first = -Self.preTrendSpanMonths
        return last - first >= 1 ? first...last : nil
    }

    /// Calendar month -k before `index` as a day range `[lower, upper)`:
    /// `[index - k months, index - k + 1 months)`, as `EventStudy.bins`.
    public static func monthBefore(_ k: Int, index: Day) -> Range<Int32> {
        index.adding(months: -k).number..<(k == 1 ? index.number : index.adding(months: -k + 1).number)
    }
}
