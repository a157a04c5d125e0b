import Foundation
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementImport
import RendementReports
import RendementStore
import RendementSynth

/// A generated population run through import, matching and analysis into a
/// temporary store: the shared starting point of the end-to-end tests.
struct PipelineFixture {
    let dir: String
    let store: Store
    let truth: SynthTruth
    let results: AnalysisRun.Results

    init(seed: UInt64, persons: Int) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
        truth = try SyntheticExtracts.generate(into: dir + "/data", options: SynthOptions(seed: seed, persons: persons))
        store = try Store(path: dir + "/store.sqlite")
        for kind in [InputKind.veiligheidshuizen, .personen, .bvh, .hks, .clienten] {
            var options = ImportOptions()
            options.periodFrom = truth.periods[kind.rawValue].flatMap { Day(iso: $0[0]) }
            options.periodTo = truth.periods[kind.rawValue].flatMap { Day(iso: $0[1]) }
            _ = try Importer(store: store, options: options).importFile(dir + "/data/\(kind.rawValue).csv", kind: kind)
        }
        _ = try MatchingRun(settings: MatchingSettings(), toolVersion: "test").run(store: store)
        results = try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: store)
    }

    func reportInputs() throws -> ReportInputs {
        try ReportInputs.load(store: store, run: results.record.id, toolVersion: "test", runDate: Day(year: 2026, month: 11, day: 29)!)
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
