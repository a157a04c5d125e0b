/// One unit offered to the matcher: a client at its intake date, or a control
/// candidate at one of its index dates. The matcher sees only what it needs:
/// who (to avoid reusing a person), the exact-matching stratum, the score on
/// which nearest neighbours are sought (the logit of the propensity score),
/// and a key for breaking ties.
public struct MatchUnit: Sendable, Equatable {
    /// The person's key; a person is used at most once as a control without replacement.
    public var person: Int64
    /// The person's key from the pseudonym, on which ties are broken (`StablePersonKey`).
    public var stableKey: UInt64
    /// Exact-matching stratum (e.g. sex x age band x intake month), as an integer key.
    public var stratum: Int64
    /// The strata a client looks for controls in (its own and, with a month
    /// tolerance, those of neighbouring months); `[stratum]` by default.
    public var searchStrata: [Int64]
    /// The distance score, normally logit(propensity score).
    public var score: Double
    /// A tie-breaking key that is unique per unit (e.g. the index day); combined with the seed.
    public var tieKey: Int64
    /// Whitened covariates (L^-1 x for the covariance L L'), so that the
    /// Euclidean distance between two units is their Mahalanobis distance;
    /// empty unless matching on the Mahalanobis distance.
    public var whitened: [Double]

    public init(person: Int64, stratum: Int64, score: Double, tieKey: Int64 = 0, whitened: [Double] = [],
                searchStrata: [Int64]? = nil, stableKey: UInt64? = nil) {
        self.person = person
        self.stableKey = stableKey ?? UInt64(bitPattern: person)
        self.stratum = stratum
        self.searchStrata = searchStrata ?? [stratum]
        self.score = score
        self.tieKey = tieKey
        self.whitened = whitened
    }
}
