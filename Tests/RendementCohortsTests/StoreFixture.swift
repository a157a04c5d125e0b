import Foundation
import RendementCore
import RendementStore

/// A hand-made store for tests: rows written directly (SQL and packed histories), so the cohort
/// and matching code is tested without the importer.
final class StoreFixture {
    let path: String
    let store: Store
    private var nextPerson: Int64 = 1
    private var incident = 0

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString).sqlite").path
        store = try Store(path: path)
        try store.database.execute("""
            INSERT INTO imports(import_id, kind, label, file_name, sha256, period_from, period_to, rows_read, rows_imported, duplicates,
                                rejected, started_at, finished_at, tool_version)
            VALUES (1, 'bvh', 'bvh', 'bvh.csv', 'a', \(Day(year: 2009, month: 1, day: 1)!.number), \(Day(year: 2014, month: 12, day: 31)!.number), 0, 0, 0, 0, '', '', 't'),
                   (2, 'hks', 'hks', 'hks.csv', 'b', \(Day(year: 2006, month: 1, day: 1)!.number), \(Day(year: 2014, month: 12, day: 31)!.number), 0, 0, 0, 0, '', '', 't'),
                   (3, 'veiligheidshuizen', 'v', 'v.csv', 'c', NULL, NULL, 0, 0, 0, 0, '', '', 't'),
                   (4, 'clienten', 'c', 'c.csv', 'd', NULL, NULL, 0, 0, 0, 0, '', '', 't');
            INSERT INTO veiligheidshuizen VALUES (3, 'Twente', 'twente', 'Oost-Nederland', 2008, 14), (3, 'Fryslân', 'fryslan', 'Noord-Nederland', 2008, 24);
            """)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Adds a person with attributes; returns the key.
    @discardableResult
    func person(born: Day?, sex: Sex = .man) throws -> Int64 {
        let key = nextPerson
        nextPerson += 1
        try store.database.prepare("INSERT INTO persons(person_key, persoon_id) VALUES (?, ?)").run([key, "P\(key)"])
        try store.database.prepare("INSERT INTO person_resolved(person_key, birth_day, birth_precision, sex) VALUES (?, ?, 0, ?)")
            .run([key, born.map { Int($0.number) }, sex.code])
        return key
    }

    func bvh(_ person: Int64, _ day: Day, role: BVHRole = .verdachte, registratienummer: String? = nil) throws {
        incident += 1
        try store.addToHistory(.bvh, importID: 1, person: person,
                                events: [PoliceEvent(day: day.number, key: IncidentKey.of(registratienummer ?? "R\(incident)"),
                                                     code: try store.textID("E33"), type: UInt8(role.code))])
    }

    func hks(_ person: Int64, _ day: Day, pv: String, link: String? = nil, category: OffenceCategory = .vermogen) throws {
        try store.addToHistory(.hks, importID: 2, person: person,
                                events: [PoliceEvent(day: day.number, key: IncidentKey.of(pv), link: link.map(IncidentKey.of) ?? 0,
                                                     type: UInt8(category.code), severity: 2)])
    }

    func registration(_ person: Int64, house: String = "Twente", group: String = "jeugd", intake: Day, plan: Bool = true) throws {
        try store.database.prepare("INSERT INTO registrations(import_id, person_key, veiligheidshuis, doelgroep, instroom_day, plan_van_aanpak) VALUES (4, ?, ?, ?, ?, ?)")
            .run([person, house, group, Int(intake.number), plan ? 1 : 0])
    }
}
