import XCTest
import RendementCore
import RendementStats
@testable import RendementAnalysis

/// `vhh_comparison.csv`: every house row carries the p-value and interval of
/// its own `effects.csv` figures (t for the difference-in-differences, Wald
/// normal for the rate ratio), and a missing pooled row says why.
final class ComparisonTableTests: XCTestCase {
    private let periods = ObservationPeriods(bvh: Day(year: 2009, month: 1, day: 1)!...Day(year: 2014, month: 12, day: 31)!,
                                             hks: Day(year: 2006, month: 1, day: 1)!...Day(year: 2014, month: 12, day: 31)!)

    private func set(_ id: Int, house: String, before: Int, after: Int, control: (Int, Int)) -> AnalysisSet {
        let index = Day(year: 2012, month: 3, day: 15)!
        func events(_ b: Int, _ a: Int, base: Int64) -> [(day: Int32, incident: Int64)] {
            (0..<b).map { (index.number - 10 - Int32($0), base + Int64($0)) } + (0..<a).map { (index.number + 10 + Int32($0), base + 50 + Int64($0)) }
        }
        return AnalysisSet(id: id, client: SetMember(person: Int64(id), index: index, age: 20, history: PoliceHistory(bvh: events(before, after, base: 0))),
                           controls: [SetMember(person: Int64(1000 + id), index: index, age: 20,
                                                history: PoliceHistory(bvh: events(control.0, control.1, base: 500)))],
                           veiligheidshuis: house, regio: "R", doelgroep: "d", founded: 2005 + id % 3)
    }

    func testHouseRowsCarryTheirEffectsPValueAndInterval() throws {
        var sets: [AnalysisSet] = []
        for (h, house) in ["A", "B", "C"].enumerated() {
            for i in 0..<12 { sets.append(set(h * 100 + i, house: house, before: 2 + (i + h) % 4, after: i % 3, control: (1 + i % 2, 1 + (i + h) % 3))) }
        }
        let counter = WindowCounter(periods: periods)
        let comparisons = VeiligheidshuisComparison.compare(sets, counter: counter, windows: [1])
        let did = try XCTUnwrap(comparisons.first { $0.source == .bvh && $0.measure == .did })
        XCTAssertEqual(did.entries.count, 3)
        for e in did.entries {
            let counts = sets.filter { $0.veiligheidshuis == e.veiligheidshuis }.compactMap { counter.counts($0, source: .bvh, months: 1) }
            let own = DifferenceInDifferences(counts)
            XCTAssertEqual(e.pValue, own.pValue, "the house's p is its effects.csv p (t test)")
            XCTAssertEqual(e.confidenceInterval.lower, try XCTUnwrap(own.didCI?.lower), accuracy: 1e-15)
            let t = StudentT(degreesOfFreedom: Double(counts.count - 1)).quantile(0.975)
            XCTAssertEqual(e.confidenceInterval.upper, e.effect + t * e.standardError, accuracy: 1e-12, "t(n-1), not 1.96")
        }
        let ratio = try XCTUnwrap(comparisons.first { $0.source == .bvh && $0.measure == .logRateRatio })
        for e in ratio.entries {
            XCTAssertEqual(e.confidenceInterval.upper, e.effect + Normal.standard.quantile(0.975) * e.standardError, accuracy: 1e-12, "Wald normal")
        }
        let csv = SecondaryTables.comparison(comparisons).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = csv[0].map(String.init)
        let p = try XCTUnwrap(header.firstIndex(of: "p_value")), reason = try XCTUnwrap(header.firstIndex(of: "reason"))
        for row in csv.dropFirst() where row[3] == "veiligheidshuis" {
            XCTAssertTrue(!row[p].isEmpty || !row[reason].isEmpty, "a house row has its p-value or a reason: \(row)")
        }
        // HKS: no events at all, so no house estimate and no pooled row, each with its reason.
        let hks = try XCTUnwrap(comparisons.first { $0.source == .hks && $0.measure == .logRateRatio })
        XCTAssertTrue(hks.entries.isEmpty)
        XCTAssertEqual(Set(hks.missing.map(\.reason)), [.noEvents])
        XCTAssertEqual(hks.pooledReason, .tooFewHouses)
    }
}
