import Foundation
import XCTest
import RendementCore
import RendementReports

/// Golden tests of the Markdown of a fixed small dataset (seed 5, 8,000
/// persons): the overview and one quarterly report must match the committed
/// files in `Golden/` exactly, apart from timestamps. After an intended
/// change, regenerate them with `RENDEMENT_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests`
/// and review the diff.
final class GoldenReportTests: XCTestCase {
    private var goldenFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    }

    /// Replaces run timestamps (the only thing that differs between runs).
    private func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, with: "<timestamp>", options: .regularExpression)
    }

    func testMarkdownMatchesTheGoldenFiles() throws {
        let fixture = try PipelineFixture(seed: 5, persons: 8000)
        defer { fixture.remove() }
        let inputs = try fixture.reportInputs()
        let out = fixture.dir + "/reports"
        try ReportSetWriter(inputs: inputs, language: .nl, formats: [.md], house: "Rotterdam-Rijnmond").write(to: out)
        let pages = try FileManager.default.contentsOfDirectory(atPath: out + "/rotterdam-rijnmond").filter { $0.hasSuffix(".md") }
        XCTAssertEqual(pages.count, 1)
        let produced = [
            "overview.md": try String(contentsOfFile: out + "/index.md", encoding: .utf8),
            "quarterly-rotterdam-rijnmond.md": try String(contentsOfFile: out + "/rotterdam-rijnmond/" + pages[0], encoding: .utf8),
        ]
        for (name, text) in produced {
            let path = goldenFolder + "/" + name
            if ProcessInfo.processInfo.environment["RENDEMENT_UPDATE_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(atPath: goldenFolder, withIntermediateDirectories: true)
                try normalized(text).write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            let golden = try String(contentsOfFile: path, encoding: .utf8)
            let a = normalized(text).split(separator: "\n", omittingEmptySubsequences: false)
            let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
            if let i = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) {
                XCTFail("\(name) differs from the golden file at line \(i + 1):\n  got:      \(a[i])\n  expected: \(b[i])")
            } else {
                XCTAssertEqual(a.count, b.count, "\(name): line count differs from the golden file")
            }
        }
    }
}
