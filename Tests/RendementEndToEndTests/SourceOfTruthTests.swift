import Foundation
import XCTest
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementImport
import RendementReports
import RendementStore
import RendementSynth

/// Issue 14 "One source of truth": the same files give byte-identical results
/// whatever the order they were imported in (or split into two files); a
/// stage whose input was replaced refuses with the command that brings it up
/// to date; and a report shows exactly the numbers of the analysis run's
/// tables, whatever settings the analysis had.
final class SourceOfTruthTests: XCTestCase {
    private var dir = ""
    private var truth: SynthTruth!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("truth-\(UUID().uuidString)").path
        truth = try SyntheticExtracts.generate(into: dir + "/data", options: SynthOptions(seed: 21, persons: 3000))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func importFile(_ path: String, _ kind: InputKind, into store: Store, replace: Bool = false, label: String? = nil) throws {
        var options = ImportOptions()
        options.label = label
        options.periodFrom = truth.periods[kind.rawValue].flatMap { Day(iso: $0[0]) }
        options.periodTo = truth.periods[kind.rawValue].flatMap { Day(iso: $0[1]) }
        options.replace = replace
        _ = try Importer(store: store, options: options).importFile(path, kind: kind)
    }

    /// Imports `files` in the given order, matches, analyses and renders; returns the files that must be equal.
    private func pipeline(_ name: String, files: [(String, InputKind)], withoutImportLog: Bool = false) throws -> [String: String] {
        let store = try Store(path: "\(dir)/\(name).sqlite")
        for (file, kind) in files { try importFile(file, kind, into: store) }
        let matching = try MatchingRun(settings: MatchingSettings(), toolVersion: "test").run(store: store)
        let results = try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: store)
        _ = try AnalysisRun.write(results, to: "\(dir)/\(name)-tables")
        let inputs = try ReportInputs.load(store: store, run: results.record.id, toolVersion: "test", runDate: Day(year: 2026, month: 12, day: 1)!)
        let report = "\(dir)/\(name)-report"
        try ReportSetWriter(inputs: inputs, language: .nl, formats: [.md, .csv]).write(to: report)
        var out = ["balance.csv": BalanceTable.csv(matching.balance, minimumCell: 10)]
        for table in ["effects.csv", "event_study.csv", "survival.csv", "anticipation_sensitivity.csv", "vhh_comparison.csv"] {
            out[table] = try String(contentsOfFile: "\(dir)/\(name)-tables/\(table)", encoding: .utf8)
        }
        for page in try FileManager.default.subpathsOfDirectory(atPath: report) where page.hasSuffix(".md") || page.hasSuffix(".csv") {
            guard !(withoutImportLog && page.hasSuffix("-imports.csv")) else { continue }
            // Timestamps differ between runs by construction; the figures must not.
            var text = try String(contentsOfFile: report + "/" + page, encoding: .utf8)
                .replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, with: "<time>", options: .regularExpression)
            if withoutImportLog {
                // A file split in two is two imports: only the import log and the files' hashes may differ.
                text = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.contains(".csv | ") && !$0.contains("SHA-256") }.joined(separator: "\n")
            }
            out["report/" + page] = text
        }
        return out
    }

    /// Splits the BVH extract into two files by record (RFC 4180 aware: a
    /// description may hold a line break inside quotes).
    private func splitBVH() throws -> (String, String) {
        let text = try String(contentsOfFile: dir + "/data/bvh.csv", encoding: .utf8)
        var records: [String] = [], current = "", quoted = false
        for ch in text {
            current.append(ch)
            if ch == "\"" { quoted.toggle() }
            if ch == "\n" && !quoted { records.append(current); current = "" }
        }
        if !current.isEmpty { records.append(current) }
        let header = records.removeFirst()
        let a = dir + "/data/bvh-a.csv", b = dir + "/data/bvh-b.csv"
        try (header + records.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()).write(toFile: a, atomically: true, encoding: .utf8)
        try (header + records.enumerated().filter { $0.offset % 2 == 1 }.map(\.element).joined()).write(toFile: b, atomically: true, encoding: .utf8)
        return (a, b)
    }

    func testTheImportOrderDoesNotChangeAnyResult() throws {
        func file(_ kind: InputKind) -> (String, InputKind) { (dir + "/data/\(kind.rawValue).csv", kind) }
        let canonical = [file(.veiligheidshuizen), file(.personen), file(.bvh), file(.hks), file(.clienten)]
        let reference = try pipeline("canonical", files: canonical)
        let referenceWithoutLog = try pipeline("canonical-again", files: canonical, withoutImportLog: true)
        let (a, b) = try splitBVH()
        let orders: [(String, [(String, InputKind)])] = [
            ("police-first", [file(.bvh), file(.hks), file(.veiligheidshuizen), file(.clienten), file(.personen)]),
            ("clients-early", [file(.veiligheidshuizen), file(.clienten), file(.hks), file(.personen), file(.bvh)]),
            ("bvh-split", [file(.veiligheidshuizen), (b, .bvh), file(.personen), file(.hks), (a, .bvh), file(.clienten)]),
        ]
        XCTAssertGreaterThan(reference.count, 10)
        for (name, files) in orders {
            let split = name == "bvh-split"
            let other = try pipeline(name, files: files, withoutImportLog: split)
            let expected = split ? referenceWithoutLog : reference
            XCTAssertEqual(Set(other.keys), Set(expected.keys), name)
            for (key, text) in expected where other[key] != text {
                let line = zip(text.split(separator: "\n"), (other[key] ?? "").split(separator: "\n")).first { $0 != $1 }
                XCTFail("\(name): \(key) differs, first at \(line.map { "\($0.0) | \($0.1)" } ?? "length")")
            }
        }
    }

    func testAReplacedImportMakesTheLaterStagesRefuse() throws {
        let store = try Store(path: dir + "/store.sqlite")
        for kind in [InputKind.veiligheidshuizen, .personen, .bvh, .hks, .clienten] {
            try importFile(dir + "/data/\(kind.rawValue).csv", kind, into: store)
        }
        let matching = try MatchingRun(settings: MatchingSettings(), toolVersion: "test").run(store: store)
        let analysis = try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: store)
        // A smaller client file replaces the first one.
        let lines = try String(contentsOfFile: dir + "/data/clienten.csv", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try (lines.prefix(20).joined(separator: "\n") + "\n").write(toFile: dir + "/data/clienten-small.csv", atomically: true, encoding: .utf8)
        try importFile(dir + "/data/clienten-small.csv", .clienten, into: store, replace: true, label: "clienten")
        XCTAssertThrowsError(try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: store)) {
            XCTAssertEqual("\($0)", "cannot analyse: the clienten import changed after matching run \(matching.runID): run rendement match again")
        }
        XCTAssertThrowsError(try ReportInputs.load(store: store, toolVersion: "test", runDate: Day(year: 2026, month: 12, day: 1)!)) {
            XCTAssertEqual("\($0)", "cannot report: the clienten import changed after analysis run \(analysis.record.id) (matching run \(matching.runID)): run rendement match and rendement analyze again")
        }
        // The earlier run can still be rendered when asked for by number, and says it is out of date.
        let earlier = try ReportInputs.load(store: store, run: analysis.record.id, toolVersion: "test", runDate: Day(year: 2026, month: 12, day: 1)!)
        XCTAssertNotNil(earlier.staleness)
        // Matching again brings the chain up to date; a report of the old analysis is then refused for that reason.
        _ = try MatchingRun(settings: MatchingSettings(), toolVersion: "test").run(store: store)
        XCTAssertThrowsError(try ReportInputs.load(store: store, toolVersion: "test", runDate: Day(year: 2026, month: 12, day: 1)!)) {
            XCTAssertTrue("\($0)".contains("run rendement match and rendement analyze again"), "\($0)")
        }
        let fresh = try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: store)
        XCTAssertLessThan(fresh.stored.sets(), analysis.stored.sets(), "the new analysis uses the smaller client file")
        XCTAssertNil(try ReportInputs.load(store: store, toolVersion: "test", runDate: Day(year: 2026, month: 12, day: 1)!).staleness)
    }

    /// An analysis with other settings than the defaults: the report renders
    /// exactly the stored run -- its national table equals effects.csv, and
    /// it names the settings -- and adds no analysis run.
    func testTheReportShowsExactlyTheNumbersOfTheAnalysis() throws {
        let store = try Store(path: dir + "/store.sqlite")
        for kind in [InputKind.veiligheidshuizen, .personen, .bvh, .hks, .clienten] {
            try importFile(dir + "/data/\(kind.rawValue).csv", kind, into: store)
        }
        _ = try MatchingRun(settings: MatchingSettings(), toolVersion: "test").run(store: store)
        var settings = AnalysisSettings()
        settings.graceDays = 30
        settings.bvhRoles = [.verdachte]
        let results = try AnalysisRun(settings: settings, toolVersion: "test").run(store: store)
        _ = try AnalysisRun.write(results, to: dir + "/tables")
        let runsBefore = try store.analysisRuns().count
        let inputs = try ReportInputs.load(store: store, toolVersion: "test", runDate: Day(year: 2026, month: 12, day: 1)!)
        try ReportSetWriter(inputs: inputs, language: .nl, formats: [.md, .csv]).write(to: dir + "/report")
        XCTAssertEqual(try store.analysisRuns().count, runsBefore, "a report never adds an analysis run")
        let effects = try csv(dir + "/tables/effects.csv").filter { $0["scope_type"] == "all" && $0["age_band"] == "all" }
        let national = try csv(dir + "/report/index-effects-national.csv")
        XCTAssertEqual(national.count, effects.count)
        for row in national {
            let e = try XCTUnwrap(effects.first { $0["source"] == row["source"] && $0["window_months"] == row["window_months"] })
            for column in ["n_sets", "clients_before_mean", "clients_after_mean", "controls_before_mean", "controls_after_mean", "did",
                           "rate_ratio", "rate_ratio_ci_low", "rate_ratio_ci_high", "p_rate_ratio", "credible"] {
                XCTAssertEqual(row[column], e[column], "\(row["source"]!) W=\(row["window_months"]!) \(column)")
            }
        }
        let page = try String(contentsOfFile: dir + "/report/index.md", encoding: .utf8)
        XCTAssertTrue(page.contains("\"graceDays\":30"), "the provenance names the run's settings")
        // A quarter outside the data is an error naming the data's range, and writes nothing.
        XCTAssertThrowsError(try ReportSetWriter(inputs: inputs, language: .nl, quarter: Quarter(year: 2020, quarter: 1)).write(to: dir + "/report-2020")) {
            XCTAssertTrue("\($0)".hasPrefix("no client entered in 2020Q1: the data cover intake from 2010Q1 to 2013Q4"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/report-2020"))
        // Every Veiligheidshuis's quarterly report is about the same quarter: the latest with intake.
        let pages = try FileManager.default.subpathsOfDirectory(atPath: dir + "/report").filter { $0.hasSuffix(".md") && $0.contains("/") }
        XCTAssertFalse(pages.isEmpty)
        XCTAssertTrue(pages.allSatisfy { $0.hasSuffix("rendement-2013Q4.md") }, "\(pages)")
        XCTAssertTrue(page.contains("\"bvhRoles\":[\"verdachte\"]"))
    }

    private func csv(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
