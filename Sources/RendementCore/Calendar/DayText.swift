import Foundation

/// Full dates as people write them in settings (`--periode-van`,
/// `periode_tot` in a configuration file, `periodFrom`): the forms of the
/// input contract, `YYYY-MM-DD`, `DD-MM-YYYY`, `D-M-YYYY`, `DD/MM/YYYY`,
/// `D/M/YYYY` and `YYYYMMDD`. The importer's byte-level `DateParser` reads
/// the same forms in extracts (a test keeps the two in agreement).
public enum DayText {
    /// The day written in `text`, or nil when it is not a valid date in one of the forms.
    public static func parse(_ text: String) -> Day? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 8, t.allSatisfy(\.isASCIIDigit) {
            return Day(year: Int(t.prefix(4))!, month: Int(t.dropFirst(4).prefix(2))!, day: Int(t.suffix(2))!)
        }
        for separator: Character in ["-", "/"] {
            let parts = t.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { continue }
            let a = Int(parts[0])!, b = Int(parts[1])!, c = Int(parts[2])!
            if parts[0].count == 4, separator == "-", parts[1].count == 2, parts[2].count == 2 { return Day(year: a, month: b, day: c) }
            if parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 { return Day(year: c, month: b, day: a) }
        }
        return nil
    }

    /// The forms accepted, for error messages.
    public static let forms = "YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or YYYYMMDD"
}

extension Character {
    /// An ASCII digit 0-9 (not any Unicode number).
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Day: Codable {
    /// Encoded as its ISO form (`2013-12-31`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }

    /// Decoded from any of the forms of `DayText`; anything else is a `SettingError`.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = DayText.parse(text) else {
            throw SettingError(key: decoder.settingPath, "expected a date (\(DayText.forms)), got \"\(text)\"")
        }
        self = day
    }
}
