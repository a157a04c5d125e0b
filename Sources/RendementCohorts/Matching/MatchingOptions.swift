/// Settings of nearest-neighbour matching (as in MatchIt's `method = "nearest"`).
public struct MatchingOptions: Sendable, Equatable {
    /// How "nearest" is measured.
    public enum Distance: String, Sendable, CaseIterable, Codable {
        /// |logit(ps) difference| (MatchIt `distance = "glm"`).
        case propensityScore = "ps"
        /// Mahalanobis distance on the matching covariates, among the candidates
        /// within the caliper on the logit of the score (MatchIt
        /// `distance = "mahalanobis"` with a propensity-score caliper).
        case mahalanobis
    }

    /// Controls per client (1:k).
    public var ratio: Int
    /// Caliper in standard deviations of the score over all units; `nil` for none.
    public var caliperSD: Double?
    /// Whether a control may serve several clients.
    public var withReplacement: Bool
    /// Seed of the tie-breaking order.
    public var seed: UInt64
    /// Leave out clients whose score lies outside the candidates' score range.
    public var commonSupport: Bool
    public var distance: Distance

    public init(ratio: Int = 1, caliperSD: Double? = 0.2, withReplacement: Bool = false,
                seed: UInt64 = 1, commonSupport: Bool = true, distance: Distance = .propensityScore) {
        self.ratio = ratio
        self.caliperSD = caliperSD
        self.withReplacement = withReplacement
        self.seed = seed
        self.commonSupport = commonSupport
        self.distance = distance
    }
}
