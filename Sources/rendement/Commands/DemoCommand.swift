import ArgumentParser
import Foundation
import RendementPipeline
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementStore
import RendementSynth

/// `rendement demo`: the whole pipeline on generated data.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate small synthetic extracts and run the whole pipeline on them: import, match, analyse, report.",
        discussion: "The synthetic extracts and the store go to a temporary folder (person-level data never lands next to the reports); the report set goes to --out."
    )

    @Option(help: "Folder for the report set.")
    var out: String = "reports/demo"

    @Option(help: "Seed of the synthetic data.")
    var seed: UInt64 = 1

    @Option(help: "Language of the reports: nl or en.")
    var lang: String = "nl"

    func run() throws {
        try reportingErrors {
            // A new private folder (mkdtemp: mode 0700, a name nobody could have prepared).
            var template = Array((FileManager.default.temporaryDirectory.path + "/rendement-demo-XXXXXX").utf8CString)
            guard mkdtemp(&template) != nil else { throw ValidationError("cannot create a temporary folder: \(String(cString: strerror(errno)))") }
            let work = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            defer { try? FileManager.default.removeItem(atPath: work) }
            let started = Date()
            print("Generating synthetic extracts (seed \(seed), small) in \(work)")
            let truth = try SyntheticExtracts.generate(into: work + "/data", options: SynthOptions(seed: seed, scale: .small))
            let inputs = ["veiligheidshuizen", "personen", "bvh", "hks", "clienten"].map { kind in
                Pipeline.Input(kind: kind, file: "\(work)/data/\(kind).csv", periode_van: truth.periods[kind]?[0], periode_tot: truth.periods[kind]?[1])
            }
            let configuration = Pipeline.Configuration(
                db: work + "/demo.sqlite", purpose: "demonstratie op synthetische gegevens", inputs: inputs, rejects: work + "/rejects",
                max_reject_rate: nil, matching: nil, analysis: nil, output: work + "/output", report: out, lang: lang,
                formats: nil, veiligheidshuis: nil, kwartaal: nil)
            let overview = try Pipeline(configuration: configuration, toolVersion: RendementVersion.string).run { print($0) }
            try printImported(store: Store(path: work + "/demo.sqlite", create: false))
            print(String(format: "Done in %.1f s. Overview of the report set: %@", Date().timeIntervalSince(started), overview))
        }
    }

    /// Counts per source and per Veiligheidshuis.
    private func printImported(store: Store) throws {
        print("Imported: " + [("BVH rows", try store.liveEventCount(.bvh)), ("HKS rows", try store.liveEventCount(.hks)),
                              ("registrations", try store.liveRowCount("registrations")),
                              ("Veiligheidshuizen", try store.liveRowCount("veiligheidshuizen"))].map { "\($0.0) \(Readable.count($0.1))" }
            .joined(separator: ", "))
        let perHouse = Dictionary(grouping: try store.registrations(), by: \.veiligheidshuis).mapValues(\.count)
        print("Registrations per Veiligheidshuis: " + perHouse.sorted { $0.key < $1.key }.map { "\(Escaping.terminal($0.key)) \($0.value)" }.joined(separator: "; "))
    }
}
