import XCTest
@testable import RendementCohorts
import RendementStats

final class NearestNeighbourMatcherTests: XCTestCase {
    private func unit(_ person: Int64, _ score: Double, stratum: Int64 = 0, tie: Int64 = 0) -> MatchUnit {
        MatchUnit(person: person, stratum: stratum, score: score, tieKey: tie)
    }

    private func controls(_ r: MatchResult) -> [Int: [Int]] {
        Dictionary(uniqueKeysWithValues: r.sets.map { ($0.client, $0.controls) })
    }

    func testLargestScoreFirstGreedyWithoutReplacement() {
        let clients = [unit(1, 0.9), unit(2, 1.0)]
        let candidates = [unit(10, 0.95), unit(11, 0.0)]
        let m = NearestNeighbourMatcher(options: MatchingOptions(caliperSD: nil, commonSupport: false))
        let r = m.match(clients: clients, candidates: candidates)
        XCTAssertEqual(controls(r), [1: [0], 0: [1]])
        XCTAssertEqual(r.sets.first { $0.client == 0 }!.distances[0], 0.9, accuracy: 1e-12)
        let withReplacement = NearestNeighbourMatcher(options: MatchingOptions(caliperSD: nil, withReplacement: true, commonSupport: false))
        XCTAssertEqual(controls(withReplacement.match(clients: clients, candidates: candidates)), [0: [0], 1: [0]])
    }

    func testRatioRunsInRounds() {
        let clients = [unit(1, 1.0), unit(2, 0.9)]
        let candidates = [unit(10, 0.95), unit(11, 0.96), unit(12, 0.5), unit(13, 0.4)]
        let r = NearestNeighbourMatcher(options: MatchingOptions(ratio: 2, caliperSD: nil, commonSupport: false)).match(clients: clients, candidates: candidates)
        XCTAssertEqual(controls(r), [0: [1, 2], 1: [0, 3]])
    }

    func testCaliperAndReasons() {
        // SD of all scores is about 5.8, so the caliper is about 0.58.
        let clients = [unit(1, 0.25), unit(2, 12.0), unit(3, 0.3)]
        let candidates = [unit(10, 0.28), unit(11, -2.0), unit(12, 9.0)]
        let r = NearestNeighbourMatcher(options: MatchingOptions(caliperSD: 0.1)).match(clients: clients, candidates: candidates)
        let sd = NearestNeighbourMatcher.standardDeviation([0.25, 12, 0.3, 0.28, -2, 9])
        XCTAssertEqual(r.caliper!, 0.1 * sd, accuracy: 1e-12)
        XCTAssertEqual(controls(r), [2: [0]])
        let reasons = Dictionary(uniqueKeysWithValues: r.unmatched.map { ($0.client, $0.reason) })
        XCTAssertEqual(reasons[0], .candidatesUsedUp)
        XCTAssertEqual(reasons[1], .outsideCommonSupport)
        let noSupport = NearestNeighbourMatcher(options: MatchingOptions(caliperSD: 0.1, commonSupport: false))
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: noSupport.match(clients: clients, candidates: candidates).unmatched.map { ($0.client, $0.reason) })[1],
                       .noCandidateWithinCaliper)
    }

    func testStrataAreExact() {
        let clients = [unit(1, 0.0, stratum: 1), unit(2, 0.0, stratum: 3)]
        let candidates = [unit(10, 0.0, stratum: 2), unit(11, 5.0, stratum: 1)]
        let r = NearestNeighbourMatcher(options: MatchingOptions(caliperSD: nil)).match(clients: clients, candidates: candidates)
        XCTAssertEqual(controls(r), [0: [1]])
        XCTAssertEqual(r.unmatched.map(\.reason), [.noCandidateInStratum])
    }

    func testAPersonIsUsedOnceAcrossDatesAndStrata() {
        let clients = [unit(1, 1.0, stratum: 1), unit(2, 1.0, stratum: 2)]
        let candidates = [unit(10, 1.0, stratum: 1, tie: 100), unit(10, 1.0, stratum: 2, tie: 200), unit(11, 3.0, stratum: 2)]
        let r = NearestNeighbourMatcher(options: MatchingOptions(caliperSD: nil, commonSupport: false)).match(clients: clients, candidates: candidates)
        let persons = r.sets.flatMap { $0.controls.map { candidates[$0].person } }
        XCTAssertEqual(Set(persons).count, persons.count)
        XCTAssertEqual(persons.count, 2)
    }

    func testSamePersonNeverTwiceInOneSetWithReplacement() throws {
        let clients = [unit(1, 0.9875)]
        let candidates = [unit(10, 0.99, tie: 1), unit(10, 0.98, tie: 2), unit(11, 0.5)]
        let r = NearestNeighbourMatcher(options: MatchingOptions(ratio: 2, caliperSD: nil, withReplacement: true)).match(clients: clients, candidates: candidates)
        XCTAssertEqual(try XCTUnwrap(r.sets.first).controls.map { candidates[$0].person }, [10, 11])
    }

    /// Compares the indexed matcher with a naive scan of every candidate for every
    /// client (the definition), on random populations with ties and strata.
    func testAgreesWithNaiveGreedyScan() {
        var state: UInt64 = 42
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        for trial in 0..<40 {
            let nc = 5 + trial % 17, nk = 20 + trial * 3
            let clients = (0..<nc).map { unit(Int64($0), (next() * 20).rounded() / 10, stratum: Int64(next() * 3)) }
            let candidates = (0..<nk).map { unit(Int64(1000 + Int(next() * Double(nk) * 0.7)), (next() * 20).rounded() / 10,
                                                 stratum: Int64(next() * 3), tie: Int64($0)) }
            for options in [MatchingOptions(ratio: 1 + trial % 3, caliperSD: trial % 2 == 0 ? 0.3 : nil, withReplacement: trial % 4 == 1, seed: UInt64(trial))] {
                let fast = NearestNeighbourMatcher(options: options).match(clients: clients, candidates: candidates)
                let slow = naive(clients: clients, candidates: candidates, options: options, caliper: fast.caliper)
                XCTAssertEqual(controls(fast), slow, "trial \(trial)")
            }
        }
    }

    private func naive(clients: [MatchUnit], candidates: [MatchUnit], options: MatchingOptions, caliper: Double?) -> [Int: [Int]] {
        let rank = { (u: MatchUnit) in NearestNeighbourMatcher.tieRank(u, seed: options.seed) }
        let lo = candidates.map(\.score).min()!, hi = candidates.map(\.score).max()!
        var order = clients.indices.filter { c in
            candidates.contains { $0.stratum == clients[c].stratum } && clients[c].score >= lo && clients[c].score <= hi
        }
        order.sort { (clients[$0].score, rank(clients[$1])) > (clients[$1].score, rank(clients[$0])) }
        var usedPersons = Set<Int64>()
        var result: [Int: [Int]] = [:]
        for _ in 0..<options.ratio {
            var next: [Int] = []
            for c in order {
                let inSet = Set((result[c] ?? []).map { candidates[$0].person })
                var best: Int? = nil
                for (k, cand) in candidates.enumerated() where cand.stratum == clients[c].stratum {
                    if !options.withReplacement && usedPersons.contains(cand.person) { continue }
                    if inSet.contains(cand.person) { continue }
                    let d = abs(cand.score - clients[c].score)
                    if let caliper, d > caliper { continue }
                    if let b = best {
                        let db = abs(candidates[b].score - clients[c].score)
                        if d < db || (d == db && rank(cand) < rank(candidates[b])) { best = k }
                    } else { best = k }
                }
                if let best {
                    result[c, default: []].append(best)
                    usedPersons.insert(candidates[best].person)
                    next.append(c)
                }
            }
            order = next
        }
        return result
    }
}

final class MahalanobisMatchingTests: XCTestCase {
    /// The whitened distance equals sqrt((a-b)' S^-1 (a-b)) with S the pooled within-group covariance.
    func testWhiteningGivesTheMahalanobisDistance() throws {
        var s: UInt64 = 11
        func r() -> Double { s = s &* 6364136223846793005 &+ 1442695040888963407; return Double((s >> 33) % 1000) / 100 }
        let clients: [[Double]] = (0..<40).map { _ in [r(), r() + r(), r() * 0.3] }
        let candidates: [[Double]] = (0..<90).map { _ in [r(), r(), r() + 1.0] }
        let w = try MahalanobisWhitening(clients: clients, candidates: candidates)
        // Pooled within-group covariance by the textbook formula.
        func scatter(_ rows: [[Double]]) -> [[Double]] {
            var m = [0.0, 0.0, 0.0]
            for r in rows { for j in 0..<3 { m[j] += r[j] / Double(rows.count) } }
            var out = [[Double]](repeating: [0, 0, 0], count: 3)
            for r in rows { for a in 0..<3 { for b in 0..<3 { out[a][b] += (r[a] - m[a]) * (r[b] - m[b]) } } }
            return out
        }
        let c1 = scatter(clients), c0 = scatter(candidates)
        let df = Double(clients.count + candidates.count - 2)
        var pooledRows = [[Double]](repeating: [0, 0, 0], count: 3)
        for a in 0..<3 { for b in 0..<3 { pooledRows[a][b] = (c1[a][b] + c0[a][b]) / df } }
        let pooled = Matrix(pooledRows)
        let inverse = try pooled.inverseSymmetricPositiveDefinite()
        for (a, b) in zip(clients.prefix(10), candidates.prefix(10)) {
            let d = zip(a, b).map { $0 - $1 }
            let sd = inverse.multiply(d)
            var quadratic = 0.0
            for k in 0..<3 { quadratic += d[k] * sd[k] }
            let za = w.whiten(a), zb = w.whiten(b)
            var squared = 0.0
            for k in za.indices { squared += (za[k] - zb[k]) * (za[k] - zb[k]) }
            let direct = quadratic.squareRoot(), whitened = squared.squareRoot()
            XCTAssertEqual(whitened, direct, accuracy: 1e-10 * direct)
        }
    }

    /// Within the caliper window the Mahalanobis-nearest candidate wins, even when
    /// another is nearer on the score.
    func testPicksTheMahalanobisNearestWithinTheCaliper() {
        let client = MatchUnit(person: 1, stratum: 0, score: 0.0, whitened: [0, 0])
        let candidates = [
            MatchUnit(person: 10, stratum: 0, score: 0.01, tieKey: 1, whitened: [3, 3]),   // nearest on the score, far in covariates
            MatchUnit(person: 11, stratum: 0, score: 0.4, tieKey: 2, whitened: [0.5, 0]),  // near in covariates, inside the caliper
            MatchUnit(person: 12, stratum: 0, score: 5.0, tieKey: 3, whitened: [0, 0]),    // identical covariates, outside the caliper
        ]
        let options = MatchingOptions(caliperSD: 0.2, commonSupport: false, distance: .mahalanobis)
        let r = NearestNeighbourMatcher(options: options).match(clients: [client], candidates: candidates)
        XCTAssertEqual(r.sets.first?.controls, [1])
        XCTAssertEqual(r.sets.first?.distances.first ?? .nan, 0.5, accuracy: 1e-12)
        let ps = NearestNeighbourMatcher(options: MatchingOptions(caliperSD: 0.2, commonSupport: false)).match(clients: [client], candidates: candidates)
        XCTAssertEqual(ps.sets.first?.controls, [0])
    }
}
