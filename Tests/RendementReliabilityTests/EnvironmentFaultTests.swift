import Foundation
import XCTest

/// The store or the input in a state the tool cannot use: a read-only store
/// (immutable file, read-only folder, read-only mount), a full disk, a
/// missing, unreadable or non-file input. Each gives a clear message on
/// stderr and exit 1, and leaves the store as it was. The tests run as root
/// (so chmod blocks nothing): they use chattr, mount and setpriv, and skip
/// with the reason when the machine does not allow them
/// (scripts/check-faults.sh runs them where it does).
final class EnvironmentFaultTests: XCTestCase {
    /// Runs a system tool; its exit status (127 when it is missing).
    @discardableResult
    private func system(_ tool: String, _ arguments: [String]) -> Int32 {
        for dir in ["/usr/bin", "/bin", "/usr/sbin", "/sbin"] where FileManager.default.isExecutableFile(atPath: dir + "/" + tool) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: dir + "/" + tool)
            p.arguments = arguments
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return 127 }
            p.waitUntilExit()
            return p.terminationStatus
        }
        return 127
    }

    private func storeWithContent(_ dir: Scratch, _ store: String) throws {
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        XCTAssertEqual(try CLI.run(["import", "bvh", dir.write("baseline.csv", Extracts.bvh(40, prefix: "B")), "--db", store], in: dir.path).status, 0)
    }

    /// Every command that writes, on a store it cannot write: exit 1, one
    /// line saying the store is read-only.
    private func expectReadOnly(_ store: String, _ dir: Scratch, _ input: String, _ context: String,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(["import", "bvh", input, "--db", store], in: dir.path)
        XCTAssertEqual(r.status, 1, "\(context): \(r.stdout)", file: file, line: line)
        XCTAssertEqual(r.errorLines.count, 1, "\(context): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains("read-only") && r.stderr.contains(store), "\(context): \(r.stderr)", file: file, line: line)
        let m = try CLI.run(["match", "--db", store, "--out", dir.file("out")], in: dir.path)
        XCTAssertEqual(m.status, 1, "\(context): match", file: file, line: line)
        XCTAssertTrue(m.stderr.contains("read-only"), "\(context): match: \(m.stderr)", file: file, line: line)
    }

    func testReadOnlyStoreFile() throws {
        let dir = Scratch("readonly")
        let store = dir.file("store.sqlite")
        try storeWithContent(dir, store)
        let before = try digest(store)
        guard system("chattr", ["+i", store]) == 0 else { throw XCTSkip("chattr +i is not possible here (no CAP_LINUX_IMMUTABLE or a file system without attributes)") }
        defer { system("chattr", ["-i", store]) }
        try expectReadOnly(store, dir, dir.write("new.csv", Extracts.bvh(10, prefix: "N")), "immutable store file")
        system("chattr", ["-i", store])
        try assertStore(store, equals: before, "immutable store file")
    }

    func testStoreInAReadOnlyFolder() throws {
        let dir = Scratch("readonly-folder")
        let folder = dir.file("stores")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = folder + "/store.sqlite"
        try storeWithContent(dir, store)
        let before = try digest(store)
        // SQLite needs to create store.sqlite-wal and -shm next to the store
        // (when they are still there, the store is writable in place).
        closeCleanly(store)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store + "-wal"))
        guard system("chattr", ["+i", folder]) == 0 else { throw XCTSkip("chattr +i is not possible here") }
        defer { system("chattr", ["-i", folder]) }
        try expectReadOnly(store, dir, dir.write("new.csv", Extracts.bvh(10, prefix: "N")), "read-only folder")
        // A new store cannot be created there either.
        let r = try CLI.run(["import", "bvh", dir.file("new.csv"), "--db", folder + "/other.sqlite"], in: dir.path)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.errorLines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot open store") && r.stderr.contains("other.sqlite"), r.stderr)
        system("chattr", ["-i", folder])
        try assertStore(store, equals: before, "read-only folder")
    }

    func testStoreOnAReadOnlyMount() throws {
        let dir = Scratch("readonly-mount")
        let folder = dir.file("stores"), mountPoint = dir.file("ro")
        for f in [folder, mountPoint] { try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true) }
        try storeWithContent(dir, folder + "/store.sqlite")
        let before = try digest(folder + "/store.sqlite")
        guard system("mount", ["--bind", folder, mountPoint]) == 0 else { throw XCTSkip("mount is not permitted here (needs CAP_SYS_ADMIN)") }
        defer { system("umount", [mountPoint]) }
        guard system("mount", ["-o", "remount,bind,ro", mountPoint]) == 0 else { throw XCTSkip("a read-only remount is not permitted here") }
        try expectReadOnly(mountPoint + "/store.sqlite", dir, dir.write("new.csv", Extracts.bvh(10, prefix: "N")), "read-only mount")
        system("umount", [mountPoint])
        try assertStore(folder + "/store.sqlite", equals: before, "read-only mount")
    }

    /// A 2 MiB tmpfs for the store: an import that does not fit fails
    /// cleanly; the store is as before, and smaller imports still work.
    func testFullDisk() throws {
        let dir = Scratch("full")
        let mountPoint = dir.file("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard system("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint]) == 0 else {
            throw XCTSkip("mounting a small tmpfs is not permitted here (needs CAP_SYS_ADMIN)")
        }
        defer { system("umount", [mountPoint]) }
        let store = mountPoint + "/store.sqlite"
        try storeWithContent(dir, store)
        let before = try digest(store)
        let big = dir.file("big.csv")
        Extracts.writeLargeBVH(to: big, rows: 60_000, seed: 7)
        let r = try CLI.run(["import", "bvh", big, "--db", store], in: dir.path)
        XCTAssertFalse(r.signaled, r.stderr)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.errorLines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("big.csv") && r.stderr.contains("full") && r.stderr.contains(store), r.stderr)
        try assertStore(store, equals: before, "full disk")
        // There is still room for a small one.
        XCTAssertEqual(try CLI.run(["import", "bvh", dir.write("small.csv", Extracts.bvh(20, prefix: "S")), "--db", store], in: dir.path).status, 0)

        // The rejects file cannot be written (its folder is full): nothing is imported.
        let filler = mountPoint + "/filler"
        FileManager.default.createFile(atPath: filler, contents: nil)
        let h = FileHandle(forWritingAtPath: filler)!
        while (try? h.write(contentsOf: Data(count: 64 << 10))) != nil {}
        try? h.close()
        let storeElsewhere = dir.file("store.sqlite")
        try storeWithContent(dir, storeElsewhere)
        let before2 = try digest(storeElsewhere)
        let bad = dir.write("some-bad.csv", Extracts.bvh(30, prefix: "Q") + "Q99,P1,dader,2012-01-01,,E33,,,,\n")
        let rr = try CLI.run(["import", "bvh", bad, "--db", storeElsewhere, "--rejects", mountPoint, "--max-reject-rate", "0.5"], in: dir.path)
        XCTAssertFalse(rr.signaled, "crashed: \(rr.stderr)")
        XCTAssertEqual(rr.status, 1)
        XCTAssertTrue(rr.stderr.contains("some-bad.csv") && rr.stderr.contains("rejects file") && rr.stderr.contains("No space left"), rr.stderr)
        XCTAssertEqual(rr.errorLines.filter { $0.hasPrefix("rendement import:") }.count, 1, rr.stderr)
        try assertStore(storeElsewhere, equals: before2, "rejects file on a full disk")
    }

    func testMissingAndNonFileInputs() throws {
        let dir = Scratch("inputs")
        let store = dir.file("store.sqlite")
        try storeWithContent(dir, store)
        let before = try digest(store)
        let cases: [(String, [String])] = [
            (dir.file("missing.csv"), ["cannot open the file", "No such file or directory"]),
            (dir.path, ["is a directory", "expected a CSV file"]),
        ]
        for (path, parts) in cases {
            let r = try CLI.run(["import", "bvh", path, "--db", store], in: dir.path)
            XCTAssertEqual(r.status, 1, path)
            XCTAssertEqual(r.errorLines.count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("rendement import: \(path): "), r.stderr)
            for p in parts { XCTAssertTrue(r.stderr.contains(p), r.stderr) }
            try assertStore(store, equals: before, path)
        }
        // Several files, one missing: the others are imported, the exit says something failed.
        let good = dir.write("good.csv", Extracts.bvh(10, prefix: "G"))
        let r = try CLI.run(["import", "bvh", good, dir.file("gone.csv"), "--db", store], in: dir.path)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("gone.csv"), r.stderr)
        XCTAssertEqual(try StoreProbe(store).imports(of: "good.csv").count, 1)
        XCTAssertTrue(try StoreProbe(store).imports(of: "gone.csv").isEmpty)
    }

    func testUnreadableInput() throws {
        // root reads everything: run the importer as nobody.
        guard system("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/true"]) == 0 else {
            throw XCTSkip("setpriv cannot drop to another user here")
        }
        let dir = Scratch("unreadable")
        chmod(dir.path, 0o777)
        let store = dir.file("store.sqlite")
        try storeWithContent(dir, store)
        let before = try digest(store)
        for suffix in ["", "-wal", "-shm"] { chown(store + suffix, 65534, 65534) }
        let input = dir.write("secret.csv", Extracts.bvh(10, prefix: "U"))
        chmod(input, 0o000)
        let r = try CLI.run(["import", "bvh", input, "--db", store], in: dir.path,
                            prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertEqual(r.errorLines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("secret.csv") && r.stderr.contains("Permission denied"), r.stderr)
        try assertStore(store, equals: before, "unreadable input")
    }
}
