/// Balance of one covariate in one scope, before and after matching
/// (MatchIt `summary.matchit` / cobalt `bal.tab` conventions: treated-group
/// SD as the SMD denominator, raw difference for binary covariates, variance
/// ratio clients over controls, eCDF max).
public struct BalanceRow: Sendable, Codable, Equatable {
    public var scopeType: String
    public var scope: String
    public var covariate: String
    public var clientsBefore: Int
    public var controlsBefore: Int
    public var clientsAfter: Int
    public var controlsAfter: Int
    public var before: Stage?
    public var after: Stage?
    /// Why `before` / `after` is missing (a `Degeneracy` code such as
    /// `too_few_observations`, or `invalid_input`); nil when it is there.
    public var beforeReason: String?
    public var afterReason: String?

    /// The figures of one stage.
    public struct Stage: Sendable, Codable, Equatable {
        public var clientsMean: Double
        public var controlsMean: Double
        public var smd: Double
        public var varianceRatio: Double
        public var ecdfMax: Double
    }

    /// The |SMD| above which a covariate counts as imbalanced (Austin 2009).
    public static let smdThreshold = 0.1

    /// |SMD| above `smdThreshold` after matching.
    public var smdFlag: Bool { (after?.smd).map { abs($0) > Self.smdThreshold } ?? false }
    /// Variance ratio outside 0.5-2 after matching (Rubin 2001), continuous covariates only.
    public var varianceRatioFlag: Bool { (after?.varianceRatio).map { $0.isFinite && ($0 < 0.5 || $0 > 2) } ?? false }
}
