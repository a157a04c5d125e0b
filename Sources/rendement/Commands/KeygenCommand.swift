import ArgumentParser
import RendementImport

/// `rendement keygen --out KEYFILE`: a new pseudonymisation key (mode 0600).
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a secret key for keyed pseudonyms (HMAC-SHA256), in a new file readable only by you.",
        discussion: "Share the key only with the party that pseudonymises the other file (e.g. police and Veiligheidshuis), through a protected channel. Never store it next to the data or the reports."
    )

    @Option(help: "The key file to create (it must not exist).")
    var out: String

    func run() throws {
        try reportingErrors {
            try PseudonymKey.generate().write(to: out)
            print("Key written to \(out) (mode 0600). Keep it secret and apart from the data.")
        }
    }
}
