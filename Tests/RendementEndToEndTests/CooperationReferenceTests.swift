import Foundation
import RendementCore
@testable import RendementAnalysis
import RendementImport
import RendementStore
import XCTest

/// The cooperation indicators and Stappenmeter figures against the
/// independent pandas/scipy/statsmodels reference
/// (scripts/reference/cooperation_reference.py): the fixture's inputs are
/// imported with rendement, the results computed as `analyze` does, and
/// every cell, trend and the association compared with expected.json.
final class CooperationReferenceTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cooperation").path

    struct Expected: Decodable {
        struct Indicator: Decodable {
            let veiligheidshuis: String?, doelgroep: String?, quarter: String?, rolling_year: Bool
            let registrations: Int, persons: Int, with_plan: Int, repeats: Int
            let plan_days_n: Int, plan_days_persons: Int, plan_days: [Double]?, plan_before_intake: Int
            let partners_n: Int, partners_persons: Int, partners_mean: Double?, partners_median: Double?
        }
        struct Score: Decodable {
            let veiligheidshuis: String?, casusoverleg: String?, quarter: String?, step: String?
            let n: Int, mean: Double, sd: Double?, ci: [Double]?, quartiles: [Double], distribution: [Int]?
        }
        struct Trend: Decodable {
            let veiligheidshuis: String?, step: String?, n: Int, quarters: Int
            let slope: Double?, ci: [Double]?, p: Double?, reason: String?
        }
        struct Association: Decodable { var slope: Double, ci: [Double], p: Double, r: Double, n: Int }
        let indicators: [Indicator]
        let scores: [Score]
        let trends: [Trend]
        let association: Association
    }

    /// The fixture imported into a new store, and the results as analyze computes them.
    static func results() throws -> (CooperationResults, TemporaryFolder) {
        let dir = TemporaryFolder()
        let store = try Store(path: dir.path + "/store.sqlite")
        let importer = Importer(store: store, options: ImportOptions(maxRejectRate: 0))
        for kind in [InputKind.veiligheidshuizen, .clienten, .stappenmeter] {
            let s = try importer.importFile(fixture + "/\(kind.rawValue).csv", kind: kind)
            XCTAssertEqual(s.rejected, 0)
        }
        let r = CooperationResults.compute(registrations: try store.registrations(), forms: try store.stappenmeterForms(),
                                           instruments: try store.stappenmeterInstruments(), effects: [], windows: [2], minimumCell: 10)
        return (r, dir)
    }

    func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: Self.fixture + "/expected.json")))
    }

    private func close(_ a: Double?, _ b: Double?, _ what: String, tolerance: Double = 1e-9) {
        guard let a, let b else { XCTAssertEqual(a == nil, b == nil, "\(what): \(String(describing: a)) vs \(String(describing: b))"); return }
        XCTAssertEqual(a, b, accuracy: tolerance * max(1, abs(b)), what)
    }

    func testIndicatorsEqualTheReference() throws {
        let (r, _) = try Self.results()
        let want = try expected().indicators
        XCTAssertEqual(r.indicators.cells.count, want.count)
        XCTAssertGreaterThan(want.filter { $0.repeats > 0 }.count, 10, "the fixture has repeat registrations")
        XCTAssertGreaterThan(want.filter(\.rolling_year).count, 40, "the fixture has rolling years")
        for e in want {
            let what = "\(e.veiligheidshuis ?? "all")/\(e.doelgroep ?? "all")/\(e.quarter ?? "all")\(e.rolling_year ? " rolling year" : "")"
            guard let c = r.indicators.cell(house: e.veiligheidshuis, group: e.doelgroep, quarter: e.quarter.flatMap(Quarter.init), rollingYear: e.rolling_year) else {
                XCTFail("no cell \(what)"); continue
            }
            XCTAssertEqual([c.registrations, c.persons, c.withPlan, c.repeats, c.planBeforeIntake],
                           [e.registrations, e.persons, e.with_plan, e.repeats, e.plan_before_intake], what)
            XCTAssertEqual(c.planDays?.n ?? 0, e.plan_days_n, what)
            XCTAssertEqual(c.planDays?.persons ?? 0, e.plan_days_persons, what)
            close(c.planDays?.q1, e.plan_days?[0], what + " q1")
            close(c.planDays?.median, e.plan_days?[1], what + " median")
            close(c.planDays?.q3, e.plan_days?[2], what + " q3")
            XCTAssertEqual(c.partners?.n ?? 0, e.partners_n, what)
            XCTAssertEqual(c.partners?.persons ?? 0, e.partners_persons, what)
            close(c.partners?.mean, e.partners_mean, what + " partners mean")
            close(c.partners?.median, e.partners_median, what + " partners median")
        }
    }

    func testTheIndicatorTableSuppressesSmallCells() throws {
        let (r, _) = try Self.results()
        let csv = CooperationTables.indicators(r.indicators, minimumCell: 10).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = csv[0]
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        var small = 0, hidden = 0, smallSubgroups = 0
        for (row, cell) in zip(csv.dropFirst(), r.indicators.cells) {
            XCTAssertEqual(row[column("suppressed")], cell.persons < 10 ? "true" : "false")
            if cell.persons < 10 {
                small += 1
                XCTAssertTrue(row[column("registrations")].isEmpty && row[column("persons")].isEmpty && row[column("plan_share")].isEmpty)
            } else if cell.repeats > 0 && cell.repeats < 10 {
                smallSubgroups += 1
                XCTAssertTrue(row[column("repeats")].isEmpty)
                XCTAssertEqual(Double(row[column("repeat_share")]), cell.repeatShare)
            }
            if row[column("plan_days_median")].isEmpty, (cell.planDays?.persons ?? 0) > 0, cell.persons >= 10 { hidden += 1 }
        }
        XCTAssertGreaterThan(small, 0)
        XCTAssertGreaterThan(smallSubgroups, 0)
        XCTAssertEqual(hidden, r.indicators.cells.filter { $0.persons >= 10 && ($0.planDays?.persons ?? 0) > 0 && $0.planDays!.persons < 10 }.count)
    }

    func testStappenmeterScoresEqualTheReference() throws {
        let (r, _) = try Self.results()
        XCTAssertEqual(r.stappenmeter.count, 1)
        let scores = try XCTUnwrap(r.stappenmeter.first).scores
        let want = try expected().scores
        XCTAssertEqual(scores.cells.count, want.count)
        for e in want {
            let what = "\(e.veiligheidshuis ?? "all")/\(e.casusoverleg ?? "all")/\(e.quarter ?? "all")/\(e.step ?? "total")"
            guard let c = scores.cell(house: e.veiligheidshuis, meeting: e.casusoverleg, quarter: e.quarter.flatMap(Quarter.init), step: e.step) else {
                XCTFail("no cell \(what)"); continue
            }
            XCTAssertEqual(c.n, e.n, what)
            close(c.mean, e.mean, what + " mean")
            close(c.n > 1 ? c.standardDeviation : nil, e.sd, what + " sd")
            close(c.ci?.lower, e.ci?[0], what + " ci low", tolerance: 1e-8)
            close(c.ci?.upper, e.ci?[1], what + " ci high", tolerance: 1e-8)
            close(c.q1, e.quartiles[0], what + " q1")
            close(c.median, e.quartiles[1], what + " median")
            close(c.q3, e.quartiles[2], what + " q3")
            XCTAssertEqual(c.distribution, e.distribution, what)
        }
    }

    func testTrendsEqualTheReference() throws {
        let (r, _) = try Self.results()
        let i = try XCTUnwrap(r.stappenmeter.first)
        let want = try expected().trends
        XCTAssertEqual(i.trends.count, want.count)
        for e in want {
            let what = "\(e.veiligheidshuis ?? "all")/\(e.step ?? "total")"
            guard let t = i.trend(house: e.veiligheidshuis, step: e.step) else { XCTFail("no trend \(what)"); continue }
            XCTAssertEqual([t.n, t.quarters], [e.n, e.quarters], what)
            XCTAssertEqual(t.reason, e.reason, what)
            close(t.slopePerQuarter, e.slope, what + " slope", tolerance: 1e-8)
            close(t.ci?.lower, e.ci?[0], what + " ci low", tolerance: 1e-8)
            close(t.ci?.upper, e.ci?[1], what + " ci high", tolerance: 1e-8)
            close(t.pValue, e.p, what + " p", tolerance: 1e-7)
        }
        // The fixture's scores rise with the quarter: the pooled trend is positive and clear.
        XCTAssertGreaterThan(i.trend(house: nil, step: nil)?.slopePerQuarter ?? 0, 0)
        XCTAssertLessThan(i.trend(house: nil, step: nil)?.pValue ?? 1, 0.05)
    }

    func testTheEcologicalAssociationEqualsTheReference() throws {
        struct Point: Decodable { let veiligheidshuis: String, quarter: String, mean_score: Double, questionnaires: Int, did: Double, clients: Int }
        let raw = try JSONDecoder().decode([Point].self, from: Data(contentsOf: URL(fileURLWithPath: Self.fixture + "/association_points.json")))
        let points = raw.map { EcologicalAssociation.Point(veiligheidshuis: $0.veiligheidshuis, quarter: Quarter($0.quarter)!, meanScore: $0.mean_score,
                                                           questionnaires: $0.questionnaires, did: $0.did, clients: $0.clients) }
        let a = EcologicalAssociation.fit(points, source: "bvh", windowMonths: 2)
        let e = try expected().association
        XCTAssertNil(a.reason)
        XCTAssertEqual(a.points.count, e.n)
        close(a.slope, e.slope, "slope", tolerance: 1e-8)
        close(a.ci?.lower, e.ci[0], "ci low", tolerance: 1e-8)
        close(a.ci?.upper, e.ci[1], "ci high", tolerance: 1e-8)
        close(a.pValue, e.p, "p", tolerance: 1e-7)
        close(a.pearsonR, e.r, "r", tolerance: 1e-8)
        XCTAssertEqual(EcologicalAssociation.fit(Array(points.prefix(2)), source: "bvh", windowMonths: 2).reason, "too_few_points")
    }
}

/// A temporary folder removed when released.
final class TemporaryFolder {
    let path = NSTemporaryDirectory() + "rendement-cooperation-" + UUID().uuidString
    init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
