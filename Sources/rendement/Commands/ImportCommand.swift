import ArgumentParser

/// `rendement import KIND FILE...` (placeholder until the importer lands).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import extracts into the store.")
    func run() throws { throw ValidationError("import is not built yet") }
}
