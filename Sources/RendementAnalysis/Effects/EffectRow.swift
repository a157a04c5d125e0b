/// One row of `effects.csv`: the estimate for a scope, age band, source and window.
public struct EffectRow: Sendable {
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
    /// True when the number of clients or controls is below the suppression threshold.
    public var suppressed: Bool
}
