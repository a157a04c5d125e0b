import XCTest
import RendementCore
@testable import RendementReports

/// The audit on hand-made report sets (CSV tables as the writer names them):
/// the differencing cases of issue 15 are found, and are gone once the
/// complement is hidden too.
final class ReportSetAuditTests: XCTestCase {
    private let houses = """
        veiligheidshuis,n_clients,n_matched,coverage,regio,report
        Fryslân,,,,Noord-Nederland,fryslan/rendement-2013Q4.md
        Groningen,,,,Noord-Nederland,groningen/rendement-2013Q4.md

        """

    private func toDate(_ n: String) -> String { "source,window_months,n_sets,suppressed\nbvh,2,\(n),\(n.isEmpty)\n" }

    /// Noord-Nederland 28 sets = Fryslân 20 + Groningen "<10".
    func testAHouseRecoveredFromItsRegionIsFound() {
        var tables = ["index-veiligheidshuizen.csv": houses,
                      "index-regions.csv": "regio,n_sets,window_months\nNoord-Nederland,28,2\n",
                      "fryslan/rendement-2013Q4-effects-to-date.csv": toDate("20"),
                      "groningen/rendement-2013Q4-effects-to-date.csv": toDate("")]
        let leak = ReportSetAudit.run(tables: tables, threshold: 10)
        XCTAssertEqual(leak.findings.map(\.cell), ["sets bvh 2m, veiligheidshuis Groningen"])
        XCTAssertEqual(leak.findings.first.map { [$0.low, $0.high] }, [8, 8])
        tables["fryslan/rendement-2013Q4-effects-to-date.csv"] = toDate("")
        XCTAssertEqual(ReportSetAudit.run(tables: tables, threshold: 10).lines, [])
    }

    /// All ages 40 = 10 + 15 + 14 + 35+; and a quarter within so far with the rolling year.
    func testAnAgeBandAndAQuarterRecoveredBySubtractionAreFound() {
        let bands = { (first: String) in "age_band,window_months,n_sets,suppressed\n12-17,1,\(first),x\n18-24,1,15,false\n25-34,1,14,false\n35-,1,,true\n" }
        var tables = ["index-veiligheidshuizen.csv": "veiligheidshuis,n_clients,n_matched,regio,report\nRotterdam,40,40,Zuid,rotterdam/rendement-2013Q4.md\n",
                      "rotterdam/rendement-2013Q4-effects-to-date.csv": "source,window_months,n_sets\nbvh,1,40\n",
                      "rotterdam/rendement-2013Q4-age-bands.csv": bands("10")]
        XCTAssertEqual(ReportSetAudit.run(tables: tables, threshold: 10).findings.map(\.cell), ["sets bvh 1m, veiligheidshuis Rotterdam, age 35-"])
        tables["rotterdam/rendement-2013Q4-age-bands.csv"] = bands("")
        XCTAssertEqual(ReportSetAudit.run(tables: tables, threshold: 10).lines, [])
        // The rolling year 2013Q1-Q4 of 30 sets with Q4 hidden, and the rolling years up to Q3 and Q2 published:
        // Q4 - Q0 and Q3 - 2012Q3 are known, but nothing pins Q4 down.
        tables["rotterdam/rendement-2013Q4-effects-quarter.csv"] = "source,window_months,n_sets\nbvh,1,\n"
        tables["rotterdam/rendement-2013Q4-effects-rolling-year.csv"] = "source,window_months,n_sets\nbvh,1,30\n"
        XCTAssertEqual(ReportSetAudit.run(tables: tables, threshold: 10).lines, [])
        // A quarter hidden in the clients per quarter, "so far" and the other quarters shown: 40 - 37 leaves it 0 to 3.
        let perQuarter = { (hidden: String) in
            "quarter,n_clients,n_matched\n2013Q1,12,12\n2013Q2,\(hidden),\(hidden)\n2013Q3,11,11\n2013Q4,14,14\n"
        }
        tables["rotterdam/rendement-2013Q4-clients-per-quarter.csv"] = perQuarter("")
        XCTAssertEqual(Set(ReportSetAudit.run(tables: tables, threshold: 10).findings.map(\.cell)),
                       ["clients, veiligheidshuis Rotterdam 2013Q2", "matched sets, veiligheidshuis Rotterdam 2013Q2"])
        tables["index-veiligheidshuizen.csv"] = "veiligheidshuis,n_clients,n_matched,regio,report\nRotterdam,,,Zuid,rotterdam/rendement-2013Q4.md\n"
        XCTAssertEqual(ReportSetAudit.run(tables: tables, threshold: 10).lines, [], "with so far hidden, nothing narrows 2013Q2")
    }

    func testCSVReadBackUndoesTheFormulaGuard() {
        let t = PublishedCSV.parse(csv: "veiligheidshuis,n\n\"'=HYPERLINK(1,2)\",12\n\"a \"\"b\"\"\",3\n")!
        XCTAssertEqual(t.rows.map { $0["veiligheidshuis"]! }, ["=HYPERLINK(1,2)", "a \"b\""])
    }
}
