/// A calendar date stored as a day number: days since 1970-01-01 (proleptic
/// Gregorian, no time zone). Every date in the store and in the analysis is a
/// `Day`, so windows are integer comparisons and binary searches.
///
/// Conversions use Howard Hinnant's `days_from_civil` / `civil_from_days`
/// algorithms (http://howardhinnant.github.io/date_algorithms.html).
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var number: Int32

    public init(number: Int32) { self.number = number }

    /// A valid calendar date, or `nil` when month or day is out of range.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), year >= 1, year <= 9999,
              day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        self.number = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Year, month (1-12) and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        Day.civilFromDays(Int(number))
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        return "\(Day.pad(c.year, 4))-\(Day.pad(c.month, 2))-\(Day.pad(c.day, 2))"
    }

    /// `DD-MM-YYYY`, the usual Dutch export form.
    public var dutch: String {
        let c = components
        return "\(Day.pad(c.day, 2))-\(Day.pad(c.month, 2))-\(Day.pad(c.year, 4))"
    }

    public var description: String { iso }

    /// The same day `months` calendar months later (or earlier when negative),
    /// with the day clamped to the end of the target month (31 Jan + 1 month =
    /// 28/29 Feb). This is the window arithmetic of the contract.
    public func adding(months: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let y = total / 12, m = total % 12 + 1
        let d = min(c.day, Day.daysInMonth(year: y, month: m))
        return Day(number: Int32(Day.daysFromCivil(year: y, month: m, day: d)))
    }

    public func adding(days: Int) -> Day { Day(number: number + Int32(days)) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { Int(other.number) - Int(number) }

    /// Completed years of age on `self` for someone born on `birth`.
    public func age(bornOn birth: Day) -> Int {
        let a = birth.components, b = components
        var years = b.year - a.year
        if (b.month, b.day) < (a.month, a.day) { years -= 1 }
        return years
    }

    /// Whole calendar months between `self` and a later `other`, counting a
    /// month only when its day has been reached (as `adding(months:)` counts).
    public func completedMonths(to other: Day) -> Int {
        let a = components, b = other.components
        var months = (b.year - a.year) * 12 + (b.month - a.month)
        if months > 0, adding(months: months) > other { months -= 1 }
        if months < 0, adding(months: months) < other { months += 1 }
        return months
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension Day {
    /// Parses `YYYY-MM-DD` (the ISO form used in configuration and CSV output).
    public init?(iso text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}
