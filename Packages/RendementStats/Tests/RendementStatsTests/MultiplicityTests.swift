import Foundation
import XCTest
@testable import RendementStats

/// Holm and Benjamini–Hochberg against statsmodels `multipletests` (`Fixtures/multiplicity.json`),
/// relative tolerance 1e-13 (the operations are a few multiplications and comparisons).
final class MultiplicityTests: XCTestCase {
    func testAgainstStatsmodels() throws {
        let fx = try FixtureLoader.load("multiplicity.json")
        for c in try XCTUnwrap(fx["cases"] as? [[String: Any]]) {
            let name = c["name"] as! String
            let p = FixtureLoader.doubles(c["p"])
            let holm = try Multiplicity.holm(p), bh = try Multiplicity.benjaminiHochberg(p)
            for (i, e) in FixtureLoader.doubles(c["holm"]).enumerated() {
                assertRelativelyEqual(holm[i], e, rel: 1e-13, "\(name).holm[\(i)]", category: "mult.holm")
            }
            for (i, e) in FixtureLoader.doubles(c["bh"]).enumerated() {
                assertRelativelyEqual(bh[i], e, rel: 1e-13, "\(name).bh[\(i)]", category: "mult.bh")
            }
        }
        ErrorLedger.shared.report(prefix: "mult.")
    }

    func testEmpty() throws {
        XCTAssertEqual(try Multiplicity.holm([]), [])
        XCTAssertEqual(try Multiplicity.benjaminiHochberg([]), [])
        XCTAssertThrowsError(try Multiplicity.holm([0.2, 1.5]), "a p-value above 1 is invalid input")
    }
}
