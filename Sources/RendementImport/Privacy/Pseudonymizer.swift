import Foundation
import RendementCore

/// Rewrites a delimited file with one column replaced by keyed pseudonyms and
/// every directly identifying column (bsn, naam, adres, postcode, ...)
/// dropped. The output is canonical (UTF-8, comma, LF) and, being
/// person-level data, created with mode 0600.
public struct Pseudonymizer {
    public let key: PseudonymKey
    /// The column whose values become pseudonyms (matched like any header).
    public let column: String
    /// Name of the pseudonym column in the output (default `persoon_id`).
    public let outputColumn: String

    public enum Failure: Error, CustomStringConvertible {
        case noSuchColumn(String, String)
        case input(String, InputProblem)
        case badRecord(String, Int, String)

        public var description: String {
            switch self {
            case let .noSuchColumn(file, column): "\(file): column \(column) is not in the header"
            case let .input(file, problem): problem.located(in: file)
            case let .badRecord(file, line, why): "\(file):\(line): \(why); nothing written"
            }
        }
    }

    public init(key: PseudonymKey, column: String, outputColumn: String = "persoon_id") {
        self.key = key
        self.column = column
        self.outputColumn = outputColumn
    }

    /// Returns (rows written, names of the dropped columns).
    @discardableResult
    public func run(input: String, output: String) throws -> (rows: Int, dropped: [String]) {
        let reader: DelimitedReader
        do { reader = try DelimitedReader(path: input) } catch { throw Failure.input(input, error) }
        let header = reader.header
        let keys = header.map { InputName.normalize($0) }
        guard let target = keys.firstIndex(of: InputName.normalize(column)) else { throw Failure.noSuchColumn(input, column) }
        let identifying = HeaderMap.identifyingColumns
        let keep = header.indices.filter { $0 == target || !identifying.contains(keys[$0]) }
        var csv = TidyCSV(columns: keep.map { $0 == target ? outputColumn : header[$0] })
        var rows = 0
        while true {
            let record: RawRecord?
            do { record = try reader.next() } catch { throw Failure.input(input, error) }
            guard let record else { break }
            if let problem = record.problem { throw Failure.badRecord(input, record.line, "\(problem)") }
            guard record.count == header.count else {
                throw Failure.badRecord(input, record.line, "expected \(header.count) fields, found \(record.count)")
            }
            csv.append(keep.map { $0 == target ? .text(key.pseudonym(record.string($0))) : .text(record.string($0)) })
            rows += 1
        }
        try PrivateFile.write(csv.text, to: output)
        return (rows, header.indices.filter { !keep.contains($0) }.map { header[$0] })
    }
}
