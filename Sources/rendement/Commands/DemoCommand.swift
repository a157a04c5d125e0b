import ArgumentParser
import Foundation
import RendementPipeline
import RendementReports
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
        discussion: """
        The synthetic extracts and the store go to a temporary folder that is removed at the end (person-level data \
        never lands next to the reports). What stays is --out: the report set in OUT/report (open OUT/report/index.html) \
        and the result tables in OUT/tables.
        """
    )

    /// Persons in the demo's population: enough for about ten clients per
    /// Veiligheidshuis and year, so the quarterly reports have a rolling year to show.
    static let persons = 60_000

    @Option(help: "Folder for the demo's results: the report set (report/) and the result tables (tables/).")
    var out: String = "rendement-demo"

    @Option(help: "Seed of the synthetic data.")
    var seed: UInt64 = 1

    @Option(help: "Language of the reports: nl or en.")
    var lang: ReportLanguage = .nl

    func run() throws {
        try reportingErrors {
            // A new private folder (mkdtemp: mode 0700, a name nobody could have prepared).
            var template = Array((FileManager.default.temporaryDirectory.path + "/rendement-demo-XXXXXX").utf8CString)
            guard mkdtemp(&template) != nil else { throw ValidationError("cannot create a temporary folder: \(String(cString: strerror(errno)))") }
            let work = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            defer { try? FileManager.default.removeItem(atPath: work) }
            let started = Date()
            print("Generating synthetic extracts (seed \(seed), \(Readable.count(Self.persons)) persons) in \(work)")
            let truth = try SyntheticExtracts.generate(into: work + "/data", options: SynthOptions(seed: seed, scale: .small, persons: Self.persons))
            let inputs = InputKind.allCases.map { kind in
                Pipeline.Input(kind: kind, file: "\(work)/data/\(kind.rawValue).csv", periodFrom: truth.periods[kind.rawValue].flatMap { Day(iso: $0[0]) },
                               periodTo: truth.periods[kind.rawValue].flatMap { Day(iso: $0[1]) })
            }
            var configuration = Pipeline.Configuration(inputs: inputs)
            configuration.db = work + "/demo.sqlite"
            configuration.purpose = "demonstratie op synthetische gegevens"
            configuration.analysis.purpose = "demonstratie op synthetische gegevens"
            configuration.rejects = work + "/rejects"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            configuration.output = out + "/tables"
            configuration.report = out + "/report"
            configuration.language = lang
            let overview = try Pipeline(configuration: configuration, toolVersion: RendementVersion.string).run { print($0) }
            try printImported(store: Store(path: work + "/demo.sqlite", create: false))
            let html = URL(fileURLWithPath: out + "/report/index.html").standardizedFileURL.path
            print(String(format: "Done in %.1f s.", Date().timeIntervalSince(started)))
            print("Open the overview in a browser: \(Escaping.terminal(html))")
            print("Markdown version: \(Escaping.terminal(overview)); result tables (CSV): \(Escaping.terminal(out + "/tables"))")
        }
    }

    /// Counts per source and per Veiligheidshuis.
    private func printImported(store: Store) throws {
        print("Imported: " + [("BVH rows", try store.liveEventCount(.bvh)), ("HKS rows", try store.liveEventCount(.hks)),
                              ("registrations", try store.liveRowCount("registrations")),
                              ("Veiligheidshuizen", try store.liveRowCount("veiligheidshuizen")),
                              ("Stappenmeters", try store.liveRowCount("stappenmeter_forms"))].map { "\($0.0) \(Readable.count($0.1))" }
            .joined(separator: ", "))
        let perHouse = Dictionary(grouping: try store.registrations(), by: \.veiligheidshuis).mapValues(\.count)
        print("Registrations per Veiligheidshuis: " + perHouse.sorted { $0.key < $1.key }.map { "\(Escaping.terminal($0.key)) \($0.value)" }.joined(separator: "; "))
    }
}
