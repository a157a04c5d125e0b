/// Greedy nearest-neighbour matching on a score within exact strata, with a
/// caliper, ratio 1:k and with or without replacement -- the algorithm of
/// MatchIt's `matchit(method = "nearest", distance = "glm", exact = ...,
/// caliper = ..., ratio = k, replace = ..., m.order = "largest")`
/// (Ho, Imai, King & Stuart 2011; Austin 2011 for the 0.2 SD caliper).
///
/// - Clients are taken in order of decreasing score (MatchIt's "largest");
///   equal scores, and candidates at equal distance, are ordered by a seeded
///   hash of (person, tieKey), so a seed fixes the result on every platform.
/// - With ratio k, matching runs in k rounds: every client gets its first
///   control before any client gets a second (as MatchIt does).
/// - Candidates of a stratum are kept sorted by score; the nearest unused one
///   is found by binary search plus a disjoint-set "next unused" index, so the
///   work is O((clients + candidates) log candidates): never clients x candidates.
/// - Without replacement, a person who becomes a control is removed from
///   every stratum and date at once.
public struct NearestNeighbourMatcher: Sendable {
    public var options: MatchingOptions

    public init(options: MatchingOptions) {
        precondition(options.ratio >= 1, "ratio must be at least 1")
        self.options = options
    }

    /// The seeded tie-breaking rank of a unit (SplitMix64 finaliser), from the
    /// person's stable key (the pseudonym) and the unit's tie key (its date and
    /// incident), so that it does not depend on the order of import.
    static func tieRank(_ unit: MatchUnit, seed: UInt64) -> UInt64 {
        var z = seed &+ unit.stableKey &* 0x9E37_79B9_7F4A_7C15
            &+ UInt64(bitPattern: unit.tieKey) &* 0xD1B5_4A32_D192_ED03
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private struct Stratum {
        /// Candidate indices sorted by (score, tie rank).
        var members: [Int]
        var scores: [Double]
        var slots: AvailableSlots
    }

    /// Matches `clients` to `candidates`. A client searches every stratum in
    /// its `searchStrata` and takes the nearest unused candidate over all of
    /// them. `caliper` (in score units) overrides the one computed from
    /// `options.caliperSD` and these units, so that staged matching can keep
    /// one caliper over its rounds.
    public func match(clients: [MatchUnit], candidates: [MatchUnit], caliper fixedCaliper: Double? = nil) -> MatchResult {
        let seed = options.seed
        let caliper = fixedCaliper
            ?? options.caliperSD.map { $0 * Self.standardDeviation(clients.map(\.score) + candidates.map(\.score)) }

        // Strata of candidates, sorted by score.
        var byStratum: [Int64: [Int]] = [:]
        for (i, c) in candidates.enumerated() { byStratum[c.stratum, default: []].append(i) }
        let candidateRanks = candidates.map { Self.tieRank($0, seed: seed) }
        var strata: [Int64: Stratum] = [:]
        // Where each unit sits (stratum, position), and a person's units as a chain: first unit, then the next of each.
        var placeOfUnit = [(key: Int64, position: Int)](repeating: (0, 0), count: candidates.count)
        var firstUnitOfPerson: [Int64: Int] = [:], nextUnitOfPerson = [Int](repeating: -1, count: candidates.count)
        for (i, c) in candidates.enumerated() {
            if let first = firstUnitOfPerson.updateValue(i, forKey: c.person) { nextUnitOfPerson[i] = first }
        }
        for (key, members) in byStratum {
            let sorted = members.sorted {
                (candidates[$0].score, candidateRanks[$0], candidates[$0].stableKey, candidates[$0].tieKey)
                    < (candidates[$1].score, candidateRanks[$1], candidates[$1].stableKey, candidates[$1].tieKey)
            }
            for (pos, i) in sorted.enumerated() { placeOfUnit[i] = (key, pos) }
            strata[key] = Stratum(members: sorted, scores: sorted.map { candidates[$0].score },
                                  slots: AvailableSlots(count: sorted.count))
        }
        let support = candidates.isEmpty ? nil : (candidates.map(\.score).min()!, candidates.map(\.score).max()!)

        var unmatched: [(client: Int, reason: UnmatchedReason)] = []
        var active: [Int] = []
        for (i, c) in clients.enumerated() {
            guard c.searchStrata.contains(where: { strata[$0] != nil }) else { unmatched.append((i, .noCandidateInStratum)); continue }
            if options.commonSupport, let (lo, hi) = support, c.score < lo || c.score > hi {
                unmatched.append((i, .outsideCommonSupport)); continue
            }
            active.append(i)
        }
        let clientRanks = clients.map { Self.tieRank($0, seed: seed) }
        active.sort {
            (clients[$0].score, clientRanks[$1], clients[$1].stableKey, clients[$1].tieKey)
                > (clients[$1].score, clientRanks[$0], clients[$0].stableKey, clients[$0].tieKey)
        }

        var controls: [Int: [Int]] = [:]
        var distances: [Int: [Double]] = [:]
        for round in 1...options.ratio {
            var stillActive: [Int] = []
            for i in active {
                let client = clients[i]
                let taken = Set((controls[i] ?? []).map { candidates[$0].person })
                var best: (key: Int64, position: Int, distance: Double, rank: UInt64)? = nil
                for key in client.searchStrata where strata[key] != nil {
                    let found = options.distance == .mahalanobis
                        ? nearestMahalanobis(to: client, in: &strata[key]!, candidates: candidates, ranks: candidateRanks,
                                             caliper: caliper, excluding: taken)
                        : nearest(to: client, in: &strata[key]!, candidates: candidates,
                                  ranks: candidateRanks, caliper: caliper, excluding: taken)
                    guard let (position, distance) = found else { continue }
                    let rank = candidateRanks[strata[key]!.members[position]]
                    if best == nil || distance < best!.distance || (distance == best!.distance && rank < best!.rank) {
                        best = (key, position, distance, rank)
                    }
                }
                guard let best else {
                    if round == 1 {
                        let anyWithin = caliper.map { cal in
                            client.searchStrata.contains { strata[$0].map { Self.anyWithin(client.score, cal, $0.scores) } ?? false }
                        } ?? true
                        unmatched.append((i, anyWithin ? .candidatesUsedUp : .noCandidateWithinCaliper))
                    }
                    continue
                }
                let chosen = strata[best.key]!.members[best.position]
                controls[i, default: []].append(chosen)
                distances[i, default: []].append(best.distance)
                if !options.withReplacement {
                    var unit = firstUnitOfPerson[candidates[chosen].person] ?? -1
                    while unit >= 0 {
                        strata[placeOfUnit[unit].key]!.slots.remove(placeOfUnit[unit].position)
                        unit = nextUnitOfPerson[unit]
                    }
                }
                stillActive.append(i)
            }
            active = stillActive
        }
        let sets = controls.keys.sorted().map { MatchResult.MatchedSet(client: $0, controls: controls[$0]!, distances: distances[$0]!) }
        return MatchResult(sets: sets, unmatched: unmatched.sorted { $0.client < $1.client }, caliper: caliper)
    }

    /// Nearest available candidate position and its distance, skipping persons
    /// already in the set. Candidates are visited in order of (distance, tie
    /// rank): to the right that is position order; to the left, groups of equal
    /// score from the nearest down, and within a group ascending tie rank.
    private func nearest(to client: MatchUnit, in stratum: inout Stratum, candidates: [MatchUnit], ranks: [UInt64],
                         caliper: Double?, excluding taken: Set<Int64>) -> (Int, Double)? {
        let start = Self.lowerBound(stratum.scores, client.score)
        var right = stratum.slots.unused(atOrRightOf: start)
        var leftGroup: (low: Int, high: Int)? = nil
        var left: Int? = nil
        func enterLeftGroup(_ p: Int?, _ stratum: inout Stratum) {
            guard let p else { leftGroup = nil; left = nil; return }
            let low = Self.lowerBound(stratum.scores, stratum.scores[p])
            leftGroup = (low, p)
            left = stratum.slots.unused(atOrRightOf: low)
        }
        enterLeftGroup(start > 0 ? stratum.slots.unused(atOrLeftOf: start - 1) : nil, &stratum)
        while left != nil || right != nil {
            let dl = left.map { client.score - stratum.scores[$0] } ?? .infinity
            let dr = right.map { stratum.scores[$0] - client.score } ?? .infinity
            let pickLeft = dl == dr ? ranks[stratum.members[left!]] < ranks[stratum.members[right!]] : dl < dr
            let position = pickLeft ? left! : right!
            let distance = pickLeft ? dl : dr
            if let caliper, distance > caliper { return nil }
            if !taken.contains(candidates[stratum.members[position]].person) { return (position, distance) }
            if pickLeft {
                let group = leftGroup!
                if let next = stratum.slots.unused(atOrRightOf: position + 1), next <= group.high {
                    left = next
                } else {
                    enterLeftGroup(group.low > 0 ? stratum.slots.unused(atOrLeftOf: group.low - 1) : nil, &stratum)
                }
            } else {
                right = stratum.slots.unused(atOrRightOf: position + 1)
            }
        }
        return nil
    }

    /// The unused candidate nearest in Mahalanobis distance among those within
    /// the caliper on the score (the whole stratum without a caliper), ties by
    /// seeded rank. Cost: the candidates inside the caliper window.
    private func nearestMahalanobis(to client: MatchUnit, in stratum: inout Stratum, candidates: [MatchUnit], ranks: [UInt64],
                                    caliper: Double?, excluding taken: Set<Int64>) -> (Int, Double)? {
        let low = caliper.map { client.score - $0 } ?? -.infinity
        let high = caliper.map { client.score + $0 } ?? .infinity
        var position = stratum.slots.unused(atOrRightOf: low.isFinite ? Self.lowerBound(stratum.scores, low) : 0)
        var best: (position: Int, squared: Double, rank: UInt64)? = nil
        while let p = position, stratum.scores[p] <= high {
            let unit = candidates[stratum.members[p]]
            if !taken.contains(unit.person) {
                var d2 = 0.0
                for (a, b) in zip(client.whitened, unit.whitened) { d2 += (a - b) * (a - b) }
                let rank = ranks[stratum.members[p]]
                if best == nil || d2 < best!.squared || (d2 == best!.squared && rank < best!.rank) { best = (p, d2, rank) }
            }
            position = stratum.slots.unused(atOrRightOf: p + 1)
        }
        return best.map { ($0.position, $0.squared.squareRoot()) }
    }

    static func lowerBound(_ values: [Double], _ x: Double) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func anyWithin(_ x: Double, _ caliper: Double, _ sorted: [Double]) -> Bool {
        let i = lowerBound(sorted, x - caliper)
        return i < sorted.count && sorted[i] <= x + caliper
    }

    /// Sample standard deviation (n - 1).
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let ss = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (ss / Double(values.count - 1)).squareRoot()
    }
}
