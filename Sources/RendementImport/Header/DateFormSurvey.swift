import Foundation
import RendementCore

/// Which of the contract's date forms an extract uses, read from its first
/// rows, so the import summary can say how the file was read ("dates
/// DD-MM-YYYY") and a user sees at once when, say, day and month were meant
/// the other way round. A separate, short read of at most `sampleRows`
/// records; the import itself parses every date as before.
struct DateFormSurvey {
    /// Records looked at.
    static let sampleRows = 200

    /// The forms seen, most frequent first (e.g. `["DD-MM-YYYY", "YYYY-MM-DD"]`).
    var forms: [String] = []

    /// Surveys the date columns of `schema` in the first records of `path`.
    init(path: String, schema: InputSchema, map: HeaderMap, options: ImportOptions) throws(InputProblem) {
        let columns = schema.columns.filter { [.date, .birthdate, .yesnoOrDate].contains($0.type) }.compactMap { map.index[$0.name] }
        guard !columns.isEmpty else { return }
        let reader = try DelimitedReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        var counts: [String: Int] = [:]
        var rows = 0
        while rows < Self.sampleRows, let record = try reader.next() {
            rows += 1
            guard record.problem == nil, record.count == map.width else { continue }
            for c in columns {
                if let form = Self.form(of: record.string(c).trimmingCharacters(in: .whitespaces)) { counts[form, default: 0] += 1 }
            }
        }
        forms = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }

    /// The form of one date text (nil for an empty field or anything that is not a date form).
    static func form(of text: String) -> String? {
        guard !text.isEmpty else { return nil }
        let shape = String(text.map { $0.isASCII && $0.isNumber ? "9" : $0 })
        switch shape {
        case "9999-99-99": return "YYYY-MM-DD"
        case "99-99-9999": return "DD-MM-YYYY"
        case "9-99-9999", "99-9-9999", "9-9-9999": return "D-M-YYYY"
        case "99/99/9999", "9/99/9999", "99/9/9999", "9/9/9999": return "DD/MM/YYYY"
        case "99999999": return "YYYYMMDD"
        case "9999-99": return "YYYY-MM"
        case "9999": return "YYYY"
        default: return nil
        }
    }
}
