import Foundation
import RendementCore

/// The rendement store: one SQLite file (mode 0600, WAL, `application_id`
/// "RDMT") holding the imported extracts, the import log, matched sets and
/// analysis runs. Opening it brings the schema up to date; a file that is
/// not a rendement store is refused untouched (`StoreFile`).
public final class Store {
    public let database: Database
    /// This store was created by this `Store` (the path was absent or an
    /// empty file): `removeIfUnused()` may remove it again.
    public let isNew: Bool
    /// The path was an existing empty file (restored as such by `removeIfUnused()`).
    private let wasEmptyFile: Bool

    /// Opens or creates the store at `path`.
    public init(path: String, create: Bool = true, readOnly: Bool = false) throws {
        let state = try StoreFile.inspect(path)
        if !create && state != .store {
            throw StoreError.cannotOpen(path: path, reason: "no store there yet (import extracts first: rendement import KIND FILE --db \(path))")
        }
        isNew = state != .store
        wasEmptyFile = state == .empty
        if !readOnly && state != .absent { try StoreFile.makePrivate(path) }
        database = try Database(path: path, create: create, readOnly: readOnly, applicationID: readOnly ? nil : StoreFile.applicationID)
        if !readOnly { try Migrator.migrate(database) }
        else if try database.userVersion != StoreSchema.currentVersion {
            throw StoreError.incompatible(path: path, reason: "schema version \(try database.userVersion), expected \(StoreSchema.currentVersion)")
        }
    }

    /// Removes a store this `Store` created when nothing was ever recorded
    /// in it (no import, match or analysis run): a failed first import leaves
    /// no store behind (an existing empty file is emptied again). The
    /// connection is closed; the store must not be used afterwards. Returns
    /// whether it was removed.
    @discardableResult
    public func removeIfUnused() -> Bool {
        guard isNew, let used = try? database.scalar("""
            SELECT (SELECT count(*) FROM imports) + (SELECT count(*) FROM match_runs) + (SELECT count(*) FROM analysis_runs)
            """), used == 0 else { return false }
        database.close()
        let path = database.path
        for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
        if wasEmptyFile { return truncate(path, 0) == 0 }
        return unlink(path) == 0
    }

    /// Import ids that are live (not replaced) for a kind.
    public func liveImports(_ kind: InputKind) throws -> [ImportRecord] {
        try imports().filter { $0.kind == kind && $0.replacedAt == nil }
    }

    /// The whole import log, oldest first.
    public func imports() throws -> [ImportRecord] {
        let s = try database.prepare("""
            SELECT import_id, kind, label, file_name, sha256, period_from, period_to, rows_read, rows_imported, duplicates,
                   rejected, rejected_by_reason, attribute_conflicts, started_at, finished_at, tool_version, replaced_at
            FROM imports ORDER BY import_id
            """)
        return try s.rows { r in
            ImportRecord(id: r.int(0), kind: InputKind(rawValue: r.text(1) ?? "") ?? .bvh, label: r.text(2) ?? "",
                         fileName: r.text(3) ?? "", sha256: r.text(4) ?? "",
                         periodFrom: r.optionalInt(5).map { Day(number: Int32($0)) }, periodTo: r.optionalInt(6).map { Day(number: Int32($0)) },
                         rowsRead: Int(r.int(7)), rowsImported: Int(r.int(8)), duplicates: Int(r.int(9)), rejected: Int(r.int(10)),
                         rejectedByReason: r.text(11) ?? "{}", attributeConflicts: Int(r.int(12)), startedAt: r.text(13) ?? "",
                         finishedAt: r.text(14) ?? "", toolVersion: r.text(15) ?? "", replacedAt: r.text(16))
        }
    }

    /// The observation period of a police source: from the earliest start to
    /// the latest end of its live imports (nil when nothing is imported).
    public func observationPeriod(_ kind: InputKind) throws -> ClosedRange<Day>? {
        let live = try liveImports(kind)
        guard let from = live.compactMap(\.periodFrom).min(), let to = live.compactMap(\.periodTo).max(), from <= to else { return nil }
        return from...to
    }

    public func veiligheidshuizen() throws -> [VeiligheidshuisRecord] {
        let s = try database.prepare("""
            SELECT v.name, v.regio, v.opgericht, v.gemeenten FROM veiligheidshuizen v
            JOIN imports i ON i.import_id = v.import_id WHERE i.replaced_at IS NULL ORDER BY v.name
            """)
        return try s.rows { r in
            VeiligheidshuisRecord(name: r.text(0) ?? "", regio: r.text(1) ?? "", opgericht: Int(r.int(2)), gemeenten: r.optionalInt(3).map(Int.init))
        }
    }

    public func registrations() throws -> [RegistrationRecord] {
        let s = try database.prepare("""
            SELECT r.person_key, r.veiligheidshuis, r.doelgroep, r.casusoverleg, r.aanmeld_day, r.instroom_day,
                   r.plan_van_aanpak, r.uitstroom_day, r.plan_day, r.partners
            FROM registrations r JOIN imports i ON i.import_id = r.import_id WHERE i.replaced_at IS NULL
            ORDER BY r.person_key, r.instroom_day
            """)
        return try s.rows { r in
            RegistrationRecord(personKey: r.int(0), veiligheidshuis: r.text(1) ?? "", doelgroep: r.text(2) ?? "",
                               casusoverleg: r.text(3), aanmeld: r.optionalInt(4).map { Day(number: Int32($0)) },
                               instroom: Day(number: Int32(r.int(5))), planVanAanpak: r.int(6) != 0,
                               uitstroom: r.optionalInt(7).map { Day(number: Int32($0)) },
                               planDay: r.optionalInt(8).map { Day(number: Int32($0)) }, partners: r.optionalInt(9).map(Int.init))
        }
    }

    /// Resolved birth date and sex of every person that has them.
    public func personAttributes() throws -> [Int64: PersonAttributes] {
        let s = try database.prepare("SELECT person_key, birth_day, birth_precision, sex FROM person_resolved")
        var out: [Int64: PersonAttributes] = [:]
        try s.bind([])
        defer { s.reset() }
        while try s.step() {
            out[s.int(0)] = PersonAttributes(birth: s.optionalInt(1).map { Day(number: Int32($0)) },
                                             birthPrecision: Int(s.optionalInt(2) ?? 0),
                                             sex: s.optionalInt(3).flatMap { Sex(code: Int($0)) } ?? .onbekend)
        }
        return out
    }

    /// Resolved birth date and sex of the given persons (those that have them), read by key.
    public func personAttributes(of persons: Set<Int64>) throws -> [Int64: PersonAttributes] {
        let s = try database.prepare("SELECT birth_day, birth_precision, sex FROM person_resolved WHERE person_key = ?")
        var out: [Int64: PersonAttributes] = [:]
        for person in persons.sorted() {
            try s.bind([person])
            if try s.step() {
                out[person] = PersonAttributes(birth: s.optionalInt(0).map { Day(number: Int32($0)) },
                                               birthPrecision: Int(s.optionalInt(1) ?? 0),
                                               sex: s.optionalInt(2).flatMap { Sex(code: Int($0)) } ?? .onbekend)
            }
            s.reset()
        }
        return out
    }

    /// The stable key of every person (`StablePersonKey`, from the pseudonym),
    /// by store key: what matching and analysis order and break ties on, so
    /// that results do not depend on the order files were imported in.
    public func stablePersonKeys() throws -> [Int64: UInt64] {
        let s = try database.prepare("SELECT person_key, persoon_id FROM persons")
        var out: [Int64: UInt64] = [:]
        try s.bind([])
        defer { s.reset() }
        while try s.step() { out[s.int(0)] = StablePersonKey.of(s.text(1) ?? "") }
        return out
    }

    /// Pseudonyms of the given person keys (for the opt-in person-level export only).
    public func pseudonyms(_ keys: Set<Int64>) throws -> [Int64: String] {
        let s = try database.prepare("SELECT persoon_id FROM persons WHERE person_key = ?")
        var out: [Int64: String] = [:]
        for k in keys {
            if let id = try s.rows([k], { $0.text(0) }).first ?? nil { out[k] = id }
        }
        return out
    }

    /// A JSON object of name -> count, as written by the importer.
    static func decodeCounts(_ json: String) -> [(String, Int)] {
        guard let data = json.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Int] else { return [] }
        return object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Number of rows of a data table from live imports.
    public func liveRowCount(_ table: String) throws -> Int {
        Int(try database.scalar("SELECT count(*) FROM \(table) t JOIN imports i ON i.import_id = t.import_id WHERE i.replaced_at IS NULL") ?? 0)
    }
}

extension Store {
    /// How complete the optional fields are: for each, the number of live rows
    /// without a value and the number of rows (a data-quality figure for the reports).
    public func missingFields() throws -> [(table: String, column: String, missing: Int, total: Int)] {
        var out: [(String, String, Int, Int)] = []
        // Police extracts: counted per import while importing (imports.field_gaps).
        let police: [(InputKind, [String])] = [(.bvh, ["registratiedatum", "gemeente"]), (.hks, ["feitcode", "registratienummer", "ernst"])]
        for (kind, columns) in police {
            let live = try liveImports(kind)
            let total = live.reduce(0) { $0 + $1.rowsImported }
            var gaps: [String: Int] = [:]
            for record in live {
                for (column, n) in try database.prepare("SELECT field_gaps FROM imports WHERE import_id = ?").rows([record.id], { $0.text(0) ?? "{}" })
                    .flatMap({ Self.decodeCounts($0) }) { gaps[column, default: 0] += n }
            }
            for column in columns { out.append((kind.rawValue, column, gaps[column] ?? 0, total)) }
        }
        let checks: [(String, String)] = [
            ("aanmelddatum", "aanmeld_day IS NULL"),
            ("uitstroomdatum", "uitstroom_day IS NULL"),
            ("casusoverleg", "casusoverleg IS NULL OR casusoverleg = ''"),
            ("aantal_partners", "partners IS NULL"),
        ]
        for (column, condition) in checks {
            let live = "JOIN imports i ON i.import_id = t.import_id WHERE i.replaced_at IS NULL"
            let total = Int(try database.scalar("SELECT count(*) FROM registrations t \(live)") ?? 0)
            let missing = Int(try database.scalar("SELECT count(*) FROM registrations t \(live) AND (\(condition))") ?? 0)
            out.append(("clienten", column, missing, total))
        }
        let persons = Int(try database.scalar("SELECT count(*) FROM person_resolved") ?? 0)
        out.append(("personen", "geboortedatum", Int(try database.scalar("SELECT count(*) FROM person_resolved WHERE birth_day IS NULL") ?? 0), persons))
        out.append(("personen", "geslacht", Int(try database.scalar("SELECT count(*) FROM person_resolved WHERE sex IS NULL OR sex = 0") ?? 0), persons))
        return out
    }
}
