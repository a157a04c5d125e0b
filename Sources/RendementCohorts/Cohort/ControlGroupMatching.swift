import RendementCore

/// The front door of matching, shaped like MatchIt's `matchit()`: distance
/// (the propensity model) -> match (exact strata + nearest neighbour on the
/// logit of the score) -> summary (balance). Each step is a separate type
/// that can be used on its own.
public struct ControlGroupMatching: Sendable {
    public var matching: MatchingOptions
    public var exact: ExactMatching

    public init(matching: MatchingOptions = MatchingOptions(), exact: ExactMatching = ExactMatching()) {
        self.matching = matching
        self.exact = exact
    }

    /// What matching produced.
    public struct Outcome: Sendable {
        public var propensity: PropensityModel
        /// Sets with indices into the `clients` and `candidates` arrays given to `run`.
        public var sets: [MatchResult.MatchedSet]
        public var unmatched: [(client: Int, reason: UnmatchedReason)]
        public var caliper: Double?
        public var clientLogits: [Double]
    }

    public func run(clients: [CohortMember], candidates: [CohortMember]) throws -> Outcome {
        let model = try PropensityModel.fit(clients: clients.map(\.covariates), candidates: candidates.map(\.covariates))
        let clientLogits = clients.map { model.logit($0.covariates) }
        let whitener = matching.distance == .mahalanobis
            ? try MahalanobisWhitening(clients: clients.map(\.covariates.values), candidates: candidates.map(\.covariates.values)) : nil
        let clientUnits = clients.enumerated().map { i, c in
            MatchUnit(person: c.person, stratum: exact.clientStratum(c), score: clientLogits[i], tieKey: Int64(c.index.number),
                      whitened: whitener?.whiten(c.covariates.values) ?? [])
        }
        var candidateUnits: [MatchUnit] = [], owner: [Int] = []
        candidateUnits.reserveCapacity(candidates.count)
        for (i, c) in candidates.enumerated() {
            let score = model.logit(c.covariates)
            let whitened = whitener?.whiten(c.covariates.values) ?? []
            for stratum in exact.candidateStrata(c) {
                candidateUnits.append(MatchUnit(person: c.person, stratum: stratum, score: score,
                                                tieKey: Int64(c.index.number) &* 1_000_003 &+ (c.indexIncident ?? 0), whitened: whitened))
                owner.append(i)
            }
        }
        let result = NearestNeighbourMatcher(options: matching).match(clients: clientUnits, candidates: candidateUnits)
        let sets = result.sets.map { s in
            MatchResult.MatchedSet(client: s.client, controls: s.controls.map { owner[$0] }, distances: s.distances)
        }
        return Outcome(propensity: model, sets: sets, unmatched: result.unmatched, caliper: result.caliper, clientLogits: clientLogits)
    }
}
