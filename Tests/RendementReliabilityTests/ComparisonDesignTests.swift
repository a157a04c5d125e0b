import Foundation
import XCTest

/// `analyze --design`: the not-yet-treated comparison alone writes its tables
/// (the matched tables header-only), the report refuses such a run with the
/// command that makes both, and an unknown design is refused by name.
final class ComparisonDesignTests: XCTestCase {
    func testStaggeredOnlyRunIsWrittenAndRefusedByTheReport() throws {
        let fixture = try MatchedStore(label: "design")
        let dir = fixture.dir
        let out = dir.file("output-staggered")
        let r = try CLI.run(["analyze", "--db", fixture.store, "--out", out, "--design", "staggered"], in: dir.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let staggered = try String(contentsOfFile: out + "/staggered.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertGreaterThan(staggered.count, 1, "rows of the not-yet-treated comparison")
        XCTAssertTrue(staggered.contains { $0.hasPrefix("all,all,all,bvh,2,3,") }, staggered.prefix(3).joined(separator: "\n"))
        let effects = try String(contentsOfFile: out + "/effects.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(effects.count, 1, "the matched tables are header-only")
        let report = try CLI.run(["report", "--db", fixture.store, "--out", dir.file("reports-staggered")], in: dir.path)
        assertRefused(report, ["--design staggered", "rendement analyze --design both"], "report of a staggered-only run")
        let bad = try CLI.run(["analyze", "--db", fixture.store, "--out", out, "--design", "not-yet-treated"], in: dir.path)
        assertRefused(bad, ["design"], "unknown design")
    }
}
