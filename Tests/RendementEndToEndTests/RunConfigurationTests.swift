import Foundation
import XCTest
import RendementCore
import RendementPipeline
import RendementStore
import RendementSynth

/// `rendement run --config` end to end on generated data: every stage runs,
/// the report set appears, and a second run skips the files already imported.
final class RunConfigurationTests: XCTestCase {
    func testRunFromAConfigurationAndRunAgain() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try SyntheticExtracts.generate(into: dir + "/data", options: SynthOptions(seed: 3, persons: 4000))
        let json = """
        {"db": "\(dir)/store.sqlite", "purpose": "test van de configuratie",
         "inputs": [{"kind": "clienten", "file": "\(dir)/data/clienten.csv"},
                    {"kind": "bvh", "file": "\(dir)/data/bvh.csv", "periode_van": "2009-01-01", "periode_tot": "2014-12-31"},
                    {"kind": "hks", "file": "\(dir)/data/hks.csv", "periode_van": "2006-01-01", "periode_tot": "2014-12-31"},
                    {"kind": "personen", "file": "\(dir)/data/personen.csv"},
                    {"kind": "veiligheidshuizen", "file": "\(dir)/data/veiligheidshuizen.csv"}],
         "matching": {"ratio": 2, "seed": 9}, "output": "\(dir)/output", "report": "\(dir)/reports", "lang": "en", "formats": ["md", "html"]}
        """
        let configuration = try Pipeline.Configuration.decode(Data(json.utf8))
        var log: [String] = []
        let overview = try Pipeline(configuration: configuration, toolVersion: "test").run { log.append($0) }
        XCTAssertEqual(overview, dir + "/reports/index.md")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/reports/index.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/output/effects.csv"))
        let page = try String(contentsOfFile: overview, encoding: .utf8)
        XCTAssertTrue(page.contains("The Veiligheidshuizen side by side"), "English as configured")
        XCTAssertTrue(page.contains("test van de configuratie"), "the stated purpose is in the provenance")
        XCTAssertTrue(log.contains { $0.contains("Matched") })
        // The run is recorded with its purpose and the hashes of its configuration and inputs.
        let runs = try Store(path: dir + "/store.sqlite", create: false).analysisRuns()
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs.first?.purpose, "test van de configuratie")
        XCTAssertEqual(runs.first?.configurationSHA256.count, 64)
        XCTAssertTrue(page.contains(runs.first!.inputSHA256), "the report names the recorded input hash")

        // The same configuration again: nothing is stale, every stage is reused.
        var again: [String] = []
        _ = try Pipeline(configuration: configuration, toolVersion: "test").run { again.append($0) }
        XCTAssertEqual(again.filter { $0.contains("already imported") }.count, 5, "\(again)")
        XCTAssertTrue(again.contains { $0.contains("Matching run #1 is up to date") }, "\(again)")
        XCTAssertTrue(again.contains { $0.contains("Analysis run #1 is up to date") }, "\(again)")
        XCTAssertEqual(try Store(path: dir + "/store.sqlite", create: false).analysisRuns().count, 1)
        // Other analysis settings: only the analysis runs again, on the same matching run.
        var changed = configuration
        changed.analysis.graceDays = 7
        var third: [String] = []
        _ = try Pipeline(configuration: changed, toolVersion: "test").run { third.append($0) }
        XCTAssertTrue(third.contains { $0.contains("Matching run #1 is up to date") }, "\(third)")
        XCTAssertTrue(third.contains { $0.contains("Analysed matching run #1 (analysis run #2)") }, "\(third)")
        let after = try Store(path: dir + "/store.sqlite", create: false).analysisRuns()
        XCTAssertEqual(after.count, 2)
        XCTAssertEqual(after[0].inputSHA256, after[1].inputSHA256, "same inputs, same hash")
        XCTAssertEqual(after.map(\.matchRunID), [1, 1])
    }

    func testTheExampleConfigurationIsValid() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/run.json")
        let c = try Pipeline.Configuration.decode(Data(contentsOf: url))
        XCTAssertEqual(c.inputs.count, 5)
        XCTAssertEqual(c.matching.caliperSD, 0.2)
        XCTAssertEqual(c.analysis.windows, [1, 2, 3, 6, 12])
    }

    /// Every bad value of a configuration file is an error naming its key and
    /// what is allowed -- never ignored, never replaced by a default.
    func testEveryBadSettingIsNamed() {
        func problem(_ fragment: String) -> String {
            let json = "{\"inputs\": [{\"kind\": \"bvh\", \"file\": \"bvh.csv\"}], \(fragment)}"
            do {
                _ = try Pipeline.Configuration.decode(Data(json.utf8))
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let cases: [(String, String)] = [
            ("\"analysis\": {\"minimumCell\": 0}", "analysis.minimumCell"),
            ("\"analysis\": {\"minimumCell\": -3}", "analysis.minimumCell"),
            ("\"analysis\": {\"minimum_cell\": 50}", "analysis.minimum_cell: unknown setting"),
            ("\"analysis\": {\"windows\": [0, 2]}", "analysis.windows"),
            ("\"analysis\": {\"windows\": \"1,2\"}", "analysis.windows: expected a list of months"),
            ("\"analysis\": {\"anticipationMonths\": 12}", "analysis.anticipationMonths"),
            ("\"analysis\": {\"bvhRoles\": [\"dader\"]}", "analysis.bvhRoles"),
            ("\"analysis\": {\"hksMinimumSeverity\": \"zwaar\"}", "analysis.hksMinimumSeverity"),
            ("\"analysis\": {\"ageBands\": [\"12-17\", \"15-20\"]}", "analysis.ageBands"),
            ("\"analysis\": {\"comparisonDesign\": \"not-yet-treated\"}", "analysis.comparisonDesign"),
            ("\"analysis\": {\"comparisonDesign\": 2}", "analysis.comparisonDesign"),
            ("\"matching\": {\"exact\": [\"postcode\"]}", "matching.exact"),
            ("\"matching\": {\"ratio\": 0}", "matching.ratio"),
            ("\"matching\": {\"periodFrom\": \"2013-13-45\"}", "matching.periodFrom"),
            ("\"matching\": {\"distance\": \"euclid\"}", "matching.distance"),
            ("\"formats\": [\"pdf\"]", "formats: unknown format \"pdf\""),
            ("\"formats\": []", "formats"),
            ("\"lang\": \"fr\"", "lang"),
            ("\"kwartaal\": \"2013Q5\"", "kwartaal"),
            ("\"max_reject_rate\": 2", "max_reject_rate"),
            ("\"reports\": \"out\"", "reports: unknown setting; allowed here:"),
        ]
        for (fragment, expected) in cases {
            let text = problem(fragment)
            XCTAssertTrue(text.contains("setting " + expected) || text.contains(expected), "\(fragment): \(text)")
            XCTAssertNotEqual(text, "accepted", fragment)
        }
        let inputCases: [(String, String)] = [
            ("{\"kind\": \"bvh\", \"file\": \"b.csv\", \"periode_tot\": \"2013-13-45\"}", "inputs.0.periode_tot"),
            ("{\"kind\": \"politie\", \"file\": \"b.csv\"}", "inputs.0.kind: unknown input kind"),
            ("{\"kind\": \"bvh\", \"file\": \"b.csv\", \"encoding\": \"latin9\"}", "inputs.0.encoding"),
            ("{\"kind\": \"bvh\", \"file\": \"b.csv\", \"delimiter\": \"|\"}", "inputs.0.delimiter"),
            ("{\"kind\": \"bvh\", \"file\": \"b.csv\", \"periode\": \"2013\"}", "inputs.0.periode: unknown setting"),
            ("{\"kind\": \"bvh\", \"file\": \"b.csv\", \"instrument\": \"i.json\"}", "inputs.0.instrument: applies to inputs of kind stappenmeter"),
        ]
        for (input, expected) in inputCases {
            let json = "{\"inputs\": [\(input)]}"
            XCTAssertThrowsError(try Pipeline.Configuration.decode(Data(json.utf8)), input) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(input): \(error)")
            }
        }
        // A form the command line accepts is accepted here too, and used.
        let dutch = try? Pipeline.Configuration.decode(Data(
            "{\"inputs\": [{\"kind\": \"bvh\", \"file\": \"b.csv\", \"periode_tot\": \"31-12-2013\"}]}".utf8))
        XCTAssertEqual(dutch?.inputs.first?.periodTo, Day(year: 2013, month: 12, day: 31))
        let design = try? Pipeline.Configuration.decode(Data(
            "{\"inputs\": [{\"kind\": \"bvh\", \"file\": \"b.csv\"}], \"analysis\": {\"comparisonDesign\": \"staggered\"}}".utf8))
        XCTAssertEqual(design?.analysis.comparisonDesign, .staggered)
        XCTAssertEqual(try? Pipeline.Configuration.decode(Data("{\"inputs\": [{\"kind\": \"bvh\", \"file\": \"b.csv\"}]}".utf8)).analysis.comparisonDesign,
                       .both, "both comparisons by default")
    }
}
