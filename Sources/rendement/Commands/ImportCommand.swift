import ArgumentParser
import Foundation
import RendementCore
import RendementImport
import RendementStore

/// `rendement import KIND FILE...`: validate extracts and load them into the store.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import extracts (bvh, hks, clienten, veiligheidshuizen, personen) and Stappenmeters into the store.",
        discussion: """
        Each file is imported in one transaction: all valid rows, or nothing. Rejected rows go to \
        <name>.rejects.csv (next to the file or in --rejects DIR) with line, column, reason and message. \
        A file whose content was already imported is skipped. See data-schema/README.md for the columns. \
        A veiligheidshuizen file lists each Veiligheidshuis once; a replaced registry (--replace) must keep every \
        Veiligheidshuis that has clients, or say with --rename FILE.json where it went. \
        A stappenmeter file has one score column per step of the instrument definition \
        (data-schema/stappenmeter-instrument.v1.json, or --instrument FILE.json).
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case bvh, hks, clienten, veiligheidshuizen, personen, stappenmeter
    }

    @Argument(help: "What the files contain: bvh, hks, clienten, veiligheidshuizen, personen or stappenmeter.")
    var kind: Kind

    @Argument(help: "The files to import.")
    var files: [String]

    @Option(help: "The store.")
    var db: String = "rendement.sqlite"

    @Option(help: "Force the delimiter: , ; or tab (default: detected from the header line).")
    var delimiter: String?

    @Option(help: "Force the encoding: utf8 or cp1252 (default: detected).")
    var encoding: String?

    @Option(help: "Mapping file {\"canonical_name\": \"Header in file\"} for renamed headers.")
    var mapping: String?

    @Option(help: "Folder for the rejects files (default: next to each input).")
    var rejects: String?

    @Option(help: "Import nothing when more than this share of rows is rejected.")
    var maxRejectRate: Double = 0.05

    @Option(help: "Start of the observation period (police extracts; default: earliest pleegdatum).")
    var periodeVan: String?

    @Option(help: "End of the observation period (police extracts; default: latest pleegdatum).")
    var periodeTot: String?

    @Option(help: "Label of the import (default: the file's base name).")
    var label: String?

    @Flag(help: "Replace the earlier import of the same kind and label.")
    var replace = false

    @Option(help: ArgumentHelp("With veiligheidshuizen --replace: a JSON file {\"old name\": \"new name\"} of renamed Veiligheidshuizen; their registrations follow.", valueName: "file"))
    var rename: String?

    @Option(help: ArgumentHelp("With stappenmeter: the instrument definition (JSON) the file was filled in on (default: data-schema/stappenmeter-instrument.v1.json).", valueName: "file"))
    var instrument: String?

    func validate() throws {
        if let d = delimiter, ImportOptions.delimiter(option: d) == nil { throw ValidationError("--delimiter must be , ; or tab") }
        if let e = encoding, TextEncoding(option: e) == nil { throw ValidationError("--encoding must be utf8 or cp1252") }
        if !(0...1).contains(maxRejectRate) { throw ValidationError("--max-reject-rate must be between 0 and 1") }
        if rename != nil && (kind != .veiligheidshuizen || !replace) {
            throw ValidationError("--rename applies to import veiligheidshuizen FILE --replace")
        }
        if instrument != nil && kind != .stappenmeter { throw ValidationError("--instrument applies to import stappenmeter") }
    }

    private func day(_ text: String?, _ name: String) throws -> Day? {
        guard let text else { return nil }
        guard case let .day(d, _) = DateParser(today: Day(number: Int32.max)).parse(text) else {
            throw ValidationError("\(name): expected a date as YYYY-MM-DD or DD-MM-YYYY, got \"\(text)\"")
        }
        return d
    }

    func run() throws {
        var options = ImportOptions()
        options.delimiter = delimiter.flatMap(ImportOptions.delimiter(option:))
        options.encoding = encoding.flatMap(TextEncoding.init(option:))
        options.mappingPath = mapping
        options.rejectsDirectory = rejects
        options.maxRejectRate = maxRejectRate
        options.periodFrom = try day(periodeVan, "--periode-van")
        options.periodTo = try day(periodeTot, "--periode-tot")
        options.label = label
        options.replace = replace
        options.renamePath = rename
        options.instrumentPath = instrument
        if files.count > 1 && label != nil && replace {
            throw ValidationError("--label with --replace applies to one file at a time")
        }
        let store: Store
        do { store = try Store(path: db) } catch {
            FileHandle.standardError.write(Data("rendement import: \(Escaping.terminal("\(error)"))\n".utf8))
            throw ExitCode(1)
        }
        var failed = false
        defer { if failed { store.removeIfUnused() } }
        let importer = Importer(store: store, options: options)
        for file in files {
            let progress = ProgressLine("importing \((file as NSString).lastPathComponent)")
            importer.progress = progress.update
            do {
                let summary = try importer.importFile(file, kind: InputKind(rawValue: kind.rawValue)!)
                progress.finish()
                report(summary)
                print(summary.description)
            } catch {
                progress.finish()
                FileHandle.standardError.write(Data("rendement import: \(Escaping.terminal("\(error)"))\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// The first rejects and the counts per reason, on stderr (values from
    /// the file with control characters shown as codes).
    private func report(_ summary: ImportSummary) {
        guard summary.rejected > 0 else { return }
        var text = ""
        let file = Escaping.terminal(summary.file)
        for r in summary.firstRejects {
            text += "\(file):\(r.line): " + (r.column.isEmpty ? "" : "column \(r.column): ")
                + "\(r.reason.rawValue): \(Escaping.terminal(r.message))" + (r.got.isEmpty ? "" : " (got \"\(Escaping.terminal(r.got))\")") + "\n"
        }
        let counts = summary.rejectedByReason.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \(Readable.count($0.value))" }
        text += "\(file): \(Readable.count(summary.rejected)) rows rejected (\(counts.joined(separator: ", ")))\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
