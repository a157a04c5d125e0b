import XCTest
import RendementCore
@testable import RendementAnalysis

/// The disclosure plan on hand-made analysis results: the cases of issue 15
/// (Rotterdam's age band 35+, a quarter within "so far"), the derived-figure
/// rule, and that the written effects table hides what the plan hides.
final class DisclosurePlanTests: XCTestCase {
    /// A row of `n` sets, `withEvent` of whose clients had an event before intake.
    private func row(_ scope: Scope, _ band: String = "all", n: Int, withEvent: Int = 0) -> EffectRow {
        let sets = (0..<n).map { i in SetCounts(clientBefore: i < withEvent ? 1 : 0, clientAfter: 0, controlsBefore: [0], controlsAfter: [0]) }
        let preTrend = PreTrendTest(firstMonth: -24, lastMonth: -1, binMonths: 3, sets: 0, statistic: nil, df1: nil, df2: nil, pValue: nil, reason: .noRoom)
        let placebo = PlaceboEstimate(windowMonths: nil, counts: [])
        return EffectRow(scope: scope, ageBand: band, source: .bvh, windowMonths: 12, estimate: n == 0 ? nil : DifferenceInDifferences(sets),
                         pHolm: nil, suppressed: n < 10, placebo: placebo, preTrend: preTrend,
                         credibility: .judge(preTrend: preTrend, placebo: placebo, level: 0.05))
    }

    private func results(_ rows: [EffectRow]) -> AnalysisResults {
        AnalysisResults(settings: AnalysisSettings(), matchRunID: 1, periods: ObservationPeriods(bvh: nil, hks: nil), effects: rows,
                        sensitivity: [], ageModeration: [], eventStudies: [], survival: [], comparison: [], setTallies: [])
    }

    private func hidden(_ plan: DisclosurePlan, _ rows: [EffectRow]) -> [String] {
        rows.filter { !plan.mayPublish($0) }.map { $0.ageBand == "all" ? "\($0.scope.kind.rawValue) \($0.scope.quarter?.description ?? $0.scope.name)" : $0.ageBand }
    }

    /// All ages 40 sets; 12-17, 18-24, 25-34 hold 10, 15 and 14; 35+ holds 1.
    func testRotterdamAgeBandIsProtected() throws {
        let house = Scope(.veiligheidshuis, "Rotterdam-Rijnmond")
        let rows = [row(house, n: 40), row(house, "12-17", n: 10), row(house, "18-24", n: 15), row(house, "25-34", n: 14), row(house, "35-", n: 1)]
        let plan = DisclosurePlan(results: results(rows), regions: [:], clients: [])
        XCTAssertEqual(hidden(plan, rows), ["12-17", "35-"], "35+ and the smallest band that brings the hidden sum to 10")
        XCTAssertEqual(plan.rows[DisclosurePlan.RowKey(rows[4])], .primary)
        XCTAssertEqual(plan.rows[DisclosurePlan.RowKey(rows[1])], .secondary)
        // The effects table hides both alike: no count, reason `suppressed`.
        let csv = EffectsTable.csv(plan.applied(to: results(rows)).effects, minimumCell: 10, anticipationMonths: 0)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0], nSets = header.firstIndex(of: "n_sets")!, reason = header.firstIndex(of: "reason")!
        for line in lines.dropFirst() where ["12-17", "35-"].contains(line[2]) {
            XCTAssertEqual(line[nSets], "")
            XCTAssertEqual(line[reason], "suppressed")
        }
        XCTAssertEqual(lines.dropFirst().filter { $0[nSets].isEmpty }.count, 2)
        // What a reader can derive from the published table: 35+ anywhere from 0 to 11.
        var problem = AttackerIntervals()
        for line in lines.dropFirst() { problem.add(.init(name: line[2], value: Double(line[nSets]), protected: line[nSets].isEmpty)) }
        problem.relations = [.sum(total: 0, parts: [1, 2, 3, 4])]
        XCTAssertEqual(problem.intervals().first { problem.cells[$0.cell].name == "35-" }.map { [$0.low, $0.high!] }, [0, 11])
        XCTAssertEqual(DisclosureFinding.audit(problem, threshold: 10), [])
    }

    /// A prevalence of 1 in 23 is one person (and 22 without): the row is hidden, and protected like any small row.
    func testAFigureRestingOnFewPersonsIsHidden() {
        let house = Scope(.veiligheidshuis, "Utrecht")
        let rows = [row(house, n: 61, withEvent: 11), row(house, "12-17", n: 23, withEvent: 1), row(house, "18-24", n: 20, withEvent: 10),
                    row(house, "25-34", n: 18, withEvent: 0)]
        XCTAssertEqual(DisclosurePlan.counts(rows[1]).prefix(6), [23, 23, 1, 0, 22, 23])
        let plan = DisclosurePlan(results: results(rows), regions: [:], clients: [])
        XCTAssertEqual(plan.rows[DisclosurePlan.RowKey(rows[1])], .primary)
        XCTAssertEqual(hidden(plan, rows), ["12-17", "18-24"],
                       "25-34 (18 sets) is smaller but has no one with an event: with it, the hidden bands would hold 1 person with an event")
    }

    /// A quarter of 3 sets within "so far" 45 with the other quarters 12, 16 and 14 shown.
    func testQuarterWithinSoFar() {
        let q = (1...4).map { Quarter(year: 2013, quarter: $0) }
        let rows = [row(Scope(.veiligheidshuis, "Haaglanden"), n: 45)] + zip(q, [12, 3, 16, 14]).map { row(Scope(.veiligheidshuisKwartaal, "Haaglanden", quarter: $0), n: $1) }
        let plan = DisclosurePlan(results: results(rows), regions: [:], clients: [])
        XCTAssertEqual(hidden(plan, rows), ["veiligheidshuis_kwartaal 2013Q1", "veiligheidshuis_kwartaal 2013Q2"])
    }

    /// Noord-Nederland = Fryslân 20 + Groningen 8: Fryslân is hidden with Groningen, the region kept.
    func testHouseWithinItsRegion() {
        let rows = [row(Scope(.regio, "Noord-Nederland"), n: 28), row(Scope(.veiligheidshuis, "Fryslân"), n: 20), row(Scope(.veiligheidshuis, "Groningen"), n: 8)]
        let plan = DisclosurePlan(results: results(rows), regions: ["Fryslân": "Noord-Nederland", "Groningen": "Noord-Nederland"], clients: [])
        XCTAssertEqual(hidden(plan, rows), ["veiligheidshuis Fryslân", "veiligheidshuis Groningen"])
    }
}
