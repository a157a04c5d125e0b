import ArgumentParser

/// `rendement generate` (placeholder until the generator lands).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write synthetic extracts.")
    func run() throws { throw ValidationError("generate is not built yet") }
}
