import ArgumentParser

/// The `rendement` command line: parse, call the library, print. Thin by design.
@main
struct Rendement: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rendement",
        abstract: "Measure what Veiligheidshuizen achieve: police contact and offending of clients before and after intake, against matched controls.",
        version: RendementVersion.string,
        subcommands: [ImportCommand.self, MatchCommand.self, AnalyzeCommand.self, ReportCommand.self, AuditCommand.self, RunCommand.self, GenerateCommand.self, DemoCommand.self, KeygenCommand.self, PseudonymizeCommand.self]
    )
}
