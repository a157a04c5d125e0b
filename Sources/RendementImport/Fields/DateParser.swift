import RendementCore

/// Parses the contract's date forms from bytes: `YYYY-MM-DD`, `DD-MM-YYYY`,
/// `D-M-YYYY`, `DD/MM/YYYY`, `D/M/YYYY`, `YYYYMMDD`; for birth dates also
/// `YYYY-MM` (the 15th is assumed, precision 1) and `YYYY` (1 July,
/// precision 2). Dates before 1900-01-01 or after "today" are implausible.
public struct DateParser: Sendable {
    /// Result of parsing one field.
    public enum Outcome: Equatable, Sendable {
        case empty
        /// precision 0 = day, 1 = month, 2 = year.
        case day(Day, precision: Int)
        case bad
        case implausible
    }

    public static let earliest = Day(year: 1900, month: 1, day: 1)!
    public let today: Day

    public init(today: Day) { self.today = today }

    /// Parses a String (tests, options).
    public func parse(_ text: String, partial: Bool = false) -> Outcome {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { parse(UnsafeBufferPointer($0), partial: partial) }
    }

    /// Parses trimmed bytes; `partial` allows `YYYY-MM` and `YYYY`.
    @inline(__always)
    public func parse(_ b: UnsafeBufferPointer<UInt8>, partial: Bool = false) -> Outcome {
        if b.isEmpty { return .empty }
        guard let (y, m, d, precision) = Self.components(b, partial: partial) else { return .bad }
        guard let day = Day(year: y, month: m, day: d) else { return .bad }
        if day < Self.earliest || day > today { return .implausible }
        return .day(day, precision: precision)
    }

    @inline(__always)
    private static func digit(_ b: UInt8) -> Int? {
        let d = Int(b) &- 48
        return d >= 0 && d <= 9 ? d : nil
    }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        guard from < to else { return nil }
        var v = 0
        for i in from..<to {
            guard let d = digit(b[i]) else { return nil }
            v = v * 10 + d
        }
        return v
    }

    static func components(_ b: UnsafeBufferPointer<UInt8>, partial: Bool) -> (Int, Int, Int, Int)? {
        let n = b.count
        let dash = UInt8(ascii: "-"), slash = UInt8(ascii: "/")
        // The usual form first: YYYY-MM-DD.
        if n == 10 && b[4] == dash && b[7] == dash {
            guard let y = number(b, 0, 4), let m = number(b, 5, 7), let d = number(b, 8, 10) else { return nil }
            return (y, m, d, 0)
        }
        if n == 8, let v = number(b, 0, 8) { return (v / 10000, v / 100 % 100, v % 100, 0) }
        if n == 4 {
            guard partial, let y = number(b, 0, 4) else { return nil }
            return (y, 7, 1, 2)
        }
        if n == 7 && b[4] == dash {
            guard partial, let y = number(b, 0, 4), let m = number(b, 5, 7) else { return nil }
            return (y, m, 15, 1)
        }
        // Separated forms: find the two separators.
        var s1 = -1, s2 = -1
        var sep: UInt8 = 0
        for i in 0..<n where b[i] == dash || b[i] == slash {
            if s1 < 0 { s1 = i; sep = b[i] } else if s2 < 0 { s2 = i; guard b[i] == sep else { return nil } } else { return nil }
        }
        guard s1 > 0, s2 > s1 + 1, s2 < n - 1 else { return nil }
        if s1 == 4 && sep == dash {
            // YYYY-MM-DD (month and day with two digits)
            guard s2 == 7, n == 10, let y = number(b, 0, 4), let m = number(b, 5, 7), let d = number(b, 8, 10) else { return nil }
            return (y, m, d, 0)
        }
        guard s1 <= 2, s2 - s1 - 1 <= 2, n - s2 - 1 == 4,
              let d = number(b, 0, s1), let m = number(b, s1 + 1, s2), let y = number(b, s2 + 1, n) else { return nil }
        return (y, m, d, 0)
    }
}
