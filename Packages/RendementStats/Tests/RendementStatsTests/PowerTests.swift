import Foundation
import XCTest
@testable import RendementStats

/// NormalPower against statsmodels NormalIndPower(ratio=0)
/// (`scripts/reference/stats_power.py`). Tolerances: 1e-10 relative for the
/// closed-form power and 1e-9 for the solved effect size and sample
/// size (exact roots of statsmodels' power function by scipy brentq; statsmodels' own solve_power stops near 1e-6).
final class PowerTests: XCTestCase {
    private func fixture() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/power.json")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    func testAgainstStatsmodels() throws {
        let f = try fixture()
        for c in f["power"] as! [[String: Double]] {
            let p = try NormalPower.power(effectSize: c["effect_size"]!, n: c["n"]!, alpha: c["alpha"]!)
            XCTAssertEqual(p, c["power"]!, accuracy: 1e-10 * c["power"]!, "\(c)")
        }
        for c in f["mde"] as! [[String: Double]] {
            let d = try NormalPower.minimumDetectableEffect(n: c["n"]!, alpha: c["alpha"]!, power: c["power"]!)
            XCTAssertEqual(d, c["effect_size"]!, accuracy: 1e-9 * c["effect_size"]!, "\(c)")
        }
        for c in f["n"] as! [[String: Double]] {
            let n = try NormalPower.requiredSampleSize(effectSize: c["effect_size"]!, alpha: c["alpha"]!, power: c["power"]!)
            XCTAssertEqual(n, c["n"]!, accuracy: 1e-9 * c["n"]!, "\(c)")
        }
    }
}
