import Foundation
import RendementCore

/// Where each canonical column of a kind sits in a file's header, after the
/// contract's matching rule (case-insensitive, ignoring spaces, `_` and `-`)
/// and an optional mapping file. Refuses files with a column whose name
/// identifies people (`IdentifyingColumns`, the list the pseudonymiser
/// drops), duplicate header names or a missing required column. A header
/// that a mapping file assigns to a canonical column (other than
/// `persoon_id`) is that column, whatever its name.
public struct HeaderMap: Sendable {

    /// Field index of each canonical column present in the file.
    public let index: [String: Int]
    /// Header names in the file that no canonical column uses (ignored).
    public let extraColumns: [String]
    /// Number of columns in the header.
    public let width: Int

    /// Matches `header` against `schema`; `mapping` maps canonical names to header names.
    public init(header: [String], schema: InputSchema, mapping: [String: String] = [:]) throws(InputProblem) {
        width = header.count
        let normalized = header.map { InputName.normalize($0) }
        let mapped = Set(mapping.filter { $0.key != "persoon_id" }.values.map { InputName.normalize($0) })
        var seen: Set<String> = []
        for (i, key) in normalized.enumerated() where !key.isEmpty {
            if !seen.insert(key).inserted { throw .duplicateColumn(header[i]) }
            if !mapped.contains(key), IdentifyingColumns.reason(for: header[i]) != nil { throw .identifyingColumn(header[i]) }
        }
        let known = Set(schema.columns.map(\.name))
        for canonical in mapping.keys where !known.contains(canonical) {
            throw .badMapping("\"\(canonical)\" is not a column of \(schema.kind) (expected one of \(schema.columns.map(\.name).joined(separator: ", ")))")
        }
        var index: [String: Int] = [:]
        var used: Set<Int> = []
        for column in schema.columns {
            let wanted = InputName.normalize(mapping[column.name] ?? column.name)
            if let i = normalized.firstIndex(of: wanted), !used.contains(i) {
                index[column.name] = i
                used.insert(i)
            } else if mapping[column.name] != nil {
                throw .badMapping("column \(column.name) is mapped to \"\(mapping[column.name]!)\", which is not in the header")
            }
        }
        let missing = schema.columns.filter { $0.required && index[$0.name] == nil }.map(\.name)
        if !missing.isEmpty { throw .missingColumns(missing) }
        self.index = index
        extraColumns = header.indices.filter { !used.contains($0) && !normalized[$0].isEmpty }.map { header[$0] }
    }

    /// Reads a mapping file `{"canonical_name": "Header in file"}`.
    public static func loadMapping(_ path: String) throws(InputProblem) -> [String: String] {
        let data: Data
        do throws(InputFile.Refusal) { data = Data(try InputFile.read(path, expected: "a JSON mapping file")) } catch { throw .badMapping("cannot read \(path): \(error.reason)") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .badMapping("\(path) is not a JSON object {\"canonical_name\": \"Header in file\"}")
        }
        var out: [String: String] = [:]
        for (k, v) in object {
            guard let s = v as? String else { throw .badMapping("the value of \"\(k)\" in \(path) is not a string") }
            out[k] = s
        }
        return out
    }
}
