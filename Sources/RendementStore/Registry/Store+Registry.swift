import RendementCore

/// A Veiligheidshuis of the live registry and the import it came from.
public struct RegistryEntry: Sendable, Equatable {
    public var record: VeiligheidshuisRecord
    public var importID: Int64
    public var fileName: String
}

/// A Veiligheidshuis renamed when the registry was replaced (`import
/// veiligheidshuizen --replace --rename FILE`), as recorded in `registry_renames`.
public struct RegistryRename: Sendable, Equatable {
    /// The registry import that made the change.
    public var importID: Int64
    public var oldName: String
    public var newName: String
    /// Registrations moved from the old name to the new one.
    public var registrations: Int

    public init(importID: Int64, oldName: String, newName: String, registrations: Int) {
        self.importID = importID
        self.oldName = oldName
        self.newName = newName
        self.registrations = registrations
    }
}

extension Store {
    /// The live registry, each Veiligheidshuis once -- what every stage
    /// that looks houses up by name reads. Throws `RegistryProblem` when a
    /// name occurs more than once (compared ignoring case, spaces, `_`, `-`).
    public func registry() throws -> [VeiligheidshuisRecord] {
        let entries = try registryEntries()
        let groups = Dictionary(grouping: entries, by: { InputName.normalize($0.record.name) })
        let duplicates = groups.values.filter { $0.count > 1 }
            .map { RegistryProblem.Duplicate(names: $0.map(\.record.name), importIDs: $0.map(\.importID)) }
            .sorted { $0.names[0] < $1.names[0] }
        guard duplicates.isEmpty else { throw RegistryProblem.duplicateNames(duplicates) }
        return entries.map(\.record)
    }

    /// Every entry of the live registry with its import, by name (not checked).
    public func registryEntries() throws -> [RegistryEntry] {
        let s = try database.prepare("""
            SELECT v.name, v.regio, v.opgericht, v.gemeenten, i.import_id, i.file_name FROM veiligheidshuizen v
            JOIN imports i ON i.import_id = v.import_id WHERE i.replaced_at IS NULL ORDER BY v.name, i.import_id
            """)
        return try s.rows { r in
            RegistryEntry(record: VeiligheidshuisRecord(name: r.text(0) ?? "", regio: r.text(1) ?? "", opgericht: Int(r.int(2)),
                                                        gemeenten: r.optionalInt(3).map(Int.init)),
                          importID: r.int(4), fileName: r.text(5) ?? "")
        }
    }

    /// Live registrations per Veiligheidshuis name.
    public func registrationsPerVeiligheidshuis() throws -> [String: Int] {
        let s = try database.prepare("""
            SELECT r.veiligheidshuis, count(*) FROM registrations r JOIN imports i ON i.import_id = r.import_id
            WHERE i.replaced_at IS NULL GROUP BY r.veiligheidshuis
            """)
        var out: [String: Int] = [:]
        for (name, n) in try s.rows([], { ($0.text(0) ?? "", Int($0.int(1))) }) { out[name] = n }
        return out
    }

    /// Gives a Veiligheidshuis its new name in every stored row that names
    /// it -- live registrations and Stappenmeters, and the matched sets and unmatched
    /// clients of earlier match runs -- and records the change. Run it inside the
    /// registry import's transaction. Returns the registrations renamed.
    @discardableResult
    public func renameVeiligheidshuis(_ old: String, to new: String, recordedBy importID: Int64) throws -> Int {
        try database.prepare("""
            UPDATE registrations SET veiligheidshuis = ? WHERE veiligheidshuis = ?
            AND import_id IN (SELECT import_id FROM imports WHERE replaced_at IS NULL)
            """).run([new, old])
        let moved = database.changes
        try database.prepare("UPDATE matched_units SET veiligheidshuis = ? WHERE veiligheidshuis = ?").run([new, old])
        try database.prepare("UPDATE unmatched_clients SET veiligheidshuis = ? WHERE veiligheidshuis = ?").run([new, old])
        try database.prepare("UPDATE stappenmeter_forms SET veiligheidshuis = ? WHERE veiligheidshuis = ?").run([new, old])
        try database.prepare("INSERT INTO registry_renames(import_id, old_name, new_name, registrations) VALUES (?, ?, ?, ?)")
            .run([importID, old, new, moved])
        return moved
    }

    /// Every recorded rename, oldest first.
    public func registryRenames() throws -> [RegistryRename] {
        let s = try database.prepare("SELECT import_id, old_name, new_name, registrations FROM registry_renames ORDER BY rowid")
        return try s.rows { RegistryRename(importID: $0.int(0), oldName: $0.text(1) ?? "", newName: $0.text(2) ?? "", registrations: Int($0.int(3))) }
    }
}
