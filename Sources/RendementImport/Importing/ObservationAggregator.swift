import RendementCore
import RendementStore

/// Person attributes seen in one import, aggregated per person: how many
/// rows gave each birth date (with its precision) and each sex. Written to
/// `person_observations` as one row per person and value (birth rows have
/// a NULL sex, sex rows a NULL birth date), with the number of rows.
final class ObservationAggregator {
    private var births: [UInt64: Int32] = [:]
    private var sexes: [UInt64: Int32] = [:]

    @inline(__always)
    func addBirth(_ person: Int64, day: Day, precision: Int) {
        let code = UInt64(Int(day.number) + 50_000) << 2 | UInt64(precision)
        births[UInt64(person) << 20 | code, default: 0] += 1
    }

    @inline(__always)
    func addSex(_ person: Int64, _ sex: Int) {
        sexes[UInt64(person) << 2 | UInt64(sex), default: 0] += 1
    }

    /// Every person with at least one observation.
    var persons: Set<Int64> {
        var out = Set<Int64>(minimumCapacity: births.count)
        for k in births.keys { out.insert(Int64(k >> 20)) }
        for k in sexes.keys { out.insert(Int64(k >> 2)) }
        return out
    }

    func write(to database: Database, importID: Int64, kind: InputKind) throws {
        let s = try database.prepare("""
            INSERT INTO person_observations(person_key, import_id, kind, birth_day, birth_precision, sex, n_rows)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        s.bindInt(importID, at: 2)
        try s.bind(kind.rawValue, at: 3)
        // In person order: the by-person index then grows at its end.
        for (k, n) in births.sorted(by: { $0.key < $1.key }) {
            let code = k & 0xFFFFF
            s.bindInt(Int64(k >> 20), at: 1)
            s.bindInt(Int64(code >> 2) - 50_000, at: 4)
            s.bindInt(Int64(code & 3), at: 5)
            s.bindNull(at: 6)
            s.bindInt(Int64(n), at: 7)
            try s.insert()
        }
        for (k, n) in sexes.sorted(by: { $0.key < $1.key }) {
            s.bindInt(Int64(k >> 2), at: 1)
            s.bindNull(at: 4)
            s.bindNull(at: 5)
            s.bindInt(Int64(k & 3), at: 6)
            s.bindInt(Int64(n), at: 7)
            try s.insert()
        }
    }
}
