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
        let configuration = try JSONDecoder().decode(Pipeline.Configuration.self, from: Data(json.utf8))
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

        var again: [String] = []
        _ = try Pipeline(configuration: configuration, toolVersion: "test").run { again.append($0) }
        XCTAssertEqual(again.filter { $0.contains("already imported") }.count, 5, "\(again)")
        let after = try Store(path: dir + "/store.sqlite", create: false).analysisRuns()
        XCTAssertEqual(after.count, 2)
        XCTAssertEqual(after[0].inputSHA256, after[1].inputSHA256, "same inputs, same hash")
    }

    func testTheExampleConfigurationIsValid() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/run.json")
        let c = try JSONDecoder().decode(Pipeline.Configuration.self, from: Data(contentsOf: url))
        XCTAssertEqual(c.inputs.count, 5)
        XCTAssertEqual(c.matching?.caliperSD, 0.2)
        XCTAssertEqual(c.analysis?.windows, [1, 2, 3, 6, 12])
    }
}
