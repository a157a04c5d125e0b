import ArgumentParser
import RendementCore
import RendementImport

/// `rendement pseudonymize --key KEYFILE --column NAME IN OUT`.
struct PseudonymizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pseudonymize",
        abstract: "Replace an identifying column by keyed pseudonyms (HMAC-SHA256) and drop every directly identifying column.",
        discussion: "Dropped: bsn, naam, voornaam, achternaam, adres, straat, huisnummer, postcode, telefoon, email. The pseudonym column is called persoon_id. Both parties use the same key and the same identifier (e.g. BSN) so that their files link. The output is person-level data: mode 0600."
    )

    @Option(help: "The key file (rendement keygen).")
    var key: String

    @Option(help: "The column to pseudonymise, e.g. bsn.")
    var column: String

    @Argument(help: "Input file.")
    var input: String

    @Argument(help: "Output file (created with mode 0600; never the input, the key or a symbolic link).")
    var output: String

    func run() throws {
        try reportingErrors {
            // Never onto the input or the key, never through a link (checked again when written).
            try OutputFile.checkTarget(output, protecting: [input, key])
            let result = try Pseudonymizer(key: PseudonymKey.read(from: key), column: column).run(input: input, output: output)
            print("Pseudonymised \(Readable.count(result.rows)) rows into \(output); dropped columns: \(result.dropped.isEmpty ? "none" : result.dropped.joined(separator: ", "))")
        }
    }
}
