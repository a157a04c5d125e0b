import ArgumentParser

/// `rendement demo` (placeholder until the pipeline lands).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Run the pipeline on generated data.")
    func run() throws { throw ValidationError("demo is not built yet") }
}
