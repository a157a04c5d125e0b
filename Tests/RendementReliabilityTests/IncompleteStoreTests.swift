import Foundation
import XCTest

/// match, analyze and report on a missing, empty or partial store: each says
/// what is missing and what to run, exits 1, and changes nothing.
final class IncompleteStoreTests: XCTestCase {
    private let clients = "persoon_id,veiligheidshuis,doelgroep,instroomdatum,plan_van_aanpak,geboortedatum,geslacht\n"
        + "P1,Haaglanden,jeugd,2012-05-01,ja,1990-01-01,man\nP2,Fryslân,jeugd,2012-06-01,ja,1991-01-01,vrouw\n"

    /// Runs match, analyze and report (those in `expected`); each must fail with one line containing `expected[command]`.
    private func expectMissing(_ store: String, _ dir: Scratch, _ expected: [String: String], _ context: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let existed = FileManager.default.fileExists(atPath: store)
        let before = existed ? try digest(store) : [:]
        let out = dir.file("out-\(UUID().uuidString)")
        for (command, arguments) in [("match", ["match", "--db", store, "--out", out]),
                                     ("analyze", ["analyze", "--db", store, "--out", out]),
                                     ("report", ["report", "--db", store, "--out", out])] where expected[command] != nil {
            let r = try CLI.run(arguments, in: dir.path)
            XCTAssertFalse(r.signaled, "\(context) \(command): crashed: \(r.stderr)", file: file, line: line)
            XCTAssertEqual(r.status, 1, "\(context) \(command): \(r.stdout)", file: file, line: line)
            XCTAssertEqual(r.errorLines.count, 1, "\(context) \(command): \(r.stderr)", file: file, line: line)
            XCTAssertTrue(r.stderr.hasPrefix("rendement: "), "\(context) \(command): \(r.stderr)", file: file, line: line)
            XCTAssertTrue(r.stderr.contains(expected[command]!), "\(context) \(command): expected \"\(expected[command]!)\" in \(r.stderr)", file: file, line: line)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/effects.csv"), context, file: file, line: line)
        if existed { try assertStore(store, equals: before, context, file: file, line: line) }
        else { XCTAssertFalse(FileManager.default.fileExists(atPath: store), "\(context): a store was created", file: file, line: line) }
    }

    func testNoStore() throws {
        let dir = Scratch("nostore")
        let store = dir.file("none.sqlite")
        let text = "no store there yet (import extracts first: rendement import KIND FILE --db \(store))"
        try expectMissing(store, dir, ["match": text, "analyze": text, "report": text], "no store")
    }

    func testAfterAFailedFirstImport() throws {
        let dir = Scratch("empty")
        let store = dir.file("store.sqlite")
        // A failed first import leaves no store behind (StoreHygieneTests checks every file of it) ...
        XCTAssertEqual(try CLI.run(["import", "bvh", dir.write("empty.csv", ""), "--db", store], in: dir.path).status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store))
        // ... so the next command says there is none, and creates none.
        let text = "no store there yet (import extracts first: rendement import KIND FILE --db \(store))"
        try expectMissing(store, dir, ["match": text, "analyze": text, "report": text], "after a failed first import")
    }

    func testPartialStores() throws {
        let dir = Scratch("partial")
        let store = dir.file("store.sqlite")
        let analyse = "no matched sets in the store (run rendement match first)"
        let report = "no analysis in the store (run rendement match and rendement analyze first)"
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        try expectMissing(store, dir, ["match": "no BVH extract imported", "analyze": analyse, "report": report], "registry only")

        XCTAssertEqual(try CLI.run(["import", "clienten", dir.write("clienten.csv", clients), "--db", store], in: dir.path).status, 0)
        try expectMissing(store, dir, ["match": "no BVH extract imported (rendement import bvh FILE)", "analyze": analyse, "report": report], "clients, no BVH")

        let bvhOnly = dir.file("bvh-only.sqlite")
        XCTAssertEqual(try CLI.run(["import", "bvh", dir.write("bvh.csv", Extracts.bvh(100)), "--db", bvhOnly], in: dir.path).status, 0)
        try expectMissing(bvhOnly, dir, ["match": "no client registrations imported (rendement import clienten FILE)", "analyze": analyse, "report": report], "BVH only")

        XCTAssertEqual(try CLI.run(["import", "bvh", dir.file("bvh.csv"), "--db", store], in: dir.path).status, 0)
        try expectMissing(store, dir, ["analyze": analyse, "report": report], "not matched yet")
    }

    /// Without an HKS extract the BVH analysis still runs (exit 0), and says
    /// plainly that offences were not analysed.
    func testNoHKSExtract() throws {
        let dir = Scratch("nohks")
        let data = dir.file("data"), store = dir.file("store.sqlite")
        XCTAssertEqual(try CLI.run(["generate", "--out", data, "--persons", "4000", "--seed", "5"], in: dir.path).status, 0)
        for kind in ["veiligheidshuizen", "bvh", "clienten"] {
            let r = try CLI.run(["import", kind, data + "/\(kind).csv", "--db", store], in: dir.path)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        XCTAssertEqual(try CLI.run(["match", "--db", store, "--out", dir.file("out")], in: dir.path).status, 0)
        let r = try CLI.run(["analyze", "--db", store, "--out", dir.file("out")], in: dir.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("HKS: not analysed: no HKS extract imported (rendement import hks FILE)"), r.stdout)
        XCTAssertFalse(r.stdout.contains("HKS 1 mo: too few sets"), r.stdout)
    }
}
