import ArgumentParser
import Foundation
import RendementCore
import RendementPipeline

/// `rendement run --config FILE`: import, match, analyse and report in one go.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Import (skipping files already imported), match, analyse and report, from a configuration file.",
        discussion: "The configuration is JSON; docs/configuration.md describes every field and examples/run.json is an example."
    )

    @Option(help: "The configuration file (JSON).")
    var config: String

    func run() throws {
        try reportingErrors {
            let data: Data
            do throws(InputFile.Refusal) { data = Data(try InputFile.read(config, expected: "a JSON configuration file")) } catch {
                throw ValidationError("cannot read \(config): \(error.reason)")
            }
            let configuration: Pipeline.Configuration
            do { configuration = try Pipeline.Configuration.decode(data) } catch {
                throw ValidationError("\(config): \(error)")
            }
            let overview = try Pipeline(configuration: configuration, toolVersion: RendementVersion.string).run { print($0) }
            print("Report set written. Overview: \(overview)")
        }
    }
}
