/// A problem that makes a whole input file unusable (as opposed to a rejected row).
public enum InputProblem: Error, Sendable, Equatable {
    case cannotOpen(String)
    case unsupportedEncoding
    case empty
    case tooManyColumns(Int)
    case missingColumn(String)
    case duplicateColumn(String)
    case identifyingColumn(String)
    case badMapping(String)
    case emptyRegistry
    case readError(String)
    /// The rejects file (path, reason) cannot be written.
    case rejectsFile(String, String)

    /// One-line explanation.
    public var message: String {
        switch self {
        case .cannotOpen(let reason): "cannot open the file: \(reason)"
        case .unsupportedEncoding: "UTF-16 is not supported; save the file as UTF-8"
        case .empty: "the file is empty: expected a header row"
        case .tooManyColumns(let n): "the header has \(n) columns; at most 1000 are accepted"
        case .missingColumn(let c): "column \(c): required column is missing from the header (use --mapping FILE.json if it has another name)"
        case .duplicateColumn(let c): "column \(c): the header names this column more than once"
        case .identifyingColumn(let c): "column \(c): the file contains direct identifiers; pseudonymise it first with `rendement pseudonymize`"
        case .badMapping(let reason): "mapping file: \(reason)"
        case .emptyRegistry: "the Veiligheidshuis registry is empty: import veiligheidshuizen first"
        case .readError(let reason): "read error: \(reason)"
        case let .rejectsFile(path, reason): "cannot write the rejects file \(path): \(reason); nothing imported"
        }
    }
}
