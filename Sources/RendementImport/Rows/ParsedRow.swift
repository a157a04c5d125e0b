import RendementCore
import RendementStore

/// The non-text values of one validated row, handed from the reading thread
/// to the store thread: up to seven integers whose meaning each kind defines,
/// the person attributes (for observations) and the date that counts for
/// the observation period.
struct ParsedRow {
    static let none = Int64.min
    var v0 = ParsedRow.none, v1 = ParsedRow.none, v2 = ParsedRow.none
    var v3 = ParsedRow.none, v4 = ParsedRow.none, v5 = ParsedRow.none, v6 = ParsedRow.none
    /// Birth date and precision (nil when absent).
    var birth: (Day, Int)?
    /// Sex code (nil when absent).
    var sex: Int?
    /// The pleegdatum of police rows (nil for other kinds).
    var periodDay: Day?

    @inline(__always)
    static func day(_ d: Day?) -> Int64 { d.map { Int64($0.number) } ?? none }
}

extension Statement {
    /// Binds a ParsedRow value: NULL for `ParsedRow.none`.
    @inline(__always)
    func bindValue(_ v: Int64, at index: Int32) {
        if v == ParsedRow.none { bindNull(at: index) } else { bindInt(v, at: index) }
    }
}
