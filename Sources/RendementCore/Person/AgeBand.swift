import Foundation

/// An age band such as `12-17` or `35-` (open-ended), in completed years at the
/// index date.
public struct AgeBand: Hashable, Sendable, CustomStringConvertible, Codable {
    public var lower: Int
    /// Inclusive upper bound; `nil` for an open band like `35-`.
    public var upper: Int?

    public init(lower: Int, upper: Int?) {
        self.lower = lower
        self.upper = upper
    }

    /// Parses `12-17`, `35-` or `35+`.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("+") || t.hasSuffix("-") {
            guard let lo = Int(t.dropLast()), lo >= 0 else { return nil }
            self.init(lower: lo, upper: nil)
            return
        }
        let parts = t.split(separator: "-")
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo >= 0, hi >= lo else { return nil }
        self.init(lower: lo, upper: hi)
    }

    /// Encoded as its label (`12-17`, `35-`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Decoded from its label; a malformed label is a `SettingError`.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let band = AgeBand(text) else {
            throw SettingError(key: decoder.settingPath, "expected an age band like 12-17 or 35-, got \"\(text)\"")
        }
        self = band
    }

    public func contains(_ age: Int) -> Bool {
        age >= lower && (upper.map { age <= $0 } ?? true)
    }

    /// `12-17` or `35-`, the label used in result tables.
    public var description: String { upper.map { "\(lower)-\($0)" } ?? "\(lower)-" }

    /// The contract's default bands: 12-17, 18-24, 25-34, 35-.
    public static let defaults: [AgeBand] = ["12-17", "18-24", "25-34", "35-"].compactMap(AgeBand.init)

    /// Parses a comma-separated list; `nil` when any band is malformed or bands overlap.
    public static func parseList(_ text: String) -> [AgeBand]? {
        let bands = text.split(separator: ",").map { AgeBand(String($0)) }
        guard !bands.isEmpty, bands.allSatisfy({ $0 != nil }) else { return nil }
        let sorted = bands.compactMap { $0 }.sorted { $0.lower < $1.lower }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            guard let u = a.upper, u < b.lower else { return nil }
        }
        return sorted
    }
}
