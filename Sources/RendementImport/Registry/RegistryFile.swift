import Foundation
import RendementCore

/// The Veiligheidshuis names of a registry file with their lines, read
/// before it is imported (registry files are small), so that the rules of
/// the registry (`RegistryRules`) can name the lines they refuse.
struct RegistryFile {
    /// One named row.
    struct Entry {
        var line: Int
        var name: String
        /// The name as the importer compares names (`InputName.normalize`).
        var key: String
    }

    var entries: [Entry] = []

    /// Reads the names as the importer will: same delimiter, encoding and
    /// header mapping. Rows the importer will reject for their form (field
    /// count, encoding, an empty name) are left out.
    init(path: String, options: ImportOptions, map: HeaderMap) throws(InputProblem) {
        guard let column = map.index["veiligheidshuis"] else { return }
        let reader = try DelimitedReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        while let record = try reader.next() {
            guard record.problem == nil, record.count == map.width else { continue }
            let name = record.string(column).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            entries.append(Entry(line: record.line, name: name, key: InputName.normalize(name)))
        }
    }

    /// Names on more than one line, in order of first appearance.
    var duplicates: [[Entry]] {
        let groups = Dictionary(grouping: entries, by: \.key)
        return entries.compactMap { e in groups[e.key].flatMap { $0.count > 1 && $0[0].line == e.line ? $0 : nil } }
    }

    /// The keys of all names.
    var keys: Set<String> { Set(entries.map(\.key)) }
}
