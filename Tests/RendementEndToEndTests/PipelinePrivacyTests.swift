import Foundation
import XCTest
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementImport
import RendementReports
import RendementStore
import RendementSynth

/// The whole pipeline on a small generated population, then the privacy
/// promises checked on every file of the report set: no pseudonym, no birth
/// date, and no count between 1 and the threshold in any table.
final class PipelinePrivacyTests: XCTestCase {
    func testReportSetHoldsNoIdentifierAndNoSmallCount() throws {
        let fixture = try PipelineFixture(seed: 21, persons: 6000)
        defer { fixture.remove() }
        let dir = fixture.dir
        XCTAssertGreaterThan(fixture.results.stored.sets(), 20)
        let tables = try AnalysisRun.write(fixture.results, to: dir + "/output")
        let inputs = try fixture.reportInputs()
        let overview = try ReportSetWriter(inputs: inputs, language: .nl).write(to: dir + "/reports")
        XCTAssertTrue(FileManager.default.fileExists(atPath: overview))

        // What must never appear: pseudonyms and birth dates (ISO and Dutch forms).
        let persons = try String(contentsOfFile: dir + "/data/personen.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        var forbidden = Set<String>()
        for line in persons {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            forbidden.insert(String(f[0]))
            if let d = Day(iso: String(f[1])) { forbidden.insert(d.iso); forbidden.insert(d.dutch) }
        }
        var files = try FileManager.default.subpathsOfDirectory(atPath: dir + "/reports").map { dir + "/reports/" + $0 }
            .filter { [".md", ".html", ".csv", ".svg"].contains(where: $0.hasSuffix) }
        files += tables
        XCTAssertGreaterThan(files.count, 20)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for token in tokens(text) where forbidden.contains(token) {
                XCTFail("\(file) contains \(token)")
            }
            // Every CSV count column (n_...) holds 0, >= 10 or nothing.
            if file.hasSuffix(".csv") {
                let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                guard let header = rows.first else { continue }
                for (j, name) in header.enumerated() where name.hasPrefix("n_") || name.hasPrefix("client_events") || name.hasPrefix("control_events") {
                    for row in rows.dropFirst() where j < row.count {
                        if let n = Int(row[j]) { XCTAssertTrue(n == 0 || n >= 10, "\(file): \(name) = \(n)") }
                    }
                }
            }
        }
        // Markdown tables: no cell is a bare count from 1 to 9 (those are shown as "<10").
        var sawSuppressed = false
        for file in files where file.hasSuffix(".md") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            sawSuppressed = sawSuppressed || text.contains("| \\<10 |") || text.contains("| × |")
            for line in text.split(separator: "\n") where line.hasPrefix("|") {
                for cell in line.split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    if let n = Int(cell) { XCTAssertFalse((1...9).contains(n), "\(file): a table cell shows \(n)") }
                }
            }
        }
        XCTAssertTrue(sawSuppressed, "a population this small must show suppressed cells")
    }

    /// Words of a text split on anything that cannot be part of an id or date.
    private func tokens(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init)
    }
}
