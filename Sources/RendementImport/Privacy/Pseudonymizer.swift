import Foundation
import RendementCore

/// Rewrites a delimited file with one column replaced by keyed pseudonyms,
/// for files that leave the organisation that holds the identities.
///
/// - Every column whose name identifies people (`IdentifyingColumns`:
///   BSN, naam, adres, telefoon, e-mail, IBAN, kenteken, ... in Dutch and
///   English) is **dropped**, and so is every column named with `drop`.
/// - Every other column is read for identifiers by their form
///   (`IdentifierShape`: a BSN passing the eleven-test, an e-mail address,
///   a phone number, an IBAN). One found in a column the user did not
///   `keep` **refuses** the whole file, naming column, line and kind (never
///   the value): the form is a heuristic, so the user decides -- `drop` the
///   column, or `keep` it when it holds no identifiers.
/// - A row whose identifier is empty or blank is **rejected** -- never
///   pseudonymised, as all such rows would share one pseudonym -- and listed
///   (line and reason, no values) in `OUTPUT.rejects.csv`.
/// - The output and the rejects file are never written over the input, the
///   key file or any file that holds a rendement key.
///
/// The output is canonical (UTF-8, comma, LF) and, being person-level data,
/// created with mode 0600. Its values are written as they came (no
/// spreadsheet-formula guard): it is an input for `rendement import`.
public struct Pseudonymizer {
    public let key: PseudonymKey
    /// The column whose values become pseudonyms (matched like any header).
    public let column: String
    /// Name of the pseudonym column in the output (default `persoon_id`).
    public let outputColumn: String
    /// Columns written as they are: no name or content check (`--keep`).
    public var keep: [String] = []
    /// Columns left out (`--drop`).
    public var drop: [String] = []
    /// The key file, which the output may never replace.
    public var keyPath: String?

    /// A column left out of the output, and why.
    public struct DroppedColumn: Sendable, Equatable {
        public var name: String
        public var reason: String
    }

    /// An identifier found by its form: column, first line, kind.
    public struct Finding: Sendable, Equatable {
        public var column: String
        public var line: Int
        public var shape: IdentifierShape
    }

    /// What a run did.
    public struct Outcome: Sendable {
        public var rows = 0
        /// Lines (of the input) rejected for an empty or blank identifier.
        public var rejectedLines: [Int] = []
        public var dropped: [DroppedColumn] = []
        public var kept: [String] = []
        /// Where the rejected rows are listed (nil when there were none).
        public var rejectsFile: String?
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case noSuchColumn(String, String)
        case input(String, InputProblem)
        case badRecord(String, Int, String)
        case identifiers(String, [Finding])
        case protectedPath(String, String)
        case outputColumnExists(String, String)
        case conflictingOptions(String)
        case noRows(String, Int)

        public var description: String {
            switch self {
            case let .noSuchColumn(file, column): "\(file): column \(column) is not in the header"
            case let .input(file, problem): problem.located(in: file)
            case let .badRecord(file, line, why): "\(file):\(line): \(why); nothing written"
            case let .identifiers(file, findings):
                "\(file): " + findings.map { "column \($0.column) holds \($0.shape.description) (line \($0.line))" }.joined(separator: "; ")
                    + "; drop such a column with --drop COLUMN, or keep it with --keep COLUMN if it holds no identifiers; nothing written"
            case let .protectedPath(path, what): "refusing to write \(path): it is \(what); choose another output file"
            case let .outputColumnExists(file, name): "\(file): the file already has a column \(name); drop it with --drop \(name) or name the pseudonym column otherwise; nothing written"
            case .conflictingOptions(let why): why
            case let .noRows(file, rejected): "\(file): no row has an identifier to pseudonymise (\(rejected) rows with an empty or blank one); nothing written"
            }
        }
    }

    public init(key: PseudonymKey, column: String, outputColumn: String = "persoon_id", keep: [String] = [], drop: [String] = [],
                keyPath: String? = nil) {
        self.key = key
        self.column = column
        self.outputColumn = outputColumn
        self.keep = keep
        self.drop = drop
        self.keyPath = keyPath
    }

    /// The rejects file of an output: `OUT.rejects.csv` next to it.
    public static func rejectsPath(for output: String) -> String {
        var base = output
        if base.lowercased().hasSuffix(".csv") { base = String(base.dropLast(4)) }
        return base + ".rejects.csv"
    }

    /// What happens to each column of a header (by index).
    struct Plan {
        var target: Int
        var kept: Set<Int> = []
        var dropped: [Int: String] = [:]
        var scanned: [Int] = []
    }

    func plan(header: [String], file: String) throws -> Plan {
        let keys = header.map { InputName.normalize($0) }
        func index(_ name: String) throws -> Int {
            guard let i = keys.firstIndex(of: InputName.normalize(name)) else { throw Failure.noSuchColumn(file, name) }
            return i
        }
        var plan = Plan(target: try index(column))
        for name in keep { plan.kept.insert(try index(name)) }
        for name in drop { plan.dropped[try index(name)] = "dropped on request (--drop)" }
        if plan.kept.contains(plan.target) || plan.dropped[plan.target] != nil {
            throw Failure.conflictingOptions("--keep and --drop cannot name the column that is pseudonymised (\(column))")
        }
        if let both = plan.kept.first(where: { plan.dropped[$0] != nil }) {
            throw Failure.conflictingOptions("column \(header[both]) is named both by --keep and by --drop")
        }
        for i in header.indices where i != plan.target && !plan.kept.contains(i) && plan.dropped[i] == nil {
            if let why = IdentifyingColumns.reason(for: header[i]) {
                plan.dropped[i] = "its name says it holds identifiers (\(why))"
            } else {
                plan.scanned.append(i)
            }
        }
        if let clash = header.indices.first(where: { $0 != plan.target && plan.dropped[$0] == nil && keys[$0] == InputName.normalize(outputColumn) }) {
            throw Failure.outputColumnExists(file, header[clash])
        }
        return plan
    }

    /// Pseudonymises `input` into `output`; see the type's description.
    @discardableResult
    public func run(input: String, output: String) throws -> Outcome {
        let rejects = Self.rejectsPath(for: output)
        try ProtectedPaths(input: input, keyPath: keyPath).check(output)
        try ProtectedPaths(input: input, keyPath: keyPath).check(rejects)
        let reader: DelimitedReader
        do { reader = try DelimitedReader(path: input) } catch { throw Failure.input(input, error) }
        let header = reader.header
        let plan = try plan(header: header, file: input)
        let written = header.indices.filter { plan.dropped[$0] == nil }
        // The output is read by rendement import: values stay exactly as they came.
        var csv = TidyCSV(columns: written.map { $0 == plan.target ? outputColumn : header[$0] }, guardFormulas: false)
        var outcome = Outcome()
        var findings: [Int: Finding] = [:]
        while true {
            let record: RawRecord?
            do { record = try reader.next() } catch { throw Failure.input(input, error) }
            guard let record else { break }
            if let problem = record.problem { throw Failure.badRecord(input, record.line, "\(problem)") }
            guard record.count == header.count else {
                throw Failure.badRecord(input, record.line, "expected \(header.count) fields, found \(record.count)")
            }
            for i in plan.scanned where findings[i] == nil {
                if let shape = IdentifierShape.find(in: record.string(i)) { findings[i] = Finding(column: header[i], line: record.line, shape: shape) }
            }
            let identifier = record.string(plan.target)
            guard !identifier.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                outcome.rejectedLines.append(record.line)
                continue
            }
            csv.append(written.map { $0 == plan.target ? .text(key.pseudonym(identifier)) : .text(record.string($0)) })
            outcome.rows += 1
        }
        if !findings.isEmpty { throw Failure.identifiers(input, findings.sorted { $0.key < $1.key }.map(\.value)) }
        if outcome.rows == 0 { throw Failure.noRows(input, outcome.rejectedLines.count) }
        try PrivateFile.write(csv.text, to: output)
        if !outcome.rejectedLines.isEmpty {
            var list = TidyCSV(columns: ["line", "column", "reason", "message"])
            for line in outcome.rejectedLines {
                list.append([.int(line), .text(header[plan.target]), .text(RejectionReason.missingRequired.rawValue),
                             .text("the identifier is empty or blank: no pseudonym is made for it (all such rows would share one)")])
            }
            try PrivateFile.write(list.text, to: rejects)
            outcome.rejectsFile = rejects
        }
        outcome.dropped = plan.dropped.sorted { $0.key < $1.key }.map { DroppedColumn(name: header[$0.key], reason: $0.value) }
        outcome.kept = plan.kept.sorted().map { header[$0] }
        return outcome
    }
}
