import Foundation
import XCTest
@testable import RendementCore

/// The linear programs of the disclosure audit against scipy.optimize.linprog
/// (fixtures of scripts/reference/disclosure_lp.py), and the complementary
/// suppression on the hierarchies of issue 15.
final class DisclosureTests: XCTestCase {
    private struct Fixture: Decodable {
        struct Program: Decodable {
            var objective: [Double], rows: [[Double]], rhs: [Double], lower: [Double], upper: [Double?]
            var expected: Expected
        }
        enum Expected: Decodable {
            case value(Double), word(String)
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let v = try? c.decode(Double.self) { self = .value(v) } else { self = .word(try c.decode(String.self)) }
            }
        }
        struct Table: Decodable {
            struct Relation: Decodable { var total: Int, parts: [Int] }
            struct Interval: Decodable { var cell: Int, low: Double, high: Double? }
            var names: [String], values: [Int], hidden: [Bool], lower: [Double], relations: [Relation], intervals: [Interval]
        }
        var programs: [Program]
        var tables: [Table]
    }

    private func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/disclosure_lp.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func testLinearProgramsMatchScipy() throws {
        let f = try fixture()
        XCTAssertGreaterThan(f.programs.count, 50)
        var kinds = Set<String>()
        for (i, p) in f.programs.enumerated() {
            let lp = LinearProgram(objective: p.objective, rows: p.rows, rhs: p.rhs, lower: p.lower, upper: p.upper.map { $0 ?? .infinity })
            let outcome = lp.minimize()
            switch (p.expected, outcome) {
            case let (.value(v), .optimal(value, x)):
                kinds.insert("optimal")
                XCTAssertEqual(value, v, accuracy: 1e-6 * max(1, abs(v)), "program \(i)")
                for (r, b) in zip(p.rows, p.rhs) { XCTAssertEqual(zip(r, x).reduce(0) { $0 + $1.0 * $1.1 }, b, accuracy: 1e-6, "program \(i) feasible") }
            case (.word("infeasible"), .infeasible): kinds.insert("infeasible")
            case (.word("unbounded"), .unbounded): kinds.insert("unbounded")
            default: XCTFail("program \(i): expected \(p.expected), got \(outcome)")
            }
        }
        XCTAssertEqual(kinds, ["optimal", "infeasible", "unbounded"])
    }

    func testAttackerIntervalsMatchScipy() throws {
        let f = try fixture()
        var checked = 0
        for (t, table) in f.tables.enumerated() {
            var problem = AttackerIntervals()
            for k in table.values.indices {
                problem.add(.init(name: table.names[k], value: table.hidden[k] ? nil : Double(table.values[k]), lower: table.lower[k],
                                  protected: table.hidden[k]))
            }
            problem.relations = table.relations.map { .sum(total: $0.total, parts: $0.parts) }
            let got = Dictionary(uniqueKeysWithValues: problem.intervals().map { ($0.cell, $0) })
            for e in table.intervals {
                guard let g = got[e.cell] else { XCTFail("table \(t) cell \(e.cell) has no interval"); continue }
                XCTAssertEqual(g.low, e.low, accuracy: 1e-6, "table \(t) cell \(table.names[e.cell]) low")
                if let h = e.high { XCTAssertEqual(g.high ?? .infinity, h, accuracy: 1e-6, "table \(t) cell \(table.names[e.cell]) high") } else { XCTAssertNil(g.high) }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    /// Rotterdam, 12-month BVH: all ages 40 sets; 12-17, 18-24, 25-34 show
    /// 10, 15 and 14; 35+ holds 1. Primary suppression alone gives 35+ away
    /// exactly; after complementary suppression it lies in a range at least
    /// 10 wide.
    func testRotterdamAgeBandCannotBeRecovered() {
        let values = [[40], [10], [15], [14], [1]]
        let relation = ComplementarySuppression.Relation(total: 0, parts: [1, 2, 3, 4])
        var plan = ComplementarySuppression(values: values, relations: [relation], threshold: 10)
        XCTAssertEqual(plan.status, [.published, .published, .published, .published, .primary])
        XCTAssertEqual(findings(values, plan.status, [relation]).map(\.cell), ["4"], "primary suppression alone leaks")
        plan.protect()
        XCTAssertEqual(plan.status, [.published, .secondary, .published, .published, .primary], "the smallest band is the complement")
        XCTAssertEqual(findings(values, plan.status, [relation]), [])
        let interval = intervals(values, plan.status, [relation])[4]!
        XCTAssertEqual(interval.low, 0)
        XCTAssertEqual(interval.high, 11)
    }

    /// Noord-Nederland 28 sets = Fryslân 20 + Groningen 8; the country = the
    /// regions; a house alone in its region needs its region hidden too.
    func testHousesWithinRegionsAndCountry() {
        // 0 country, 1 Noord, 2 Fryslân, 3 Groningen, 4 Zuid, 5 Limburg, 6 Brabant
        let values = [[98], [28], [20], [8], [70], [30], [40]]
        let relations = [ComplementarySuppression.Relation(total: 0, parts: [1, 4]), .init(total: 0, parts: [2, 3, 5, 6]),
                         .init(total: 1, parts: [2, 3]), .init(total: 4, parts: [5, 6])]
        var plan = ComplementarySuppression(values: values, relations: relations, threshold: 10)
        plan.protect()
        XCTAssertEqual(plan.status[3], .primary)
        XCTAssertEqual(plan.status[2], .secondary, "Fryslân hides Groningen within Noord-Nederland")
        XCTAssertEqual(plan.status[1], .published, "the region total is kept")
        XCTAssertEqual(findings(values, plan.status, relations), [])
    }

    /// A suppressed quarter with "to date" and the other quarters shown.
    func testQuarterWithinToDate() {
        let values = [[45], [12], [3], [16], [14]]
        let relation = ComplementarySuppression.Relation(total: 0, parts: [1, 2, 3, 4])
        var plan = ComplementarySuppression(values: values, relations: [relation], threshold: 10)
        plan.protect()
        XCTAssertEqual(plan.status, [.published, .secondary, .primary, .published, .published],
                       "the smallest quarter that brings the hidden sum to the threshold (3 + 12 >= 10)")
        XCTAssertEqual(findings(values, plan.status, [relation]), [])
    }

    /// When no part is left, the total is hidden, and then protected in its own parent relation.
    func testTotalHiddenWhenNoPartIsLeft() {
        // 0 country = 1 + 2; 1 = 3 + 4 with 4 holding 2 and 3 holding 5
        let values = [[60], [7], [53], [5], [2]]
        let relations = [ComplementarySuppression.Relation(total: 0, parts: [1, 2]), .init(total: 1, parts: [3, 4])]
        var plan = ComplementarySuppression(values: values, relations: relations, threshold: 10)
        plan.protect()
        XCTAssertTrue(plan.isHidden(1) && plan.isHidden(2), "the small region and its complement")
        XCTAssertEqual(findings(values, plan.status, relations), [])
    }

    private func problem(_ values: [[Int]], _ status: [ComplementarySuppression.Status],
                         _ relations: [ComplementarySuppression.Relation]) -> AttackerIntervals {
        var p = AttackerIntervals()
        for (i, v) in values.enumerated() {
            p.add(.init(name: "\(i)", value: status[i] == .published ? Double(v[0]) : nil, protected: status[i] != .published))
        }
        p.relations = relations.map { .sum(total: $0.total, parts: $0.parts) }
        return p
    }

    private func findings(_ values: [[Int]], _ status: [ComplementarySuppression.Status],
                          _ relations: [ComplementarySuppression.Relation]) -> [DisclosureFinding] {
        DisclosureFinding.audit(problem(values, status, relations), threshold: 10).filter { status[Int($0.cell)!] == .primary }
    }

    private func intervals(_ values: [[Int]], _ status: [ComplementarySuppression.Status],
                           _ relations: [ComplementarySuppression.Relation]) -> [Int: AttackerIntervals.Interval] {
        Dictionary(uniqueKeysWithValues: problem(values, status, relations).intervals().map { ($0.cell, $0) })
    }
}
