import RendementStats

/// One row of `staggered.csv`: the not-yet-treated estimate for a scope, age
/// band, source and window -- the extra events per client over the W whole
/// calendar months after the intake month, against clients who had not yet
/// entered (`StaggeredComparison`).
public struct StaggeredRow: Sendable, Codable, Equatable {
    public var scope: Scope
    /// `all` or a band label such as `12-17`.
    public var ageBand: String
    public var source: OutcomeSource
    public var windowMonths: Int
    /// Clients in the scope and band (units of the panel).
    public var clients: Int
    /// Nil when no intake cohort has every month of the window (see `reason`).
    public var effect: AggregateEffect?
    /// Joint Wald test of the pre-intake event-time effects before the
    /// anticipation months (shared by the windows of a scope, band and source).
    public var preTrend: JointWaldTest?
    /// True when the clients or their comparison clients number fewer than the suppression threshold.
    public var suppressed: Bool

    /// Why there is no estimate (nil when there is one).
    public var reason: EstimateReason? {
        if suppressed { return .suppressed }
        if effect == nil { return .noFollowUp }
        // A standard error at rounding level (the changes do not vary) is no test.
        if let e = effect, !(e.standardError > 1e-12 * max(1, abs(e.estimate))) { return .noVariation }
        return nil
    }
}
