import Foundation
import XCTest
import RendementAnalysis
import RendementCore
import RendementReports

/// Issue 15's "done when" for disclosure control: a written report set passes
/// the audit (no hidden count can be narrowed below the threshold), and the
/// audit catches a differencing leak planted into it.
final class DisclosureAuditTests: XCTestCase {
    func testReportSetPassesTheAuditAndAPlantedLeakIsCaught() throws {
        let fixture = try PipelineFixture(seed: 5, persons: 8000)
        defer { fixture.remove() }
        let inputs = try fixture.reportInputs()
        let out = fixture.dir + "/reports"
        var clock = Date()
        let planned = DisclosurePlan(results: inputs.results.stored, regions: [:], clients: [])
        print("plan: \(planned.rows.count) of \(inputs.results.stored.effects.count) rows hidden in \(Date().timeIntervalSince(clock)) s")
        clock = Date()
        let pre = try ReportSetWriter(inputs: inputs, language: .nl, formats: [.md]).audit()
        print("audit in memory: \(Date().timeIntervalSince(clock)) s, \(pre.hiddenCounts) hidden")
        clock = Date()
        try ReportSetWriter(inputs: inputs, language: .nl, formats: [.md]).write(to: out)
        let written = Date().timeIntervalSince(clock)
        let audit = try ReportSetAudit.run(folder: out, threshold: 10)
        print("audit: \(audit.publishedCounts) published, \(audit.hiddenCounts) hidden, \(audit.relations) relations; writing took \(written) s")
        XCTAssertEqual(audit.lines, [])
        XCTAssertGreaterThan(audit.hiddenCounts, 10, "a population this small hides counts")
        XCTAssertGreaterThan(audit.relations, 50)
        let page = try String(contentsOfFile: out + "/" + (try FileManager.default.subpathsOfDirectory(atPath: out).first { $0.hasSuffix(".md") && $0.contains("/") }!), encoding: .utf8)
        XCTAssertTrue(page.contains("Bevindingen: geen."), "the data-quality section lists the audit")

        // Plant a leak: show the true sets of every hidden age band of one house but one, whose all-ages row is shown.
        let planted = try plantLeak(in: out, inputs: inputs)
        let leaked = try ReportSetAudit.run(folder: out, threshold: 10)
        XCTAssertFalse(leaked.passed)
        XCTAssertTrue(leaked.findings.contains { $0.cell == planted }, "\(planted) not among \(leaked.lines)")
    }

    /// Property: random small populations (other seeds and sizes than the
    /// golden one), reported in English for one quarter earlier than the
    /// latest: every written report set passes the audit, and the writer's
    /// own audit (before release) agrees with the one run on the files.
    func testRandomSmallPopulationsPassTheAudit() throws {
        for (seed, persons) in [(UInt64(17), 3000), (UInt64(29), 5000)] {
            let fixture = try PipelineFixture(seed: seed, persons: persons)
            defer { fixture.remove() }
            let inputs = try fixture.reportInputs()
            let writer = ReportSetWriter(inputs: inputs, language: .en, formats: [.md, .csv], quarter: try ReportSetWriter(inputs: inputs, language: .en).reportQuarter().adding(-1))
            let before = try writer.audit()
            try writer.write(to: fixture.dir + "/reports")
            let after = try ReportSetAudit.run(folder: fixture.dir + "/reports", threshold: 10)
            XCTAssertEqual(after.lines, [], "seed \(seed)")
            XCTAssertEqual([after.hiddenCounts, after.publishedCounts, after.relations], [before.hiddenCounts, before.publishedCounts, before.relations], "seed \(seed)")
            XCTAssertGreaterThan(after.hiddenCounts, 0, "seed \(seed)")
        }
    }

    /// Shows the true sets of every hidden Veiligheidshuis "so far" but one,
    /// for a source and window whose national total is shown: the one left
    /// hidden is then the national total minus the others. Returns its name.
    private func plantLeak(in out: String, inputs: ReportInputs) throws -> String {
        let national = try String(contentsOfFile: out + "/index-effects-national.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let folders = try HouseFolders.assign(inputs.registry.map(\.name))
        let pages = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.hasSuffix("-effects-to-date.csv") }.sorted()
        for row in national where !row[2].isEmpty {
            let (source, window) = (row[0], row[1])
            var planted: String?
            for file in pages {
                let house = folders.first { $0.value == String(file.split(separator: "/")[0]) }!.key
                var lines = try String(contentsOfFile: out + "/" + file, encoding: .utf8).split(separator: "\n").map(String.init)
                for i in lines.indices.dropFirst() {
                    var f = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    guard f[0] == source, f[1] == window, f[2].isEmpty else { continue }
                    let truth = inputs.results.stored.effects.first {
                        $0.scope == Scope(.veiligheidshuis, house) && $0.ageBand == "all" && $0.source.rawValue == source && "\($0.windowMonths)" == window
                    }!
                    if planted == nil {
                        planted = "sets \(source) \(window)m, veiligheidshuis \(house)"
                        continue
                    }
                    f[2] = String(truth.estimate?.summary.sets ?? 0)
                    lines[i] = f.joined(separator: ",")
                }
                try FileManager.default.removeItem(atPath: out + "/" + file)
                try (lines.joined(separator: "\n") + "\n").write(toFile: out + "/" + file, atomically: false, encoding: .utf8)
            }
            if let planted { return planted }
        }
        throw XCTSkip("no hidden Veiligheidshuis under a shown national total")
    }
}
