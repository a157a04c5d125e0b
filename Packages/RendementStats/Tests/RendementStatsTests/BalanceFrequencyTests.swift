import XCTest
@testable import RendementStats

/// The frequency-table form of CovariateBalance must equal the expanded form
/// (which is verified against the cobalt/MatchIt formulas) on the same data.
final class BalanceFrequencyTests: XCTestCase {
    func testFrequencyTableEqualsExpandedData() throws {
        var s: UInt64 = 3
        func r(_ n: Int) -> Double { s = s &* 6364136223846793005 &+ 1442695040888963407; return Double((s >> 33) % UInt64(n)) }
        for trial in 0..<30 {
            let binary = trial % 5 == 0
            let treated = (0..<(5 + trial * 3)).map { _ in binary ? r(2) : r(12) + r(3) }
            let controls = (0..<(50 + trial * 40)).map { _ in binary ? r(2) : r(10) }
            var table: [Double: Int] = [:]
            for c in controls { table[c, default: 0] += 1 }
            for denominator in [CovariateBalance.Denominator.treated, .pooled, .control] {
                let expanded = try CovariateBalance(values: treated + controls,
                                                    treated: treated.map { _ in true } + controls.map { _ in false }, denominator: denominator)
                let compact = try CovariateBalance(treated: treated, controlCounts: table, denominator: denominator)
                XCTAssertEqual(compact.isBinary, expanded.isBinary)
                for (a, b, what) in [(compact.treatedMean, expanded.treatedMean, "treated mean"), (compact.controlMean, expanded.controlMean, "control mean"),
                                     (compact.standardizedMeanDifference, expanded.standardizedMeanDifference, "smd"),
                                     (compact.varianceRatio, expanded.varianceRatio, "variance ratio"),
                                     (compact.ecdfMean, expanded.ecdfMean, "ecdf mean"), (compact.ecdfMax, expanded.ecdfMax, "ecdf max")] {
                    XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, abs(b)), "trial \(trial) \(what)")
                }
            }
        }
    }
}
