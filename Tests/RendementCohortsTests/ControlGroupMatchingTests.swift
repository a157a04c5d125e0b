import XCTest
import RendementCore
@testable import RendementCohorts

final class ControlGroupMatchingTests: XCTestCase {
    private var state: UInt64 = 17
    private func r(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }

    private func member(_ person: Int64, heavy: Bool, month: Int) -> CohortMember {
        let index = Day(year: 2012, month: 1 + month, day: 1 + r(28))!
        let prior = heavy ? r(6) + r(4) : r(3)
        let c = MatchingCovariates(age: 12 + r(30), sex: r(4) == 0 ? .vrouw : .man, bvhHistory12: prior,
                                   hksHistory12: heavy ? r(4) : r(2), hksHistory60: heavy ? r(10) : r(4), monthsKnown: r(48))
        return CohortMember(person: person, index: index, covariates: c, indexIncident: heavy ? nil : person * 10)
    }

    func testMatchedSetsAreExactBalancedAndUseEveryPersonOnce() throws {
        let clients = (0..<200).map { member(Int64($0), heavy: true, month: $0 % 3) }
        var candidates = (0..<6000).map { member(Int64(1000 + $0), heavy: $0 % 8 == 0, month: $0 % 3) }
        candidates += (0..<1000).map { member(Int64(1000 + $0), heavy: false, month: ($0 + 1) % 3) } // same persons, other dates
        let exact = ExactMatching()
        let outcome = try ControlGroupMatching(matching: MatchingOptions(ratio: 1, caliperSD: 0.2, seed: 4), exact: exact)
            .run(clients: clients, candidates: candidates)
        XCTAssertGreaterThan(outcome.sets.count, 150, "\(Dictionary(grouping: outcome.unmatched, by: \.reason).mapValues(\.count))")
        var used = Set<Int64>()
        for s in outcome.sets {
            let client = clients[s.client]
            for c in s.controls.map({ candidates[$0] }) {
                XCTAssertEqual(c.covariates.sex, client.covariates.sex)
                XCTAssertEqual(AgeBand.defaults.firstIndex { $0.contains(c.covariates.age) },
                               AgeBand.defaults.firstIndex { $0.contains(client.covariates.age) })
                XCTAssertEqual(c.index.month, client.index.month, "control index date in the client's intake month")
                XCTAssertTrue(used.insert(c.person).inserted, "no control used twice")
            }
            XCTAssertLessThanOrEqual(try XCTUnwrap(s.distances.first), try XCTUnwrap(outcome.caliper))
        }
        XCTAssertEqual(outcome.sets.count + outcome.unmatched.count, clients.count)
        let balance = BalanceTable.rows(clients: clients, candidates: candidates, sets: outcome.sets)
        let prior = try XCTUnwrap(balance.first { $0.covariate == "bvh_history_12m" })
        let before = try XCTUnwrap(prior.before?.smd), after = try XCTUnwrap(prior.after?.smd)
        XCTAssertGreaterThan(abs(before), 0.5, "clients are heavier before matching")
        XCTAssertLessThan(abs(after), abs(before) / 3, "matching removes most of the difference")
        let csv = BalanceTable.csv(balance, minimumCell: 10)
        XCTAssertEqual(csv.split(separator: "\n").count, 1 + MatchingCovariates.names.count)
    }

    func testMonthToleranceWidensEligibility() throws {
        let clients = (0..<30).map { member(Int64($0), heavy: false, month: 1) }
        let candidates = (0..<300).map { member(Int64(1000 + $0), heavy: false, month: $0 % 2 == 0 ? 0 : 2) }
        let strict = try ControlGroupMatching(matching: MatchingOptions(caliperSD: nil, commonSupport: false),
                                              exact: ExactMatching(variables: [.intakeMonth]))
            .run(clients: clients, candidates: candidates)
        XCTAssertTrue(strict.sets.isEmpty)
        XCTAssertTrue(strict.unmatched.allSatisfy { $0.reason == .noCandidateInStratum })
        let tolerant = try ControlGroupMatching(matching: MatchingOptions(caliperSD: nil, commonSupport: false),
                                                exact: ExactMatching(variables: [.intakeMonth], monthTolerance: 1))
            .run(clients: clients, candidates: candidates)
        XCTAssertEqual(tolerant.sets.count, 30)
    }
}
