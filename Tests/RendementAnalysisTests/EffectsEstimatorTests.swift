import XCTest
import RendementCore
@testable import RendementAnalysis

final class EffectsEstimatorTests: XCTestCase {
    private let periods = ObservationPeriods(bvh: Day(year: 2009, month: 1, day: 1)!...Day(year: 2014, month: 12, day: 31)!,
                                             hks: Day(year: 2006, month: 1, day: 1)!...Day(year: 2014, month: 12, day: 31)!)

    /// A set whose client has `before`/`after` BVH contacts around an intake on
    /// `index` and one control with one contact on each side.
    private func set(_ id: Int, index: Day, age: Int, before: Int, after: Int, vhh: String) -> AnalysisSet {
        let b = (0..<before).map { (day: index.number - 10 - Int32($0), incident: Int64(id * 100 + $0)) }
        let a = (0..<after).map { (day: index.number + 10 + Int32($0), incident: Int64(id * 100 + 50 + $0)) }
        let client = SetMember(person: Int64(id), index: index, age: age, history: PoliceHistory(bvh: b + a))
        let control = SetMember(person: Int64(10_000 + id), index: index, age: age,
                                history: PoliceHistory(bvh: [(index.number - 5, 1), (index.number + 5, 2)]))
        return AnalysisSet(id: id, client: client, controls: [control], veiligheidshuis: vhh, regio: "R",
                           doelgroep: "jeugd", founded: 2005)
    }

    func testScopesBandsSuppressionAndCSV() throws {
        let index = Day(year: 2012, month: 3, day: 15)!
        var sets: [AnalysisSet] = []
        for i in 0..<24 { sets.append(set(i, index: index, age: 15, before: 2 + i % 3, after: i % 2, vhh: "A")) }
        for i in 24..<30 { sets.append(set(i, index: index, age: 40, before: 1, after: 1, vhh: "B")) }
        // A set whose 12-month window leaves the BVH period never enters W = 12... here all are inside.
        let estimator = EffectsEstimator(counter: WindowCounter(periods: periods), windows: [1, 12])
        let rows = estimator.estimate(sets)
        // Scopes: all, vhh A, vhh B, regio R, kwartaal 2012Q1, doelgroep jeugd = 6; x 2 sources x 2 windows x 5 bands;
        // and the period scopes of the quarterly reports, all ages only: per house the quarter, the rolling year and the
        // year to date ending 2012Q1 (3 x 2 houses), and the national rolling year = 7; x 2 sources x 2 windows.
        XCTAssertEqual(rows.count, 6 * 2 * 2 * 5 + 7 * 2 * 2)
        let quarter = Quarter(year: 2012, quarter: 1)
        for kind in [Scope.Kind.veiligheidshuisKwartaal, .veiligheidshuisVierKwartalen, .veiligheidshuisJaar] {
            let house = rows.filter { $0.scope == Scope(kind, "A", quarter: quarter) }
            XCTAssertEqual(house.map(\.ageBand), Array(repeating: "all", count: 4), "\(kind): all ages only")
            XCTAssertEqual(house.first?.estimate?.summary.sets, 24, "\(kind): the 24 clients of A")
        }
        XCTAssertEqual(rows.first { $0.scope == Scope(.vierKwartalen, "all", quarter: quarter) }?.estimate?.summary.sets, 30)
        let allRow = try XCTUnwrap(rows.first { $0.scope == .all && $0.ageBand == "all" && $0.source == .bvh && $0.windowMonths == 1 })
        XCTAssertEqual(allRow.estimate?.summary.sets, 30)
        XCTAssertFalse(allRow.suppressed)
        XCTAssertLessThan(try XCTUnwrap(allRow.estimate?.summary.did), 0)
        let young = try XCTUnwrap(rows.first { $0.scope == .all && $0.ageBand == "12-17" && $0.source == .bvh && $0.windowMonths == 1 })
        XCTAssertEqual(young.estimate?.summary.sets, 24)
        let old = try XCTUnwrap(rows.first { $0.scope == .all && $0.ageBand == "35-" && $0.source == .bvh && $0.windowMonths == 1 })
        XCTAssertTrue(old.suppressed, "6 clients is below 10")
        XCTAssertNil(old.pHolm, "no p-value (no spread) for the old band")
        XCTAssertEqual(young.pHolm, young.estimate?.pValue, "Holm over one testable band leaves p unchanged")
        let empty = try XCTUnwrap(rows.first { $0.scope == .all && $0.ageBand == "18-24" && $0.source == .bvh })
        XCTAssertNil(empty.estimate)
        XCTAssertTrue(empty.suppressed)

        let csv = EffectsTable.csv(rows, minimumCell: 10, anticipationMonths: 0)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, rows.count + 1)
        XCTAssertEqual(String(lines[0]), EffectsTable.columns.joined(separator: ","))
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertEqual(cells.count, EffectsTable.columns.count)
            let suppressed = EffectsTable.columns.firstIndex(of: "suppressed")!
            if cells[suppressed] == "true" {
                for n in cells[5...7] where !n.isEmpty { XCTAssertTrue(Int(n)! == 0 || Int(n)! >= 10, String(line)) }
                XCTAssertTrue(cells[8..<26].allSatisfy { $0.isEmpty }, String(line))
                XCTAssertEqual(cells[EffectsTable.columns.firstIndex(of: "reason")!], "suppressed", String(line))
                XCTAssertEqual(cells[EffectsTable.columns.firstIndex(of: "credible")!], "", "no credibility for a hidden estimate")
            }
        }
    }

    func testSetsOutsideTheObservationPeriodDoNotEnter() {
        let late = set(1, index: Day(year: 2014, month: 6, day: 1)!, age: 20, before: 1, after: 1, vhh: "A")
        let counter = WindowCounter(periods: periods)
        XCTAssertNotNil(counter.counts(late, source: .bvh, months: 6))
        XCTAssertNil(counter.counts(late, source: .bvh, months: 7), "the after-window would end after 2014-12-31")
        let early = set(2, index: Day(year: 2009, month: 3, day: 1)!, age: 20, before: 1, after: 1, vhh: "A")
        XCTAssertNotNil(counter.counts(early, source: .bvh, months: 2))
        XCTAssertNil(counter.counts(early, source: .bvh, months: 3), "the before-window would start before 2009-01-01")
        XCTAssertNotNil(counter.counts(early, source: .hks, months: 12), "HKS reaches back to 2006")
    }
}
