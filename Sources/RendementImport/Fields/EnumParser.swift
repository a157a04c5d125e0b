import Foundation
import RendementCore

/// Parses an enumerated column from bytes using the schema's values and
/// synonyms (any case; spaces, `_` and `-` ignored). Remembers the raw
/// spellings it has seen, so the usual handful of spellings in a file is
/// matched without building a String.
final class EnumParser {
    private let lookup: [String: Int]
    @exclusivity(unchecked) private var seen: [([UInt8], Int)] = []

    init(column: ColumnSchema) { lookup = column.enumLookup }

    /// Index into the schema's `values`, or nil when not an allowed label.
    @inline(__always)
    func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        for (bytes, v) in seen where bytes.count == b.count {
            if bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 }) { return v }
        }
        guard let v = lookup[FieldBytes.normalizedKey(b)] else { return nil }
        if seen.count < 64 { seen.append((Array(b), v)) }
        return v
    }
}
