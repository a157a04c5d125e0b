import Foundation

/// A calendar quarter such as `2013Q2`: the intake cohort of a quarterly report.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    /// 1...4
    public var quarter: Int

    public init(year: Int, quarter: Int) {
        precondition((1...4).contains(quarter), "quarter must be 1...4")
        self.year = year
        self.quarter = quarter
    }

    /// The quarter a day falls in.
    public init(containing day: Day) {
        let c = day.components
        self.init(year: c.year, quarter: (c.month - 1) / 3 + 1)
    }

    /// Parses `2013Q2` (also `2013-Q2`, `2013q2`).
    public init?(_ text: String) {
        let cleaned = text.uppercased().replacingOccurrences(of: "-", with: "")
        let parts = cleaned.split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2, let y = Int(parts[0]), let q = Int(parts[1]),
              (1...4).contains(q), (1900...9999).contains(y) else { return nil }
        self.init(year: y, quarter: q)
    }

    /// First day of the quarter.
    public var firstDay: Day { Day(year: year, month: (quarter - 1) * 3 + 1, day: 1)! }
    /// Last day of the quarter.
    public var lastDay: Day { firstDay.adding(months: 3).adding(days: -1) }

    public var description: String { "\(year)Q\(quarter)" }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
        (lhs.year, lhs.quarter) < (rhs.year, rhs.quarter)
    }
}

extension Quarter: Codable {
    /// Encoded as its label (`2013Q2`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Decoded from its label; anything else is a `SettingError`.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let q = Quarter(text) else { throw SettingError(key: decoder.settingPath, "expected a quarter like 2013Q2, got \"\(text)\"") }
        self = q
    }

    /// The quarter `n` quarters later (earlier for negative `n`).
    public func adding(_ n: Int) -> Quarter {
        let index = year * 4 + (quarter - 1) + n
        return Quarter(year: index / 4, quarter: index % 4 + 1)
    }
}
