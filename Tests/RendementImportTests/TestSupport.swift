import Foundation
import RendementCore
import RendementImport
import RendementStore
import XCTest

/// A temporary directory removed at the end of the test.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "rendement-import-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        precondition(FileManager.default.createFile(atPath: p, contents: Data(text.utf8)), "cannot write \(p)")
        return p
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let p = file(name)
        precondition(FileManager.default.createFile(atPath: p, contents: Data(bytes)), "cannot write \(p)")
        return p
    }
}

let testToday = Day(year: 2020, month: 6, day: 30)!

func makeStore(_ dir: TempDir, _ name: String = "store.sqlite") throws -> Store {
    try Store(path: dir.file(name))
}

func importer(_ store: Store, _ configure: (inout ImportOptions) -> Void = { _ in }) -> Importer {
    var o = ImportOptions(today: testToday)
    configure(&o)
    return Importer(store: store, options: o)
}

/// Every row of a query as strings, sorted.
func dump(_ store: Store, _ sql: String) throws -> [String] {
    let s = try store.database.prepare(sql)
    let n = Int(sqlite3ColumnCount(sql))
    return try s.rows { r in (0..<n).map { r.isNull(Int32($0)) ? "NULL" : (r.text(Int32($0)) ?? "") }.joined(separator: "|") }.sorted()
}

/// Number of result columns of a simple SELECT (counted from the select list).
func sqlite3ColumnCount(_ sql: String) -> Int {
    let lower = sql.lowercased()
    let start = lower.range(of: "select ")!.upperBound
    let end = lower.range(of: " from ")!.lowerBound
    var depth = 0, count = 1
    for ch in lower[start..<end] {
        if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 } else if ch == "," && depth == 0 { count += 1 }
    }
    return count
}

/// The content of every data table (excluding import ids), for comparing stores.
func storeContent(_ store: Store) throws -> [String: [String]] {
    [
        "persons": try dump(store, "SELECT persoon_id FROM persons"),
        "person_resolved": try dump(store, "SELECT p.persoon_id, r.birth_day, r.birth_precision, r.sex, r.birth_conflict, r.sex_conflict FROM person_resolved r JOIN persons p ON p.person_key = r.person_key"),
        "bvh": try policeDump(store, .bvh),
        "hks": try policeDump(store, .hks),
        "registrations": try dump(store, "SELECT p.persoon_id, r.veiligheidshuis, r.doelgroep, r.casusoverleg, r.aanmeld_day, r.instroom_day, r.plan_van_aanpak, r.plan_day, r.uitstroom_day, r.partners FROM registrations r JOIN persons p ON p.person_key = r.person_key"),
        "stappenmeter": try dump(store, "SELECT f.veiligheidshuis, f.casusoverleg, f.invul_day, f.rol, (SELECT group_concat(x, ';') FROM (SELECT step || '=' || score AS x FROM stappenmeter_scores s WHERE s.form_id = f.form_id ORDER BY step)) FROM stappenmeter_forms f"),
        "veiligheidshuizen": try dump(store, "SELECT name, name_key, regio, opgericht, gemeenten FROM veiligheidshuizen"),
        "imports": try dump(store, "SELECT kind, label, rows_imported, replaced_at FROM imports"),
    ]
}

/// Every live police row of `kind` as text (pseudonym, texts resolved), sorted.
func policeDump(_ store: Store, _ kind: InputKind) throws -> [String] {
    let texts = try store.texts()
    let events = try store.liveEvents(kind)
    let ids = try store.pseudonyms(Set(events.map(\.person)))
    return events.map { p, e in
        [ids[p] ?? "?", String(e.day), String(e.key), String(e.link), String(e.aux), texts[e.code] ?? "", texts[e.place] ?? "",
         String(e.type), String(e.severity)].joined(separator: "|")
    }.sorted()
}

/// Reads a rejects file: rows of (line, column, reason, message, fields...).
func rejectsOf(_ path: String) throws -> [[String]] {
    let reader = try DelimitedReader(path: path)
    XCTAssertEqual(Array(reader.header.prefix(4)), ["line", "column", "reason", "message"])
    var out: [[String]] = []
    while let r = try reader.next() { out.append(r.strings) }
    return out
}
