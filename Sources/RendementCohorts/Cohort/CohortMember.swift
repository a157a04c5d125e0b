import RendementCore

/// A client at its intake date or a control candidate at one of its index
/// dates, with the covariates it is matched on.
public struct CohortMember: Sendable, Equatable {
    public var person: Int64
    /// The person's key from the pseudonym (`StablePersonKey`): what ties are broken on.
    public var stableKey: UInt64
    public var index: Day
    public var covariates: MatchingCovariates
    /// The BVH incident that made a candidate's index date (nil for clients).
    public var indexIncident: Int64?

    public init(person: Int64, index: Day, covariates: MatchingCovariates, indexIncident: Int64? = nil, stableKey: UInt64? = nil) {
        self.person = person
        self.stableKey = stableKey ?? UInt64(bitPattern: person)
        self.index = index
        self.covariates = covariates
        self.indexIncident = indexIncident
    }
}
