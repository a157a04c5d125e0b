import Foundation
import RendementCore
import RendementReports
import XCTest

/// The data-quality section of the quarterly report.
final class DataQualityTests: XCTestCase {
    /// A damaged import log is named in the report, never left out in silence.
    func testAnUnreadableRejectLogIsNamed() throws {
        let fixture = try PipelineFixture(seed: 3, persons: 3000)
        defer { fixture.remove() }
        let inputs = try fixture.reportInputs()
        let house = try XCTUnwrap(inputs.registry.map(\.name).first { inputs.matching.clients(of: $0) > 0 })
        func page() throws -> String {
            let doc = QuarterlyReport(inputs: try fixture.reportInputs(), house: house, quarter: Quarter(year: 2013, quarter: 4), language: .nl).document()
            return MarkdownRenderer.render(doc, filePrefix: "q")
        }
        XCTAssertFalse(try page().contains("niet leesbaar"))
        try fixture.store.database.execute("UPDATE imports SET rejected_by_reason = 'not json' WHERE kind = 'hks'")
        let damaged = try page()
        XCTAssertTrue(damaged.contains("het importlogboek van hks.csv is niet leesbaar"), damaged)
    }
}
