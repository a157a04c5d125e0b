/// A problem that makes a whole input file unusable (as opposed to a rejected row).
public enum InputProblem: Error, Sendable, Equatable {
    case cannotOpen(String)
    case unsupportedEncoding
    case empty
    case tooManyColumns(Int)
    /// Every required column the header lacks, in schema order.
    case missingColumns([String])
    case duplicateColumn(String)
    case identifyingColumn(String)
    case badMapping(String)
    case emptyRegistry
    case readError(String)
    /// The rejects file (path, reason) cannot be written.
    case rejectsFile(String, String)
    /// The first line is not text (detail: why).
    case headerNotText(String)
    /// The first line is longer than `DelimitedReader.maxRecordBytes`.
    case headerTooLong
    /// A quoted name in the header runs to the end of the file.
    case headerUnclosedQuote
    /// A header and no rows.
    case noRows
    /// A registry that lists a Veiligheidshuis more than once (detail: names and lines).
    case duplicateRegistryNames(String)
    /// A registry name already in the live registry from another import (detail: name, line, import).
    case registryNameTaken(String)
    /// A replaced registry that leaves out Veiligheidshuizen with clients (detail: names and counts).
    case registryDropsClients(String)
    /// A rename mapping file (`--rename`) that cannot be used (detail: why).
    case badRename(String)
    /// A Stappenmeter instrument definition (`--instrument`) that cannot be used (detail: why).
    case badInstrument(String)

    /// The line the problem is on, where there is one (the header is line 1).
    public var line: Int? {
        switch self {
        case .cannotOpen, .readError, .badMapping, .emptyRegistry, .rejectsFile, .duplicateRegistryNames, .registryNameTaken,
             .registryDropsClients, .badRename, .badInstrument: nil
        case .noRows: 2
        default: 1
        }
    }

    /// "FILE:LINE: message" (or "FILE: message"), one line.
    public func located(in path: String) -> String {
        "\(path)" + (line.map { ":\($0)" } ?? "") + ": " + message
    }

    /// One-line explanation.
    public var message: String {
        switch self {
        case .cannotOpen(let reason): "cannot open the file: \(reason)"
        case .unsupportedEncoding: "UTF-16 (or UTF-32) is not supported: expected UTF-8 or Windows-1252; save the file as UTF-8"
        case .empty: "the file is empty: expected a header row"
        case .tooManyColumns(let n): "the header has \(n) columns; at most 1000 are accepted"
        case .missingColumns(let c) where c.count == 1:
            "column \(c[0]): required column is missing from the header (use --mapping FILE.json if it has another name)"
        case .missingColumns(let c):
            "columns \(c.joined(separator: ", ")): required columns are missing from the header (use --mapping FILE.json if they have other names)"
        case .duplicateColumn(let c): "column \(c): the header names this column more than once"
        case .identifyingColumn(let c): "column \(c): the file contains direct identifiers; pseudonymise it first with `rendement pseudonymize`"
        case .badMapping(let reason): "mapping file: \(reason)"
        case .emptyRegistry: "the Veiligheidshuis registry is empty: import veiligheidshuizen first"
        case .readError(let reason): "read error: \(reason)"
        case let .rejectsFile(path, reason): "cannot write the rejects file \(path): \(reason); nothing imported"
        case .headerNotText(let detail): "the header is not text: \(detail) (a binary file, or a spreadsheet not saved as CSV?); expected a row of column names"
        case .headerTooLong: "the header is longer than 1 MiB without a line break (a binary file?); expected a row of column names"
        case .headerUnclosedQuote: "a quoted name in the header is not closed before the end of the file; expected a row of column names"
        case .noRows: "no data rows after the header; expected at least one row"
        case .duplicateRegistryNames(let detail):
            "\(detail); a registry lists each Veiligheidshuis once (names are compared ignoring case, spaces, _ and -); nothing imported"
        case .registryNameTaken(let detail):
            "\(detail); replace that import (--replace --label LABEL) or leave the name out; nothing imported"
        case .registryDropsClients(let detail):
            "the new registry leaves out Veiligheidshuizen that have clients: \(detail); keep them in the registry, or give their new names in a file --rename FILE.json {\"old name\": \"new name\"}; nothing imported"
        case .badRename(let why): "rename file: \(why); nothing imported"
        case .badInstrument(let why): "Stappenmeter instrument: \(why); nothing imported"
        }
    }
}
