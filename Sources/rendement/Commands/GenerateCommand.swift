import ArgumentParser
import Foundation
import RendementSynth

/// `rendement generate`: synthetic extracts in the canonical form plus `truth.json`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic BVH, HKS, client, registry and person extracts with a planted effect.",
        discussion: """
        Writes bvh.csv, hks.csv, clienten.csv, veiligheidshuizen.csv, personen.csv and truth.json \
        (the planted effect, counts, observation periods and, with --messy, every planted broken row \
        with the rejection the importer must give it). The same seed always writes the same files.
        """
    )

    @Option(help: "Folder to write the extracts into.")
    var out: String

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Size: small (~20k persons), medium (~200k), national (~2M).")
    var scale: SynthScale = .small

    @Flag(help: "Dutch export style: semicolons, dd-mm-yyyy, Windows-1252, CRLF, renamed headers (with mapping files) and ~1% broken rows.")
    var messy = false

    @Option(help: "Planted effect: planted (age-dependent drop after intake) or none (for calibration).")
    var effect: EffectChoice = .planted

    @Option(help: "Override the number of persons of the scale.")
    var persons: Int?

    @Option(help: "Who becomes a client: observed (intake at a suspect incident, more likely after a heavy recent record) or latent (the persons with the highest latent rate, on a random day).")
    var selection: ClientSelection = .latentRate

    @Option(help: "A crisis before intake: the police contact rate is this many times the usual level in the --spike-months before intake (1: none).")
    var spikeFactor: Double = PreIntakeSpike.typical.factor

    @Option(help: "Calendar months before intake that the crisis of --spike-factor lasts.")
    var spikeMonths: Int = PreIntakeSpike.typical.months

    enum EffectChoice: String, ExpressibleByArgument, CaseIterable {
        case planted, none
    }

    func validate() throws {
        guard spikeFactor >= 1, spikeFactor.isFinite else {
            throw ValidationError("--spike-factor must be a number of at least 1 (1 means no crisis), not \(spikeFactor)")
        }
        guard (0...24).contains(spikeMonths) else { throw ValidationError("--spike-months must lie between 0 and 24, not \(spikeMonths)") }
        if let persons, persons < 1 { throw ValidationError("--persons must be at least 1") }
    }

    func run() throws {
        let progress = ProgressLine("generating")
        let options = SynthOptions(seed: seed, scale: scale, messy: messy,
                                   effect: effect == .planted ? .planted : .none, persons: persons, selection: selection,
                                   spike: PreIntakeSpike(factor: spikeFactor, months: spikeMonths))
        let truth = try SyntheticExtracts.generate(into: out, options: options, progress: progress.update)
        progress.finish()
        print("Wrote synthetic extracts to \(out) (seed \(seed), scale \(scale.rawValue)\(messy ? ", messy" : "")):")
        for file in truth.rows.keys.sorted() {
            print("  \(file): \(Readable.count(truth.rows[file]!)) rows")
        }
        print("  persons: \(Readable.count(truth.persons)), clients with a plan of approach: \(Readable.count(truth.clients))")
        if messy { print("  planted broken rows: \(Readable.count(truth.brokenRows.count)) (listed in truth.json)") }
    }
}

extension SynthScale: ExpressibleByArgument {}
extension ClientSelection: ExpressibleByArgument {}
