import ArgumentParser
import RendementCore
import RendementImport

/// `rendement pseudonymize --key KEYFILE --column NAME [--keep C]... [--drop C]... IN OUT`.
struct PseudonymizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pseudonymize",
        abstract: "Replace an identifying column by keyed pseudonyms (HMAC-SHA256) and drop every directly identifying column.",
        discussion: """
        Dropped: every column whose name says it identifies people, in Dutch or English, ignoring case, accents, \
        spaces, _ and - (BSN, burgerservicenummer, naam, voornaam, achternaam, geboorteplaats, adres, straat, \
        huisnummer, postcode, woonplaats, telefoon, mobiel, e-mail, IBAN, kenteken, paspoort, ...), and the columns \
        named with --drop. Every other column is read for identifiers by their form (a BSN passing the eleven-test, \
        an e-mail address, a phone number, an IBAN); one found refuses the file, naming the column and line: drop \
        the column, or --keep it when it holds no identifiers. Rows with an empty or blank identifier are not \
        pseudonymised but listed in OUT.rejects.csv. The pseudonym column is called persoon_id. Both parties use \
        the same key and the same identifier (e.g. BSN) so that their files link. The output is person-level data \
        (mode 0600) and is never written over the input or a key file.
        """
    )

    @Option(help: "The key file (rendement keygen).")
    var key: String

    @Option(help: "The column to pseudonymise, e.g. bsn.")
    var column: String

    @Option(help: ArgumentHelp("A column to write as it is, without a name or content check (repeatable).", valueName: "column"))
    var keep: [String] = []

    @Option(help: ArgumentHelp("A column to leave out (repeatable).", valueName: "column"))
    var drop: [String] = []

    @Argument(help: "Input file.")
    var input: String

    @Argument(help: "Output file (created with mode 0600; never the input, the key or a symbolic link).")
    var output: String

    func run() throws {
        try reportingErrors {
            // Never onto the input or the key, never through a link (checked again when written).
            try OutputFile.checkTarget(output, protecting: [input, key])
            let pseudonymizer = Pseudonymizer(key: try PseudonymKey.read(from: key), column: column, keep: keep, drop: drop, keyPath: key)
            let outcome = try pseudonymizer.run(input: input, output: output)
            print("Pseudonymised \(Readable.count(outcome.rows)) rows into \(Escaping.terminal(output))")
            if !outcome.rejectedLines.isEmpty, let file = outcome.rejectsFile {
                let n = outcome.rejectedLines.count
                print("Rejected \(Readable.count(n)) row\(n == 1 ? "" : "s") with an empty or blank \(Escaping.terminal(column)) (listed in \(Escaping.terminal(file)))")
            }
            let dropped = outcome.dropped.map { "\(Escaping.terminal($0.name)) (\($0.reason))" }
            print("Dropped columns: " + (dropped.isEmpty ? "none" : dropped.joined(separator: ", ")))
            if !outcome.kept.isEmpty { print("Kept on request without checks: " + outcome.kept.map(Escaping.terminal).joined(separator: ", ")) }
        }
    }
}
