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
        let insert = try MultiRowInsert(database, head: """
            INSERT INTO person_observations(person_key, import_id, kind, birth_day, birth_precision, sex, n_rows) VALUES
            """, tuple: "(?, \(importID), '\(kind.rawValue)', ?, ?, ?, ?)", parameters: 5)
        // In person order, a person's birth rows before its sex rows: the
        // by-person index then only grows at its end.
        let birthRows = births.sorted { $0.key < $1.key }, sexRows = sexes.sorted { $0.key < $1.key }
        var b = 0, x = 0
        try insert.insert(count: birthRows.count + sexRows.count) { s, _, at in
            let birthFirst = x == sexRows.count || (b < birthRows.count && birthRows[b].key >> 20 <= sexRows[x].key >> 2)
            if birthFirst {
                let (k, n) = birthRows[b]
                let code = k & 0xFFFFF
                s.bindInt(Int64(k >> 20), at: at)
                s.bindInt(Int64(code >> 2) - 50_000, at: at + 1)
                s.bindInt(Int64(code & 3), at: at + 2)
                s.bindNull(at: at + 3)
                s.bindInt(Int64(n), at: at + 4)
                b += 1
            } else {
                let (k, n) = sexRows[x]
                s.bindInt(Int64(k >> 2), at: at)
                s.bindNull(at: at + 1)
                s.bindNull(at: at + 2)
                s.bindInt(Int64(k & 3), at: at + 3)
                s.bindInt(Int64(n), at: at + 4)
                x += 1
            }
        }
    }
}
