import RendementCore

/// The front door of matching, shaped like MatchIt's `matchit()`: distance
/// (the propensity model) -> match (exact strata + nearest neighbour on the
/// logit of the score) -> summary (balance). Each step is a separate type
/// that can be used on its own.
///
/// Matching is **staged**: the clients left without a control under the
/// strict rules are matched again under relaxed rules, round by round
/// (`ExactMatching.relaxationRounds`: intake month +-1, +-2, +-3, then age
/// band dropped), with the same propensity model and caliper and without
/// reusing a control. A round is kept only while balance holds: its sets
/// are added only when the largest |SMD| after matching then stays within
/// `maximumSMD` (or, when the strict round already exceeded it, does not
/// grow); otherwise that round and the later ones are not used, and their
/// clients stay unmatched with the reason of the last round kept. Every set
/// records the round that matched it.
public struct ControlGroupMatching: Sendable {
    public var matching: MatchingOptions
    public var exact: ExactMatching
    /// The rounds after the first (empty: one round only).
    public var relaxations: [ExactMatching]
    /// The balance a relaxation round must keep (|SMD| after matching).
    public var maximumSMD: Double

    public init(matching: MatchingOptions = MatchingOptions(), exact: ExactMatching = ExactMatching(),
                relaxations: [ExactMatching] = [], maximumSMD: Double = BalanceRow.smdThreshold) {
        self.matching = matching
        self.exact = exact
        self.relaxations = relaxations
        self.maximumSMD = maximumSMD
    }

    /// What one round did.
    public struct Round: Sendable, Equatable, Codable {
        /// 1 for the strict rules, 2... for the relaxations.
        public var number: Int
        public var rules: ExactMatching
        /// Clients this round tried to match.
        public var attempted: Int
        /// Clients it matched (0 when the round was not kept).
        public var matched: Int
        /// Whether its sets were kept.
        public var kept: Bool
        /// The largest |SMD| after matching with this round's sets added (nil: too few sets to tell).
        public var largestSMD: Double?
    }

    /// What matching produced.
    public struct Outcome: Sendable {
        public var propensity: PropensityModel
        /// Sets with indices into the `clients` and `candidates` arrays given to `run`.
        public var sets: [MatchResult.MatchedSet]
        public var unmatched: [(client: Int, reason: UnmatchedReason)]
        public var caliper: Double?
        public var clientLogits: [Double]
        public var rounds: [Round]
    }

    public func run(clients: [CohortMember], candidates: [CohortMember]) throws -> Outcome {
        let model = try PropensityModel.fit(clients: clients.map(\.covariates), candidates: candidates.map(\.covariates))
        let clientLogits = clients.map { model.logit($0.covariates) }
        let candidateLogits = candidates.map { model.logit($0.covariates) }
        let whitener = matching.distance == .mahalanobis
            ? try MahalanobisWhitening(clients: clients.map(\.covariates.values), candidates: candidates.map(\.covariates.values)) : nil
        let caliper = matching.caliperSD.map { $0 * NearestNeighbourMatcher.standardDeviation(clientLogits + candidateLogits) }
        var sets: [MatchResult.MatchedSet] = [], rounds: [Round] = []
        var remaining = Array(clients.indices), used = Set<Int64>()
        var unmatched: [(client: Int, reason: UnmatchedReason)] = []
        var allowed = maximumSMD
        let groups = CandidateGroups(candidates)
        for (r, rules) in ([exact] + relaxations).enumerated() where !remaining.isEmpty {
            let result = matchRound(rules: rules, clients: remaining, of: clients, logits: clientLogits, candidates: candidates,
                                    groups: groups, candidateLogits: candidateLogits, excluding: used, whitener: whitener, caliper: caliper)
            let roundSets = result.sets.map { s in
                MatchResult.MatchedSet(client: remaining[s.client], controls: s.controls, distances: s.distances, round: r + 1)
            }
            let largest = BalanceTable.largestSMDAfter(clients: clients, candidates: candidates, sets: sets + roundSets)
            let kept = r == 0 || (largest.map { $0 <= allowed } ?? false)
            if r == 0, let largest { allowed = max(maximumSMD, largest) }
            rounds.append(Round(number: r + 1, rules: rules, attempted: remaining.count, matched: kept ? roundSets.count : 0,
                                kept: kept, largestSMD: largest))
            guard kept else { break }
            sets += roundSets
            for s in roundSets { for c in s.controls { used.insert(candidates[c].person) } }
            unmatched = result.unmatched.map { (remaining[$0.client], $0.reason) }
            remaining = unmatched.map(\.client)
        }
        sets.sort { $0.client < $1.client }
        return Outcome(propensity: model, sets: sets, unmatched: unmatched.sorted { $0.client < $1.client }, caliper: caliper,
                       clientLogits: clientLogits, rounds: rounds)
    }

    /// One round: the given clients against the candidates not used yet, in
    /// the strata the clients search under `rules`. Returned indices of
    /// clients are positions in `indices`; candidates are indices into `candidates`.
    private func matchRound(rules: ExactMatching, clients indices: [Int], of clients: [CohortMember], logits: [Double],
                            candidates: [CohortMember], groups: CandidateGroups, candidateLogits: [Double], excluding used: Set<Int64>,
                            whitener: MahalanobisWhitening?, caliper: Double?) -> MatchResult {
        let clientUnits = indices.map { i in
            MatchUnit(person: clients[i].person, stratum: rules.candidateStratum(clients[i]), score: logits[i],
                      tieKey: Int64(clients[i].index.number), whitened: whitener?.whiten(clients[i].covariates.values) ?? [],
                      searchStrata: rules.clientStrata(clients[i]), stableKey: clients[i].stableKey)
        }
        let wanted = Set(clientUnits.flatMap(\.searchStrata))
        // Only the groups whose stratum a client searches (in the candidates' order); a candidate unit searches nothing.
        let none = Int64.min
        var stratumOf = [Int64](repeating: none, count: candidates.count)
        for group in groups.members {
            let stratum = rules.candidateStratum(candidates[group[0]])
            if wanted.contains(stratum) { for i in group { stratumOf[i] = stratum } }
        }
        var candidateUnits: [MatchUnit] = [], owner: [Int] = []
        for i in candidates.indices where stratumOf[i] != none && !used.contains(candidates[i].person) {
            let c = candidates[i]
            candidateUnits.append(MatchUnit(person: c.person, stratum: stratumOf[i], score: candidateLogits[i],
                                            tieKey: Int64(c.index.number) &* 1_000_003 &+ (c.indexIncident ?? 0),
                                            whitened: whitener?.whiten(c.covariates.values) ?? [], searchStrata: [],
                                            stableKey: c.stableKey))
            owner.append(i)
        }
        let result = NearestNeighbourMatcher(options: matching).match(clients: clientUnits, candidates: candidateUnits, caliper: caliper)
        return MatchResult(sets: result.sets.map { MatchResult.MatchedSet(client: $0.client, controls: $0.controls.map { owner[$0] },
                                                                          distances: $0.distances) },
                           unmatched: result.unmatched, caliper: result.caliper)
    }
}

/// The candidates grouped by sex, age and index month: under any exact-matching
/// rules (`ExactMatching`, a function of these three) all members of a group
/// share one stratum, so a round decides per group which candidates it needs.
struct CandidateGroups: Sendable {
    /// Candidate indices per group, ascending.
    var members: [[Int]]

    init(_ candidates: [CohortMember]) {
        var index: [Key: Int] = [:]
        members = []
        for (i, c) in candidates.enumerated() {
            let key = Key(month: c.index.year * 12 + c.index.month, sex: c.covariates.sex, age: c.covariates.age)
            if let g = index[key] { members[g].append(i) } else { index[key] = members.count; members.append([i]) }
        }
    }

    private struct Key: Hashable {
        var month: Int, sex: Sex, age: Int
    }
}
