import Foundation
import XCTest

/// Two writers on one store: the second waits for the first (up to the busy
/// timeout of 5 s) or fails with "store is busy"; nothing is corrupted or
/// imported twice.
final class ConcurrencyTests: XCTestCase {
    private func setUpStore(_ dir: Scratch) throws -> String {
        let store = dir.file("store.sqlite")
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        return store
    }

    func testTwoImportersOfDifferentFiles() throws {
        let dir = Scratch("concurrent")
        let store = try setUpStore(dir)
        let a = dir.file("a.csv"), b = dir.file("b.csv")
        Extracts.writeLargeBVH(to: a, rows: 30_000, seed: 1, prefix: "A")
        Extracts.writeLargeBVH(to: b, rows: 30_000, seed: 2, prefix: "B")
        let first = try CLI.Running(["import", "bvh", a, "--db", store], in: dir.path)
        let second = try CLI.Running(["import", "bvh", b, "--db", store], in: dir.path)
        let results = [("a.csv", first.wait()), ("b.csv", second.wait())]
        var failed: [String] = []
        for (name, r) in results {
            XCTAssertFalse(r.signaled, r.stderr)
            if r.status != 0 {
                XCTAssertEqual(r.status, 1)
                XCTAssertEqual(r.errorLines.count, 1, r.stderr)
                XCTAssertTrue(r.stderr.contains("store is busy"), r.stderr)
                failed.append(name)
            }
        }
        XCTAssertLessThan(failed.count, 2, "one of them must get the store")
        // The one that gave up can simply run again.
        for name in failed { XCTAssertEqual(try CLI.run(["import", "bvh", dir.file(name), "--db", store], in: dir.path).status, 0) }

        // Each file exactly once, as in a store where they were imported one after the other.
        let sequential = dir.file("sequential.sqlite")
        for f in [dir.file("vhh.csv"), a, b] {
            let kind = f.hasSuffix("vhh.csv") ? "veiligheidshuizen" : "bvh"
            XCTAssertEqual(try CLI.run(["import", kind, f, "--db", sequential], in: dir.path).status, 0)
        }
        let probe = try StoreProbe(store), reference = try StoreProbe(sequential)
        XCTAssertEqual(try probe.integrity(), "ok")
        for name in ["a.csv", "b.csv"] {
            XCTAssertEqual(try probe.imports(of: name), try reference.imports(of: name), name)
            XCTAssertEqual(try probe.imports(of: name).count, 1, name)
        }
        XCTAssertEqual(try probe.counts(), try reference.counts())
    }

    func testTheSameFileTwiceAtOnceIsImportedOnce() throws {
        let dir = Scratch("concurrent-same")
        let store = try setUpStore(dir)
        let a = dir.file("same.csv")
        Extracts.writeLargeBVH(to: a, rows: 10_000, seed: 3)
        // Both importers get past their start (and the "already imported?"
        // look-up) while a third writer holds the store, then race for it.
        let lock = try WriteLock(store)
        let first = try CLI.Running(["import", "bvh", a, "--db", store], in: dir.path)
        let second = try CLI.Running(["import", "bvh", a, "--db", store], in: dir.path)
        Thread.sleep(forTimeInterval: 1.0)
        lock.release()
        let results = [first.wait(), second.wait()]
        for r in results { XCTAssertFalse(r.signaled, r.stderr) }
        XCTAssertEqual(results.filter { $0.status == 0 && $0.stdout.contains("imported as bvh") }.count, 1,
                       results.map { $0.stdout + $0.stderr }.joined(separator: "\n"))
        let other = try XCTUnwrap(results.first { !$0.stdout.contains("imported as bvh") })
        XCTAssertTrue(other.status == 0 && other.stdout.contains("already imported") || other.status == 1 && other.stderr.contains("store is busy"),
                      other.stdout + other.stderr)
        let probe = try StoreProbe(store)
        XCTAssertEqual(try probe.integrity(), "ok")
        XCTAssertEqual(try probe.imports(of: "same.csv").count, 1)
    }

    func testABusyStoreMakesTheImporterWaitThenGiveUpClearly() throws {
        let dir = Scratch("busy")
        let store = try setUpStore(dir)
        let path = dir.write("bvh.csv", Extracts.bvh(50))

        // Held for 1 s: the importer waits and then imports.
        var lock: WriteLock? = try WriteLock(store)
        let waiting = try CLI.Running(["import", "bvh", path, "--db", store], in: dir.path)
        Thread.sleep(forTimeInterval: 1.0)
        lock = nil
        let waited = waiting.wait()
        XCTAssertEqual(waited.status, 0, waited.stderr)
        XCTAssertEqual(try StoreProbe(store).imports(of: "bvh.csv").count, 1)

        // Held for longer than the busy timeout: a clear message, nothing changed.
        let before = try digest(store)
        lock = try WriteLock(store)
        let started = Date()
        let r = try CLI.run(["import", "bvh", dir.write("bvh2.csv", Extracts.bvh(50, prefix: "S")), "--db", store], in: dir.path)
        let waitedFor = Date().timeIntervalSince(started)
        lock = nil
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.errorLines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("bvh2.csv"), r.stderr)
        XCTAssertTrue(r.stderr.contains("store is busy"), r.stderr)
        XCTAssertTrue(r.stderr.contains("try again"), r.stderr)
        XCTAssertGreaterThan(waitedFor, 4, "it should wait for the busy timeout first")
        try assertStore(store, equals: before, "busy")
        _ = lock
    }
}
