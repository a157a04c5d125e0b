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

    public init(kind: String, description: String, columns: [ColumnSchema]) {
        self.kind = kind
        self.description = description
        self.columns = columns
    }

    /// The Stappenmeter schema with one required score column per step of
    /// `instrument` (the header must name every step; a cell may be empty).
    public static func stappenmeter(_ instrument: StappenmeterInstrument) -> InputSchema {
        let base = of(.stappenmeter)
        let steps = instrument.steps.map { step in
            ColumnSchema(name: step.id, required: true, type: .score, values: nil, synonyms: nil, min: instrument.scale.min,
                         max: instrument.scale.max, stored: true, description: step.nl, example: String(instrument.scale.max))
        }
        return InputSchema(kind: base.kind, description: base.description, columns: base.columns + steps)
    }

    /// The column named `name` (canonical).
    public func column(_ name: String) -> ColumnSchema? { columns.first { $0.name == name } }
}

/// One column of an input schema.
public struct ColumnSchema: Decodable, Sendable {
    /// How a column's values are parsed.
    public enum ValueType: String, Decodable, Sendable {
        case id, date, birthdate, `enum`, text, int
        /// A Stappenmeter step: a score on the instrument's scale, a scale label, or not scored.
        case score
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

    public init(name: String, required: Bool, type: ValueType, values: [String]?, synonyms: [String: String]?, min: Int?, max: Int?,
                stored: Bool?, description: String, example: String) {
        self.name = name
        self.required = required
        self.type = type
        self.values = values
        self.synonyms = synonyms
        self.min = min
        self.max = max
        self.stored = stored
        self.description = description
        self.example = example
    }

    /// Lookup from a normalised spelling (lower case, no spaces, `_` or `-`)
    /// to the index of the canonical value in `values`.
    public var enumLookup: [String: Int] {
        var out: [String: Int] = [:]
        for (i, v) in (values ?? []).enumerated() { out[InputName.normalize(v)] = i }
        for (k, v) in synonyms ?? [:] { if let i = values?.firstIndex(of: v) { out[InputName.normalize(k)] = i } }
        return out
    }
}
