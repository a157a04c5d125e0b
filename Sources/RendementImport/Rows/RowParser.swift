import RendementCore

/// Validates the fields of one row against the kind's schema, column by
/// column, and turns them into store values. Every check names the column
/// and what was expected; the first failing check rejects the row.
final class RowParser {
    let schema: InputSchema
    let map: HeaderMap
    let dates: DateParser
    /// Dates already parsed by this parser (one per reading thread).
    private let dateCache = DateCache()
    private var enums: [String: EnumParser] = [:]

    init(schema: InputSchema, map: HeaderMap, today: Day) {
        self.schema = schema
        self.map = map
        self.dates = DateParser(today: today)
        for c in schema.columns where c.type == .enum { enums[c.name] = EnumParser(column: c) }
    }

    /// Field index of a canonical column, -1 when absent.
    func column(_ name: String) -> Int { map.index[name] ?? -1 }

    func isRequired(_ name: String) -> Bool { schema.column(name)?.required ?? false }

    static func got(_ b: UnsafeBufferPointer<UInt8>) -> String { FieldBytes.string(b) }

    /// A required text field.
    @inline(__always)
    func required(_ f: FieldView, _ c: Int, _ name: String) throws(RowFault) -> UnsafeBufferPointer<UInt8> {
        let b = f[c]
        if b.isEmpty { throw RowFault(column: name, reason: .missingRequired, message: "\(name) is required", got: "") }
        return b
    }

    /// A valid persoon_id.
    @inline(__always)
    func personID(_ f: FieldView, _ c: Int) throws(RowFault) -> UnsafeBufferPointer<UInt8> {
        let b = try required(f, c, "persoon_id")
        if !PersonID.isValid(b) {
            throw RowFault(column: "persoon_id", reason: .badPersonID, message: RejectionReason.badPersonID.explanation, got: Self.got(b))
        }
        return b
    }

    /// A date (nil when empty and optional); `partial` allows YYYY-MM and YYYY.
    @inline(__always)
    func date(_ f: FieldView, _ c: Int, _ name: String, required: Bool, partial: Bool = false) throws(RowFault) -> (Day, Int)? {
        let b = f[c]
        let key = DateCache.key(b, partial: partial)
        if let key, let hit = dateCache.lookUp(key) { return hit }
        switch dates.parse(b, partial: partial) {
        case let .day(d, p):
            if let key { dateCache.store(key, d, p) }
            return (d, p)
        case .empty:
            if required { throw RowFault(column: name, reason: .missingRequired, message: "\(name) is required", got: "") }
            return nil
        case .bad:
            let forms = partial ? "YYYY-MM-DD, DD-MM-YYYY, D-M-YYYY, DD/MM/YYYY, YYYYMMDD, YYYY-MM or YYYY" : "YYYY-MM-DD, DD-MM-YYYY, D-M-YYYY, DD/MM/YYYY or YYYYMMDD"
            throw RowFault(column: name, reason: .badDate, message: "expected a valid date as \(forms)", got: Self.got(b))
        case .implausible:
            throw RowFault(column: name, reason: .implausibleDate, message: "expected a date from 1900-01-01 to \(dates.today.iso)", got: Self.got(b))
        }
    }

    /// The parser of an enumerated column (fetch once, pass to `enumIndex`).
    func enumParser(_ name: String) -> EnumParser { enums[name]! }

    /// An enumerated value: the index in the schema's `values` (nil when empty and optional).
    @inline(__always)
    func enumIndex(_ f: FieldView, _ c: Int, _ name: String, required: Bool) throws(RowFault) -> Int? {
        try enumIndex(f, c, name, required: required, parser: enums[name]!)
    }

    /// `enumIndex` with the column's parser at hand (no lookup by name per row).
    @inline(__always)
    func enumIndex(_ f: FieldView, _ c: Int, _ name: String, required: Bool, parser: EnumParser) throws(RowFault) -> Int? {
        let b = f[c]
        if b.isEmpty {
            if required { throw RowFault(column: name, reason: .missingRequired, message: "\(name) is required", got: "") }
            return nil
        }
        guard let v = parser.parse(b) else {
            let allowed = schema.column(name)?.values?.joined(separator: ", ") ?? ""
            throw RowFault(column: name, reason: .badValue, message: "expected one of \(allowed)", got: Self.got(b))
        }
        return v
    }

    /// A whole number within the schema's range (nil when empty and optional).
    func int(_ f: FieldView, _ c: Int, _ name: String, required: Bool) throws(RowFault) -> Int? {
        let b = f[c]
        if b.isEmpty {
            if required { throw RowFault(column: name, reason: .missingRequired, message: "\(name) is required", got: "") }
            return nil
        }
        let col = schema.column(name)
        let lo = col?.min ?? Int.min, hi = col?.max ?? Int.max
        guard let v = FieldBytes.int(b), v >= lo, v <= hi else {
            throw RowFault(column: name, reason: .badNumber, message: "expected a whole number from \(lo) to \(hi)", got: Self.got(b))
        }
        return v
    }

    /// plan_van_aanpak: (yes, plan day) from ja/nee and synonyms, or a date meaning ja.
    func yesNoOrDate(_ f: FieldView, _ c: Int, _ name: String) throws(RowFault) -> (Bool, Day?) {
        let b = f[c]
        if b.isEmpty { throw RowFault(column: name, reason: .missingRequired, message: "\(name) is required", got: "") }
        switch FieldBytes.normalizedKey(b) {
        case "ja", "j", "yes", "y", "1", "true", "waar": return (true, nil)
        case "nee", "n", "no", "0", "false", "onwaar": return (false, nil)
        default: break
        }
        switch dates.parse(b) {
        case let .day(d, _): return (true, d)
        case .implausible:
            throw RowFault(column: name, reason: .implausibleDate, message: "expected a date from 1900-01-01 to \(dates.today.iso)", got: Self.got(b))
        default:
            throw RowFault(column: name, reason: .badValue, message: "expected ja/nee (j/n, yes/no, 1/0, true/false) or a date", got: Self.got(b))
        }
    }
}
