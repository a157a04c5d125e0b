import Foundation
import RendementCore
import RendementStore
import XCTest

/// Stores of an earlier schema: migrated when they hold no police rows in
/// the old one-row-per-event layout, refused with a clear reason when they do.
final class MigrationTests: XCTestCase {
    private func version3Store(withPoliceRow: Bool) throws -> String {
        let path = NSTemporaryDirectory() + "rendement-migration-\(UUID().uuidString).sqlite"
        let db = try Database(path: path)
        for m in StoreSchema.migrations where m.version <= 3 { try db.execute(m.sql) }
        try db.execute("PRAGMA user_version = 3")
        try db.execute("INSERT INTO persons(person_key, persoon_id) VALUES (1, 'P1')")
        if withPoliceRow {
            try db.execute("""
                INSERT INTO imports(import_id, kind, label, file_name, sha256, rows_read, rows_imported, duplicates, rejected, started_at, finished_at, tool_version)
                VALUES (1, 'bvh', 'b', 'b.csv', 'x', 1, 1, 0, 0, '', '', 't');
                INSERT INTO bvh_events(import_id, person_key, registratienummer, role, pleeg_day, incident_code) VALUES (1, 1, 'R1', 1, 15000, 'E33');
                """)
        }
        return path
    }

    func testAnEarlierStoreWithoutPoliceRowsIsMigrated() throws {
        let path = try version3Store(withPoliceRow: false)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        XCTAssertEqual(try store.database.userVersion, StoreSchema.currentVersion)
        XCTAssertEqual(try store.pseudonyms([1]), [1: "P1"], "persons are kept")
        XCTAssertEqual(try store.liveEventCount(.bvh), 0)
    }

    func testAnEarlierStoreWithPoliceRowsIsRefused() throws {
        let path = try version3Store(withPoliceRow: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try Store(path: path)) { error in
            XCTAssertTrue("\(error)".contains("import the extracts again"), "\(error)")
        }
        // Refused, not changed.
        XCTAssertEqual(try Database(path: path).userVersion, 3)
    }
}
