import Foundation
import RendementCore

/// The published schema of one input kind (`data-schema/<kind>.schema.json`),
/// parsed from the embedded copy: which columns exist, which are required,
/// and how each is parsed.
public struct InputSchema: Decodable, Sendable {
    public let kind: String
    public let description: String
    public let columns: [ColumnSchema]

    /// The schema of `kind`, parsed once from `EmbeddedSchemas`.
    public static func of(_ kind: InputKind) -> InputSchema { cache[kind]! }

    private static let cache: [InputKind: InputSchema] = {
        var out: [InputKind: InputSchema] = [:]
        for kind in InputKind.allCases {
            let text = EmbeddedSchemas.text[kind.rawValue]!
            do {
                out[kind] = try JSONDecoder().decode(InputSchema.self, from: Data(text.utf8))
            } catch {
                fatalError("embedded schema \(kind.rawValue) does not parse: \(error)")
            }
        }
        return out
    }()

    /// The column named `name` (canonical).
    public func column(_ name: String) -> ColumnSchema? { columns.first { $0.name == name } }
}

/// One column of an input schema.
public struct ColumnSchema: Decodable, Sendable {
    /// How a column's values are parsed.
    public enum ValueType: String, Decodable, Sendable {
        case id, date, birthdate, `enum`, text, int
        case yesnoOrDate = "yesno_or_date"
    }

    public let name: String
    public let required: Bool
    public let type: ValueType
    public let values: [String]?
    public let synonyms: [String: String]?
    public let min: Int?
    public let max: Int?
    /// False for columns that are read but never stored (free text).
    public let stored: Bool?
    public let description: String
    public let example: String

    /// Lookup from a normalised spelling (lower case, no spaces, `_` or `-`)
    /// to the index of the canonical value in `values`.
    public var enumLookup: [String: Int] {
        var out: [String: Int] = [:]
        for (i, v) in (values ?? []).enumerated() { out[InputName.normalize(v)] = i }
        for (k, v) in synonyms ?? [:] { if let i = values?.firstIndex(of: v) { out[InputName.normalize(k)] = i } }
        return out
    }
}
