import Foundation
import RendementCore

/// Small write-side queries used by the importer: the import log and the
/// by-person indexes that a bulk import of registrations drops and rebuilds
/// (police histories are written in person order and keep their indexes).
extension Store {
    /// The live import of `kind` with this content hash, if any.
    public func liveImport(sha256: String, kind: InputKind) throws -> ImportRecord? {
        let id = try database.scalar("SELECT import_id FROM imports WHERE sha256 = ? AND kind = ? AND replaced_at IS NULL ORDER BY import_id LIMIT 1",
                                     [sha256, kind.rawValue])
        guard let id else { return nil }
        return try imports().first { $0.id == id }
    }

    /// The live import of `kind` with this label, if any (the one `--replace` replaces).
    public func liveImport(label: String, kind: InputKind) throws -> ImportRecord? {
        try imports().last { $0.kind == kind && $0.label == label && $0.replacedAt == nil }
    }

    /// The indexes of a data table, as created by the migrations (name,
    /// CREATE statement): a bulk import drops them and builds them again at
    /// the end (one sort instead of a B-tree insert per row and index).
    public static func bulkIndexes(of table: String) -> [(name: String, sql: String)] {
        switch table {
        case "registrations":
            [("registrations_by_person", "CREATE INDEX registrations_by_person ON registrations(person_key)"),
             ("registrations_by_import", "CREATE INDEX registrations_by_import ON registrations(import_id)")]
        default: []
        }
    }

    /// Whether an index exists.
    public func indexExists(_ name: String) throws -> Bool {
        (try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?", [name]) ?? 0) > 0
    }
}
