import RendementCore
import RendementStore

/// Resolves each person's birth date and sex from all live observations
/// (`person_resolved`), by the documented rule (data-schema/README.md):
///
/// 1. Source priority: personen > clienten > hks > bvh. The best source that
///    has a value decides.
/// 2. Within that source the most frequent value wins (rows summed over its
///    live imports); ties go to the value from the earliest import, then to
///    the earlier date / lower code.
/// 3. Sex: a known sex (man, vrouw) beats `onbekend` from any source;
///    `onbekend` only when nothing else is known.
/// 4. Birth date: a year- or month-precision date yields to a full date
///    (from any source) consistent with it (same year, and month).
/// 5. A person whose observations disagree with the resolved value (another
///    full date, a partial date of another year/month, another known sex)
///    gets birth_conflict / sex_conflict = 1.
enum PersonResolver {
    static func priority(_ kind: String) -> Int {
        switch kind {
        case "personen": 0
        case "clienten": 1
        case "hks": 2
        default: 3
        }
    }

    struct Birth { var priority: Int; var day: Int32; var precision: Int; var count: Int; var firstImport: Int64 }
    struct SexObs { var priority: Int; var sex: Int; var count: Int; var firstImport: Int64 }

    /// Recomputes `person_resolved` for `persons`; returns (birth conflicts, sex conflicts, persons with any conflict).
    /// `lookUpEach`: read the touched persons one by one (true) or scan
    /// every observation (false); by default whichever reads less. Both give
    /// the same result (`PersonResolverTests`).
    static func resolve(_ database: Database, persons: Set<Int64>, lookUpEach: Bool? = nil) throws -> (Int, Int, Int) {
        guard !persons.isEmpty else { return (0, 0, 0) }
        // Observations come from person_observations (personen, clienten) and
        // from the attributes kept with the police histories, each in person order.
        // Read the touched persons one by one when they are few (e.g. a
        // clienten file after a national extract), else scan everything once.
        let allPersons = Int(try database.scalar("SELECT count(*) FROM persons") ?? 0)
        let lookUp = lookUpEach ?? (persons.count * 8 < allPersons)
        // Rows of replaced imports are skipped here rather than by a join
        // (a lookup of the import per row costs more than reading the row).
        let live = Set(try database.prepare("SELECT import_id FROM imports WHERE replaced_at IS NULL").rows([]) { $0.int(0) })
        let selection = lookUp ? "WHERE person_key = ?" : "ORDER BY person_key"
        let scan = try database.prepare("""
            SELECT person_key, CASE kind WHEN 'personen' THEN 0 WHEN 'clienten' THEN 1 WHEN 'hks' THEN 2 ELSE 3 END, import_id, birth_day, birth_precision, sex, n_rows
            FROM person_observations \(selection)
            """)
        let histories = try [InputKind.hks, .bvh].map { kind in
            (priority: priority(kind.rawValue), statement: try database.prepare("""
                SELECT person_key, import_id, attributes FROM \(Store.historyTable(kind)!) \(selection)
                """))
        }
        // Written many persons per statement step (queued in `pending`).
        let upsert = try MultiRowInsert(database, head: """
            INSERT OR REPLACE INTO person_resolved(person_key, birth_day, birth_precision, sex, birth_conflict, sex_conflict) VALUES
            """, tuple: "(?, ?, ?, ?, ?, ?)", parameters: 6)
        var pending: [(person: Int64, birth: Birth?, sex: Int?, birthConflict: Bool, sexConflict: Bool)] = []
        func writePending() throws {
            try upsert.insert(count: pending.count) { s, i, at in
                let r = pending[i]
                s.bindInt(r.person, at: at)
                if let b = r.birth { s.bindInt(Int64(b.day), at: at + 1); s.bindInt(Int64(b.precision), at: at + 2) }
                else { s.bindNull(at: at + 1); s.bindNull(at: at + 2) }
                if let x = r.sex { s.bindInt(Int64(x), at: at + 3) } else { s.bindNull(at: at + 3) }
                s.bindInt(r.birthConflict ? 1 : 0, at: at + 4)
                s.bindInt(r.sexConflict ? 1 : 0, at: at + 5)
            }
            pending.removeAll(keepingCapacity: true)
        }
        var birthConflicts = 0, sexConflicts = 0, any = 0
        var done: [Int64] = []  // in increasing order
        var current: Int64 = -1
        var births: [Birth] = []
        var sexes: [SexObs] = []

        func flush() throws {
            done.append(current)
            let (birth, bConflict) = resolveBirth(births)
            let (sex, sConflict) = resolveSex(sexes)
            pending.append((current, birth, sex, bConflict, sConflict))
            if pending.count == upsert.rowsPerStep { try writePending() }
            if bConflict { birthConflicts += 1 }
            if sConflict { sexConflicts += 1 }
            if bConflict || sConflict { any += 1 }
        }

        func add(_ p: Int, _ imp: Int64, birth: Int64?, precision: Int, sex: Int64?, n: Int) {
            if let d = birth {
                if let i = births.firstIndex(where: { $0.priority == p && $0.day == Int32(d) && $0.precision == precision }) {
                    births[i].count += n
                    births[i].firstImport = min(births[i].firstImport, imp)
                } else {
                    births.append(Birth(priority: p, day: Int32(d), precision: precision, count: n, firstImport: imp))
                }
            }
            if let s = sex {
                if let i = sexes.firstIndex(where: { $0.priority == p && $0.sex == Int(s) }) {
                    sexes[i].count += n
                    sexes[i].firstImport = min(sexes[i].firstImport, imp)
                } else {
                    sexes.append(SexObs(priority: p, sex: Int(s), count: n, firstImport: imp))
                }
            }
        }

        /// Adds the observation row of a live import; false for a replaced one.
        func addObservation(_ scan: Statement) -> Bool {
            guard live.contains(scan.int(2)) else { return false }
            add(Int(scan.int(1)), scan.int(2), birth: scan.optionalInt(3), precision: Int(scan.optionalInt(4) ?? 0),
                sex: scan.optionalInt(5), n: Int(scan.int(6)))
            return true
        }
        /// Adds the attributes of a history of a live import; false for a replaced one.
        func addAttributes(_ h: Statement, priority: Int) throws -> Bool {
            let imp = h.int(1)
            guard live.contains(imp) else { return false }
            try AttributeBlock.forEach(h.blob(2)) { o in
                let value = Int64(o.value)
                add(priority, imp, birth: o.isBirth ? value : nil, precision: Int(o.precision), sex: o.isBirth ? nil : value, n: Int(o.rows))
            }
            return true
        }

        if lookUp {
            for person in persons.sorted() {
                current = person
                births.removeAll(keepingCapacity: true)
                sexes.removeAll(keepingCapacity: true)
                var seen = false
                try scan.bind([person])
                while try scan.step() { if addObservation(scan) { seen = true } }
                scan.reset()
                for h in histories {
                    try h.statement.bind([person])
                    while try h.statement.step() { if try addAttributes(h.statement, priority: h.priority) { seen = true } }
                    h.statement.reset()
                }
                if seen { try flush() }
            }
        } else {
            try scan.bind([])
            var scanHas = try scan.step()
            var historyHas: [Bool] = []
            for h in histories { try h.statement.bind([]); historyHas.append(try h.statement.step()) }
            while true {
                var person = Int64.max
                if scanHas { person = scan.int(0) }
                for (i, h) in histories.enumerated() where historyHas[i] { person = min(person, h.statement.int(0)) }
                if person == .max { break }
                current = person
                births.removeAll(keepingCapacity: true)
                sexes.removeAll(keepingCapacity: true)
                let wanted = persons.contains(person)
                var seen = false
                while scanHas && scan.int(0) == person {
                    if wanted, addObservation(scan) { seen = true }
                    scanHas = try scan.step()
                }
                for (i, h) in histories.enumerated() {
                    while historyHas[i] && h.statement.int(0) == person {
                        if wanted, try addAttributes(h.statement, priority: h.priority) { seen = true }
                        historyHas[i] = try h.statement.step()
                    }
                }
                if seen { try flush() }
            }
            scan.reset()
            for h in histories { h.statement.reset() }
        }
        try writePending()
        // Persons without any live observation left (after --replace).
        let delete = try database.prepare("DELETE FROM person_resolved WHERE person_key = ?")
        if done.count < persons.count {
            let finished = Set(done)
            for p in persons where !finished.contains(p) {
                delete.bindInt(p, at: 1)
                try delete.insert()
            }
        }
        return (birthConflicts, sexConflicts, any)
    }

    private static func better(_ a: Birth, _ b: Birth) -> Bool {
        if a.count != b.count { return a.count > b.count }
        if a.firstImport != b.firstImport { return a.firstImport < b.firstImport }
        return a.day < b.day
    }

    private static func consistent(_ full: Int32, with coarse: Birth) -> Bool {
        let f = Day(number: full).components, c = Day(number: coarse.day).components
        switch coarse.precision {
        case 0: return full == coarse.day
        case 1: return f.year == c.year && f.month == c.month
        default: return f.year == c.year
        }
    }

    static func resolveBirth(_ obs: [Birth]) -> (Birth?, Bool) {
        if obs.count == 1 { return (obs[0], false) }
        guard let best = obs.map(\.priority).min() else { return (nil, false) }
        var chosen = obs.filter { $0.priority == best }.min(by: better)!
        if chosen.precision > 0 {
            let full = obs.filter { $0.precision == 0 && consistent($0.day, with: chosen) }
            if let f = full.min(by: { $0.priority != $1.priority ? $0.priority < $1.priority : better($0, $1) }) {
                chosen = f
            }
        }
        let conflict = obs.contains { o in
            if o.precision == 0 {
                return chosen.precision == 0 ? o.day != chosen.day : !consistent(o.day, with: chosen)
            }
            return !consistent(chosen.day, with: o)
        }
        return (chosen, conflict)
    }

    static func resolveSex(_ obs: [SexObs]) -> (Int?, Bool) {
        if obs.count == 1 { return (obs[0].sex, false) }
        // Among the known sexes: the best source (lowest priority number),
        // then the most rows, the earliest import, the lowest code. A
        // conflict is two different known sexes. (One pass, no allocation:
        // it runs for every person of a national import.)
        var chosen: SexObs?
        var first: Int?
        var conflict = false
        for o in obs where o.sex != Sex.onbekend.code {
            if let f = first { if o.sex != f { conflict = true } } else { first = o.sex }
            guard let c = chosen else { chosen = o; continue }
            if o.priority != c.priority {
                if o.priority < c.priority { chosen = o }
            } else if o.count != c.count {
                if o.count > c.count { chosen = o }
            } else if o.firstImport != c.firstImport {
                if o.firstImport < c.firstImport { chosen = o }
            } else if o.sex < c.sex {
                chosen = o
            }
        }
        guard let chosen else { return (obs.isEmpty ? nil : Sex.onbekend.code, false) }
        return (chosen.sex, conflict)
    }
}
