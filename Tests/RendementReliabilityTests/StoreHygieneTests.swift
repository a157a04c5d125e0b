import CSQLite
import Foundation
import XCTest

/// `--db` pointing at something that is not a rendement store: another
/// application's SQLite file, or no SQLite file at all, is refused by every
/// command and left byte-for-byte as it was (no table, no user_version, no
/// WAL, no -wal/-shm beside it). A failed first import leaves no store; no
/// store is created through a link; the store and its -wal/-shm are 0600.
final class StoreHygieneTests: XCTestCase {
    /// Every command that opens the store, pointed at `db`.
    private func commands(_ dir: Scratch, _ db: String) -> [[String]] {
        let registry = dir.file("vhh.csv")
        if !exists(registry) { dir.write("vhh.csv", Extracts.registry) }
        let config = dir.write("run-\(UUID().uuidString).json", """
            {"db": "\(db)", "inputs": [{"kind": "veiligheidshuizen", "file": "\(registry)"}],
             "output": "\(dir.file("run-output"))", "report": "\(dir.file("run-reports"))"}
            """)
        return [["import", "veiligheidshuizen", registry, "--db", db],
                ["import", "bvh", dir.write("bvh.csv", Extracts.bvh(10)), "--db", db],
                ["match", "--db", db, "--out", dir.file("out")],
                ["analyze", "--db", db, "--out", dir.file("out")],
                ["report", "--db", db, "--out", dir.file("reports")],
                ["run", "--config", config]]
    }

    /// Runs every command on `db`: each refused with `parts` in its one
    /// line, and the file (and whatever is beside it) exactly as before.
    private func expectLeftAlone(_ db: String, _ dir: Scratch, _ parts: [String], _ context: String,
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let before = sha256(db)
        let neighbours = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix((db as NSString).lastPathComponent) }
        for arguments in commands(dir, db) {
            let r = try CLI.run(arguments, in: dir.path)
            assertRefused(r, parts, "\(context): \(arguments[0])", file: file, line: line)
            XCTAssertEqual(r.errorLines.count, 1, "\(context): \(arguments[0]): \(r.stderr)", file: file, line: line)
            XCTAssertEqual(sha256(db), before, "\(context): \(arguments[0]) changed the file", file: file, line: line)
            let now = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix((db as NSString).lastPathComponent) }
            XCTAssertEqual(now.sorted(), neighbours.sorted(), "\(context): \(arguments[0]) left files beside it", file: file, line: line)
        }
        for f in ["out", "reports", "run-output", "run-reports"] {
            XCTAssertFalse(exists(dir.file(f)), "\(context): \(f) was written", file: file, line: line)
        }
    }

    /// An SQLite database made by "another application" through the C API.
    private func makeSQLite(_ path: String, _ sql: String) {
        var h: OpaquePointer?
        XCTAssertEqual(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil), SQLITE_OK)
        XCTAssertEqual(sqlite3_exec(h, sql, nil, nil, nil), SQLITE_OK, String(cString: sqlite3_errmsg(h)))
        sqlite3_close_v2(h)
    }

    func testAnotherApplicationsSQLiteFileIsLeftUntouched() throws {
        let dir = Scratch("foreign")
        let plain = dir.file("app.db")
        makeSQLite(plain, "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('keep me'); PRAGMA user_version = 7;")
        try expectLeftAlone(plain, dir, ["app.db", "without the rendement tables", "left untouched"], "rollback-journal database")

        let wal = dir.file("wal.db")
        makeSQLite(wal, "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        try expectLeftAlone(wal, dir, ["without the rendement tables", "left untouched"], "WAL database")

        let tagged = dir.file("tagged.db")
        makeSQLite(tagged, "PRAGMA application_id = 1234567; CREATE TABLE imports(x); CREATE TABLE persons(x); CREATE TABLE registrations(x); CREATE TABLE veiligheidshuizen(x); PRAGMA user_version = 4;")
        try expectLeftAlone(tagged, dir, ["another application's SQLite database", "application_id 0x12d687"], "another application_id")

        let empty = dir.file("emptyschema.db")
        makeSQLite(empty, "PRAGMA user_version = 0; CREATE TABLE t(x); DROP TABLE t;")
        try expectLeftAlone(empty, dir, ["without the rendement tables"], "an SQLite database without tables")
    }

    func testAFileThatIsNotSQLiteIsLeftUntouched() throws {
        let dir = Scratch("notsqlite")
        var rng = SplitMix(seed: 11)
        let cases: [(String, [UInt8])] = [
            ("notes.txt", Array("just some text, not a database\n".utf8)),
            ("short.bin", (0..<50).map { _ in UInt8(rng.next() & 0xFF) }),
            ("random.bin", (0..<8192).map { _ in UInt8(rng.next() & 0xFF) }),
            ("bvh-by-mistake.csv", Array(Extracts.bvh(50).utf8)),
            ("truncated.sqlite", Array("SQLite format 3\u{0}".utf8)),
        ]
        for (name, bytes) in cases {
            try expectLeftAlone(dir.write(name, bytes: bytes), dir, ["not an SQLite database", "left untouched"], name)
        }
    }

    func testAFailedFirstImportLeavesNoStore() throws {
        let dir = Scratch("nostore")
        let store = dir.file("store.sqlite")
        let storeFiles = ["", "-wal", "-shm", "-journal"].map { store + $0 }
        let empty = dir.write("empty.csv", "")
        let noRows = dir.write("header-only.csv", Extracts.bvhHeader + "\n")
        for arguments in [["import", "bvh", empty, "--db", store],
                          ["import", "bvh", empty, noRows, dir.file("missing.csv"), "--db", store],
                          ["import", "clienten", dir.write("c.csv", "persoon_id,veiligheidshuis,doelgroep,instroomdatum,plan_van_aanpak\nP1,X,jeugd,2012-01-01,ja\n"), "--db", store]] {
            let r = try CLI.run(arguments, in: dir.path)
            XCTAssertEqual(r.status, 1, r.stderr)
            for f in storeFiles { XCTAssertFalse(exists(f), "\(arguments): left \(f)") }
        }
        // The same from a configuration file.
        let config = dir.write("run.json", """
            {"db": "\(store)", "inputs": [{"kind": "bvh", "file": "\(empty)"}], "output": "\(dir.file("o"))", "report": "\(dir.file("r"))"}
            """)
        XCTAssertEqual(try CLI.run(["run", "--config", config], in: dir.path).status, 1)
        for f in storeFiles { XCTAssertFalse(exists(f), "run --config: left \(f)") }

        // An existing empty file stays an existing empty file.
        let given = dir.write("given.sqlite", "")
        XCTAssertEqual(try CLI.run(["import", "bvh", empty, "--db", given], in: dir.path).status, 1)
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: given)[.size] as? Int), 0)
        XCTAssertFalse(exists(given + "-wal"))

        // A store that holds something is kept when a later import fails.
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        XCTAssertEqual(try CLI.run(["import", "bvh", empty, "--db", store], in: dir.path).status, 1)
        XCTAssertEqual(try StoreProbe(store).imports().count, 1)
    }

    func testNoStoreThroughALink() throws {
        let dir = Scratch("storelink")
        let dangling = dir.file("dangling.sqlite")
        symlink(dir.file("elsewhere.sqlite"), dangling)
        let r = try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", dangling], in: dir.path)
        assertRefused(r, ["dangling.sqlite", "symbolic link to a file that does not exist"], "dangling link")
        XCTAssertFalse(exists(dir.file("elsewhere.sqlite")), "a store was created at the link's target")
        // A link to a store: refused as well (the store's real path is asked for).
        let real = dir.file("real.sqlite")
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.file("vhh.csv"), "--db", real], in: dir.path).status, 0)
        symlink(real, dir.file("linked.sqlite"))
        let before = try digest(real)
        assertRefused(try CLI.run(["match", "--db", dir.file("linked.sqlite"), "--out", dir.file("out")], in: dir.path),
                      ["symbolic link", "real path"], "link to a store")
        try assertStore(real, equals: before, "link to a store")
    }

    /// With umask 000 in force (so nothing is private by accident): a new
    /// store, a store made in an existing empty 0666 file, and a store an
    /// earlier version left 0644 all end up 0600, with their -wal and -shm.
    func testTheStoreAndItsWALAreAlways0600() throws {
        let dir = Scratch("modes")
        let old = umask(0)
        defer { umask(old) }
        let registry = dir.write("vhh.csv", Extracts.registry)
        let fresh = dir.file("fresh.sqlite")
        let given = dir.write("given.sqlite", "")
        chmod(given, 0o666)
        XCTAssertEqual(mode(given), 0o666)
        for store in [fresh, given] {
            let r = try CLI.run(["import", "veiligheidshuizen", registry, "--db", store], in: dir.path)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(mode(store), 0o600, store)
        }
        chmod(fresh, 0o644)
        XCTAssertEqual(try CLI.run(["import", "bvh", dir.write("bvh.csv", Extracts.bvh(20)), "--db", fresh], in: dir.path).status, 0)
        XCTAssertEqual(mode(fresh), 0o600, "an earlier 0644 store made private")
        // The -wal and -shm exist while a connection is open: hold one (as
        // another reader would) and let the CLI write; they are 0600.
        let holder = try WriteLock(fresh)
        holder.release()
        try withExtendedLifetime(holder) {
            XCTAssertEqual(try CLI.run(["import", "bvh", dir.write("bvh2.csv", Extracts.bvh(20, prefix: "S")), "--db", fresh], in: dir.path).status, 0)
            for suffix in ["-wal", "-shm"] {
                XCTAssertTrue(exists(fresh + suffix), suffix)
                XCTAssertEqual(mode(fresh + suffix), 0o600, suffix)
            }
        }
    }

    /// A store made before stores carried the application_id is recognised
    /// by its tables, keeps working and gets the application_id.
    func testAStoreWithoutTheApplicationIDStillOpens() throws {
        let dir = Scratch("legacy")
        let store = dir.file("store.sqlite")
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        XCTAssertEqual(applicationID(store), 0x5244_4D54, "a new store carries RDMT in its header")
        var h: OpaquePointer?
        XCTAssertEqual(sqlite3_open_v2(store, &h, SQLITE_OPEN_READWRITE, nil), SQLITE_OK)
        sqlite3_exec(h, "PRAGMA application_id = 0; PRAGMA wal_checkpoint(TRUNCATE);", nil, nil, nil)
        sqlite3_close_v2(h)
        XCTAssertEqual(applicationID(store), 0)
        let r = try CLI.run(["import", "bvh", dir.write("bvh.csv", Extracts.bvh(20)), "--db", store], in: dir.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        closeCleanly(store)
        XCTAssertEqual(applicationID(store), 0x5244_4D54)
        XCTAssertEqual(try StoreProbe(store).imports().count, 2)
    }

    /// The application_id in the file's header (bytes 68-71, big-endian).
    private func applicationID(_ path: String) -> UInt32 {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 72 else { return 0xFFFF_FFFF }
        return data[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
}
