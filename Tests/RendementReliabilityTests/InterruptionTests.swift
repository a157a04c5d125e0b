import Foundation
import XCTest

/// `rendement import` killed with SIGKILL: the store must stay sound and hold
/// nothing of the interrupted file (or, when the kill came after the commit,
/// all of it), and a re-run must import it completely.
///
/// Kills at seeded random moments, at the start of each late stage of an
/// import (second half of a split read, packed histories, person resolution, the final
/// update and commit), found by following the stage lines the importer
/// writes with RENDEMENT_IMPORT_TIMING=1 (without them those kills are left
/// out, and said so), and while the commit is writing the WAL. RENDEMENT_FAULT_ROWS: rows of the BVH file (default
/// 60,000: about two seconds in a debug build); RENDEMENT_FAULT_KILLS: random
/// kills (default 5); RENDEMENT_FAULT_SEED. scripts/check-faults.sh runs a
/// bigger file with more kills.
final class InterruptionTests: XCTestCase {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var rows: Int { Int(environment["RENDEMENT_FAULT_ROWS"] ?? "") ?? 60_000 }
    static var kills: Int { Int(environment["RENDEMENT_FAULT_KILLS"] ?? "") ?? 5 }
    static var seed: UInt64 { UInt64(environment["RENDEMENT_FAULT_SEED"] ?? "") ?? 20_240_601 }
    static let timing = ["RENDEMENT_IMPORT_TIMING": "1"]

    private enum Outcome { case untouched, complete }

    func testSIGKILLDuringImportLeavesTheStoreAsItWas() throws {
        let dir = Scratch("kill")
        let big = dir.file("big.csv")
        Extracts.writeLargeBVH(to: big, rows: Self.rows, seed: Self.seed)

        // Reference: the same file imported without interruption.
        let reference = dir.file("reference.sqlite")
        let started = Date()
        let r = try CLI.Running(["import", "bvh", big, "--db", reference], in: dir.path, environment: Self.timing).wait()
        let duration = Date().timeIntervalSince(started)
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = try XCTUnwrap(try StoreProbe(reference).imports(of: "big.csv").first)
        XCTAssertEqual(expected.rowsRead, Self.rows)
        XCTAssertEqual(expected.rowsImported, Self.rows)

        // The store under test already holds other imports.
        let store = dir.file("store.sqlite")
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        XCTAssertEqual(try CLI.run(["import", "bvh", dir.write("earlier.csv", Extracts.bvh(200, prefix: "E")), "--db", store], in: dir.path).status, 0)
        let baseline = try digest(store)
        // A copy to restore after a kill that came after the commit (the
        // -wal may hold committed pages until a checkpoint: fold it in first).
        let baselineCopy = dir.file("baseline.sqlite")
        closeCleanly(store)
        try FileManager.default.copyItem(atPath: store, toPath: baselineCopy)

        /// Checks the store after a kill: untouched, or (killed after the
        /// commit) holding the complete import, which is then rolled back by
        /// restoring the copy.
        func check(_ result: CLI.Result, _ context: String) throws -> Outcome {
            let stage = result.errorLines.last { $0.hasPrefix("[timing]") }.map { "after stage \($0.split(separator: " ")[1])" } ?? "before the first stage"
            let wal = (try? FileManager.default.attributesOfItem(atPath: store + "-wal")[.size] as? Int) ?? nil
            let probe = try StoreProbe(store)
            XCTAssertEqual(try probe.integrity(), "ok", context)
            let live = try probe.imports(of: "big.csv")
            print("SIGKILL: \(context): \(result.signaled ? "killed" : "had finished") \(stage) (WAL \(wal.map { "\($0) bytes" } ?? "absent")); store \(live.isEmpty ? "as before" : "holds the complete import")")
            if live.isEmpty {
                if result.signaled { XCTAssertEqual(result.status, SIGKILL, context) }
                XCTAssertTrue(result.signaled, "\(context): finished without importing: \(result.stderr)")
                try assertStore(store, equals: baseline, context)
                return .untouched
            }
            XCTAssertEqual(live, [expected], context)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            try FileManager.default.copyItem(atPath: baselineCopy, toPath: store)
            return .complete
        }

        var outcomes: [Outcome] = []
        var rng = SplitMix(seed: Self.seed)
        for k in 0..<Self.kills {
            // Anywhere from the start (store opening) to the end (commit, exit).
            let delay = duration * (0.02 + 0.98 * rng.unit())
            let p = try CLI.Running(["import", "bvh", big, "--db", store], in: dir.path, environment: Self.timing)
            Thread.sleep(forTimeInterval: delay)
            p.kill(SIGKILL)
            outcomes.append(try check(p.wait(), String(format: "random kill %d after %.2f s of %.2f s", k, delay, duration)))
        }
        // The importer's stages (RENDEMENT_IMPORT_TIMING): "first half" only for files read in two halves.
        for stage in ["first half", "rows", "histories", "resolve"] {
            let p = try CLI.Running(["import", "bvh", big, "--db", store], in: dir.path, environment: Self.timing)
            guard p.waitForStderr("[timing] \(stage) ") else {
                let result = p.wait()
                print("SIGKILL: no stage line \"\(stage)\" on stderr; kill left out")
                outcomes.append(try check(result, "no kill"))
                continue
            }
            p.kill(SIGKILL)
            outcomes.append(try check(p.wait(), "kill as soon as stage \(stage) ended"))
        }
        // While the commit writes the WAL: the import's pages stay in the
        // page cache until the commit, so STORE-wal (absent at the start)
        // grows only then; killed when it holds about half of them (the size
        // of the reference store). Recovery must ignore frames without a commit.
        closeCleanly(store)
        let half = ((try? FileManager.default.attributesOfItem(atPath: reference))?[.size] as? Int ?? 0) / 2
        let committing = try CLI.Running(["import", "bvh", big, "--db", store], in: dir.path, environment: Self.timing)
        var caught: Int?
        if committing.waitForStderr("[timing] resolve ") {
            while committing.isRunning {
                if let size = (try? FileManager.default.attributesOfItem(atPath: store + "-wal"))?[.size] as? Int, size > half {
                    committing.kill(SIGKILL)
                    caught = size
                    break
                }
                usleep(100)
            }
        }
        outcomes.append(try check(committing.wait(), caught.map { "kill while the commit wrote the WAL (\($0) bytes seen)" } ?? "commit not caught"))

        XCTAssertGreaterThan(outcomes.filter { $0 == .untouched }.count, 0, "no kill landed during an import; raise RENDEMENT_FAULT_ROWS")

        // A kill during --replace keeps the replaced import live.
        let replacement = dir.file("earlier-v2.csv")
        Extracts.writeLargeBVH(to: replacement, rows: Self.rows, seed: Self.seed + 1, prefix: "F")
        let p = try CLI.Running(["import", "bvh", replacement, "--label", "earlier", "--replace", "--db", store], in: dir.path, environment: Self.timing)
        if p.waitForStderr("[timing] rows ") {
            p.kill(SIGKILL)
            XCTAssertTrue(p.wait().signaled)
            try assertStore(store, equals: baseline, "kill during --replace")
            XCTAssertEqual(try StoreProbe(store).imports(of: "earlier.csv").count, 1)
        } else {
            _ = p.wait()
            print("SIGKILL: no stage line on stderr; the --replace kill was left out")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            try FileManager.default.copyItem(atPath: baselineCopy, toPath: store)
        }

        // The re-run imports the file completely: the counts of the uninterrupted import.
        let rerun = try CLI.run(["import", "bvh", big, "--db", store], in: dir.path)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        let probe = try StoreProbe(store)
        XCTAssertEqual(try probe.integrity(), "ok")
        XCTAssertEqual(try probe.imports(of: "big.csv"), [expected])
        XCTAssertEqual(try probe.imports().count, 3)
        print("SIGKILL: \(outcomes.filter { $0 == .untouched }.count) of \(outcomes.count) kills left the store as it was, \(outcomes.filter { $0 == .complete }.count) came after the commit; \(Self.rows) rows, \(String(format: "%.1f", duration)) s uninterrupted")
    }
}
