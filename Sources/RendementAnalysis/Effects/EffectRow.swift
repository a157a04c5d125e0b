/// One row of `effects.csv`: the estimate for a scope, age band, source and
/// window, with the diagnostics that say whether it can be read as an effect.
public struct EffectRow: Sendable, Codable {
    public var scope: Scope
    /// `all` or a band label such as `12-17`.
    public var ageBand: String
    public var source: OutcomeSource
    public var windowMonths: Int
    /// Nil when no set enters this window in this scope and band.
    public var estimate: DifferenceInDifferences?
    /// Holm-adjusted `p_value` over the age bands of the same scope, source and
    /// window (age-band rows only).
    public var pHolm: Double?
    /// True when the row is hidden by disclosure control (`DisclosurePlan`):
    /// a count of persons in it below the threshold, or hidden to protect
    /// such a row elsewhere (`secondarySuppressed`).
    public var suppressed: Bool
    /// True when the row was hidden only to protect another (secondary
    /// suppression); published the same way as any hidden row.
    public var secondarySuppressed: Bool?
    /// The same comparison around a pseudo-intake a year earlier.
    public var placebo: PlaceboEstimate
    /// Parallel movement before the baseline (shared by the windows of a scope, band and source).
    public var preTrend: PreTrendTest
    /// Whether the estimate can be read as an effect.
    public var credibility: Credibility

    /// Why there is no estimate at all (nil when there is one).
    public var reason: EstimateReason? {
        if suppressed { return .suppressed }
        guard let e = estimate else { return .noFollowUp }
        return e.rateRatioReason
    }
}
