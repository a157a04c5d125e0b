import XCTest
import RendementCore
import RendementStore
@testable import RendementAnalysis
@testable import RendementCohorts

/// Matching on small hand-made populations whose correct outcome is known.
final class MatchingRunTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    /// A population with 30 clients and, per client, one twin (same sex,
    /// age, month, prior record) plus decoys in other months or strata.
    func testClientsGetTheirTwinsAndEveryRuleHolds() throws {
        let f = try StoreFixture()
        for i in 0..<30 {
            let born = day(1960 + i, 1 + i % 12, 10)   // a distinct age per client: no two clients tie
            let intake = day(2012, 1 + i % 6, 15)
            let sex: Sex = i % 3 == 0 ? .vrouw : .man
            let client = try f.person(born: born, sex: sex)
            try f.registration(client, house: i % 2 == 0 ? "Twente" : "Fryslân", intake: intake)
            for k in 0..<(i % 4) { try f.bvh(client, intake.adding(days: -20 - 30 * k), role: .betrokkene) }
            try f.bvh(client, intake.adding(days: 40), role: .betrokkene)   // a police record for every client
            let twin = try f.person(born: born, sex: sex)
            try f.bvh(twin, intake.adding(days: 2))            // the twin's index incident, same month
            for k in 0..<(i % 4) { try f.bvh(twin, intake.adding(days: -18 - 30 * k), role: .betrokkene) }
            let otherMonth = try f.person(born: born, sex: sex)  // decoy: suspect only in another month
            try f.bvh(otherMonth, intake.adding(months: 7))
        }
        // A person registered without a plan must never be a control, even as a suspect.
        let noPlan = try f.person(born: day(1995, 5, 5))
        try f.registration(noPlan, intake: day(2012, 3, 1), plan: false)
        try f.bvh(noPlan, day(2012, 3, 10))

        var settings = MatchingSettings()
        settings.caliperSD = nil
        let report = try MatchingRun(settings: settings, toolVersion: "test").run(store: f.store)
        XCTAssertEqual(report.cohort.clients.count, 30)
        XCTAssertEqual(report.cohort.excluded[.noPlan], 1)
        XCTAssertNil(report.cohort.excluded[.noPoliceRecord])
        XCTAssertEqual(report.matchedSets, 30, "\(report.unmatchedByHouse)")
        let units = try f.store.matchedUnits(run: report.runID)
        let clients = Set(units.filter(\.isClient).map(\.personKey))
        var used = Set<Int64>()
        for set in Dictionary(grouping: units, by: \.setID).values {
            let client = set.first(where: \.isClient)!
            let control = set.first { !$0.isClient }!
            XCTAssertFalse(clients.contains(control.personKey), "no control is ever a client")
            XCTAssertNotEqual(control.personKey, noPlan, "a registered person is never a control")
            XCTAssertTrue(used.insert(control.personKey).inserted, "no control used twice")
            XCTAssertEqual(control.index.month, client.index.month)
            XCTAssertEqual(control.index.year, client.index.year)
            // The twin has the client's covariates, so the nearest neighbour is at distance 0 (the twin
            // itself, or another client's twin when the propensity model ignores the only difference).
            XCTAssertEqual(try XCTUnwrap(control.distance), 0, accuracy: 1e-9)
            XCTAssertEqual(control.weight, 1)
        }
        // Balance after matching: exact on sex, within 0.1 SD on everything.
        for row in report.balance where row.scopeType == "all" {
            XCTAssertLessThanOrEqual(abs(row.after?.smd ?? .nan), 0.1, row.covariate)
            if row.covariate == "sex_man" { XCTAssertEqual(row.after?.smd ?? .nan, 0, accuracy: 1e-12) }
        }
    }

    func testControlsIndexIncidentAndLinkedReportsAreNotOutcomes() throws {
        let f = try StoreFixture()
        let intake = day(2012, 6, 15)
        var twins: [Int64] = []
        for i in 0..<12 {
            let born = day(1985 + i, 3, 1)
            let client = try f.person(born: born)
            try f.registration(client, intake: intake)
            try f.bvh(client, intake.adding(days: -30))
            let twin = try f.person(born: born)
            try f.bvh(twin, intake.adding(days: 1), registratienummer: "IDX\(i)")
            try f.bvh(twin, intake.adding(days: -29))
            try f.hks(twin, intake.adding(days: 3), pv: "PV\(i)", link: "IDX\(i)")   // pv of the index incident, dated later
            try f.hks(twin, intake.adding(days: 20), pv: "PVX\(i)")                  // an unrelated later pv: an outcome
            twins.append(twin)
        }
        var settings = MatchingSettings()
        settings.caliperSD = nil
        _ = try MatchingRun(settings: settings, toolVersion: "test").run(store: f.store)
        let input = try AnalysisInput.load(from: f.store)
        XCTAssertEqual(input.sets.count, 12)
        for s in input.sets {
            let control = try XCTUnwrap(s.controls.first)
            XCTAssertEqual(control.history.bvh.days.count, 1, "the index incident is gone")
            XCTAssertEqual(control.history.hks.days.count, 1, "the linked pv is gone, the unrelated one stays")
            XCTAssertEqual(control.history.hks.days.first, intake.adding(days: 20).number)
        }
    }

    /// The in-place reordering of the candidate pool gives what a gather would.
    func testPermuteInPlaceEqualsGather() {
        var s: UInt64 = 3
        for n in [0, 1, 2, 7, 100, 1000] {
            var order = Array(0..<n)
            for i in order.indices.reversed() where i > 0 {
                s = s &* 6364136223846793005 &+ 1442695040888963407
                order.swapAt(i, Int((s >> 33) % UInt64(i + 1)))
            }
            let values = (0..<n).map { "v\($0)" }
            var permuted = values
            CandidatePool.permute(&permuted, to: order)
            XCTAssertEqual(permuted, order.map { values[$0] })
        }
    }
}
