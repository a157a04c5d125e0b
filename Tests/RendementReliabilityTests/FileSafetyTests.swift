import Foundation
import XCTest

/// The files rendement writes never follow a symbolic link placed at their
/// path, never replace an input, a key or the store, and never put
/// person-level data inside a report set; the files it reads must be
/// regular files (docs/reliability.md, "Files we write"). Each case plants
/// the trap, runs the built CLI and checks the refusal (one line, the
/// reason) and that the victim is byte-for-byte and mode-for-mode unchanged.
final class FileSafetyTests: XCTestCase {
    nonisolated(unsafe) private static var matched: MatchedStore!
    private var fixture: MatchedStore { Self.matched }

    override class func setUp() {
        super.setUp()
        matched = try! MatchedStore(label: "filesafety")
    }

    override class func tearDown() {
        matched = nil
        super.tearDown()
    }

    // MARK: rejects

    private let someBad = Extracts.bvh(30, prefix: "Q") + "Q99,P1,dader,2012-01-01,,E33,,,,\n"

    func testTheRejectsFileNeverFollowsALink() throws {
        let dir = Scratch("rejects-link")
        let store = dir.file("store.sqlite")
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        let before = try digest(store)
        let victim = Victim(dir)
        let bad = dir.write("some-bad.csv", someBad)
        symlink(victim.path, dir.file("some-bad.rejects.csv"))
        let r = try CLI.run(["import", "bvh", bad, "--db", store, "--max-reject-rate", "0.5"], in: dir.path)
        assertRefused(r, ["some-bad.csv", "rejects file", "symbolic link", "nothing imported"], "link at the rejects path")
        XCTAssertEqual(r.errorLines.count, 1, r.stderr)
        victim.assertUntouched("link at the rejects path")
        try assertStore(store, equals: before, "link at the rejects path")

        // With --rejects DIR as well.
        let folder = dir.file("rejects")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        symlink(victim.path, folder + "/some-bad.rejects.csv")
        let r2 = try CLI.run(["import", "bvh", bad, "--db", store, "--max-reject-rate", "0.5", "--rejects", folder], in: dir.path)
        assertRefused(r2, ["rejects file", "symbolic link"], "link in --rejects DIR")
        victim.assertUntouched("link in --rejects DIR")
        try assertStore(store, equals: before, "link in --rejects DIR")
    }

    func testTheRejectsFileNeverReplacesAnInput() throws {
        let dir = Scratch("rejects-input")
        let store = dir.file("store.sqlite")
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        // `import bvh some-bad.csv some-bad.rejects.csv`: the second input sits where the first one's rejects go.
        let bad = dir.write("some-bad.csv", someBad)
        let input = dir.write("some-bad.rejects.csv", Extracts.bvh(20, prefix: "I"))
        let inputBefore = sha256(input)
        let r = try CLI.run(["import", "bvh", bad, input, "--db", store, "--max-reject-rate", "0.5"], in: dir.path)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("\(bad): cannot write the rejects file") && r.stderr.contains("is not an earlier rejects file"), r.stderr)
        XCTAssertEqual(sha256(input), inputBefore, "the input was overwritten")
        XCTAssertEqual(try StoreProbe(store).imports(of: "some-bad.csv"), [])
        XCTAssertEqual(try StoreProbe(store).imports(of: "some-bad.rejects.csv").map(\.rowsImported), [20])

        // An earlier rejects file is replaced (mode 0600), and no temporary file is left beside it.
        try FileManager.default.removeItem(atPath: input)
        let first = try CLI.run(["import", "bvh", bad, "--db", store, "--max-reject-rate", "0.5"], in: dir.path)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(mode(input), 0o600)
        let rows = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(rows.first?.hasPrefix("line,column,reason,message,") == true)
        XCTAssertEqual(rows.count, 2)
        let again = dir.write("other-bad.csv", Extracts.bvh(10, prefix: "O") + "O99,P1,dader,2012-01-01,,E33,,,,\n")
        XCTAssertEqual(try CLI.run(["import", "bvh", again, "--db", store, "--max-reject-rate", "0.5", "--rejects", dir.path], in: dir.path).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".rendement-") }, [])
    }

    // MARK: matches.csv

    func testTheMatchesExportNeverFollowsALinkNorReplacesAnInputOrTheStore() throws {
        let dir = fixture.dir
        let victim = Victim(dir, "victim-export.txt")
        let link = dir.file("link-matches.csv")
        symlink(victim.path, link)
        let run = { (export: String) in try CLI.run(["match", "--db", self.fixture.store, "--out", dir.file("output"), "--export", export], in: dir.path) }
        let storeBefore = try digest(fixture.store)
        assertRefused(try run(link), ["cannot write", "symbolic link"], "link at the export path")
        victim.assertUntouched("link at the export path")

        let dangling = dir.file("dangling-matches.csv")
        symlink(dir.file("nowhere.csv"), dangling)
        assertRefused(try run(dangling), ["symbolic link"], "dangling link at the export path")
        XCTAssertFalse(exists(dir.file("nowhere.csv")))

        let input = fixture.data + "/bvh.csv"
        let inputBefore = sha256(input)
        assertRefused(try run(input), ["is not an earlier matches.csv export"], "an input at the export path")
        XCTAssertEqual(sha256(input), inputBefore)

        let storeFile = sha256(fixture.store)
        assertRefused(try run(fixture.store), ["same file as"], "the store at the export path")
        XCTAssertEqual(sha256(fixture.store), storeFile)
        try assertStore(fixture.store, equals: storeBefore, "refused exports")

        // A plain path: mode 0600; a second export replaces the first.
        let good = dir.file("protected-matches.csv")
        for _ in 0..<2 {
            let r = try run(good)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(mode(good), 0o600)
            XCTAssertTrue(try String(contentsOfFile: good, encoding: .utf8).hasPrefix("set_id,role,persoon_id,veiligheidshuis,index_date,weight\n"))
        }
    }

    /// Both ways: no matches.csv inside a report set (at its top or in any
    /// folder below), and no report set over a folder holding one.
    func testPersonLevelFilesAndReportSetsNeverShareAFolder() throws {
        let dir = fixture.dir
        let reports = dir.file("reports-guard")
        // Other tests of the shared store matched again: analyse the latest matching run first.
        XCTAssertEqual(try CLI.run(["analyze", "--db", fixture.store, "--out", dir.file("output-guard")], in: dir.path).status, 0)
        let r = try CLI.run(["report", "--db", fixture.store, "--out", reports], in: dir.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let set = FileTree(reports)
        let house = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: reports).sorted().first { !$0.contains(".") })
        for export in [reports + "/matches.csv", reports + "/\(house)/matches.csv", reports + "/new-sub/matches.csv"] {
            let e = try CLI.run(["match", "--db", fixture.store, "--out", dir.file("output"), "--export", export], in: dir.path)
            assertRefused(e, ["refusing to write person-level data into a report folder", "inside the report set"], export)
        }
        XCTAssertEqual(FileTree(reports), set, "the report set changed")

        // The other way: a folder holding the export is no place for a report set.
        let privateFolder = dir.file("private")
        try FileManager.default.createDirectory(atPath: privateFolder, withIntermediateDirectories: false)
        XCTAssertEqual(try CLI.run(["match", "--db", fixture.store, "--out", dir.file("output"), "--export", privateFolder + "/matches.csv"], in: dir.path).status, 0)
        let held = FileTree(privateFolder)
        let rr = try CLI.run(["report", "--db", fixture.store, "--out", privateFolder], in: dir.path)
        assertRefused(rr, ["not a rendement report set", "matches.csv"], "report over a folder with matches.csv")
        XCTAssertEqual(FileTree(privateFolder), held)

        // Nor an earlier report set into which someone copied the export.
        try FileManager.default.copyItem(atPath: privateFolder + "/matches.csv", toPath: reports + "/\(house)/matches.csv")
        let withExport = FileTree(reports)
        let again = try CLI.run(["report", "--db", fixture.store, "--out", reports], in: dir.path)
        assertRefused(again, ["holds files that are not part of it", "\(house)/matches.csv"], "report over a set holding matches.csv")
        XCTAssertEqual(FileTree(reports), withExport)
    }

    // MARK: pseudonymize and keygen

    func testPseudonymizeNeverWritesOverTheInputTheKeyOrThroughALink() throws {
        let dir = Scratch("pseudonymize")
        let key = dir.file("secret.key")
        XCTAssertEqual(try CLI.run(["keygen", "--out", key], in: dir.path).status, 0)
        let keyBefore = sha256(key)
        let input = dir.write("in.csv", "bsn,doelgroep\n123456782,jeugd\n")
        let inputBefore = sha256(input)
        let victim = Victim(dir)
        symlink(victim.path, dir.file("out-link.csv"))
        link(key, dir.file("key-hardlink.csv"))
        let pseudonymize = { (out: String) in try CLI.run(["pseudonymize", "--key", key, "--column", "bsn", input, out], in: dir.path) }
        assertRefused(try pseudonymize(key), ["same file as", "key"], "output = the key")
        assertRefused(try pseudonymize(dir.file("key-hardlink.csv")), ["same file as"], "output = a hard link to the key")
        assertRefused(try pseudonymize(input), ["same file as"], "output = the input")
        assertRefused(try pseudonymize(dir.file("out-link.csv")), ["symbolic link"], "output = a link")
        XCTAssertEqual(sha256(key), keyBefore)
        XCTAssertEqual(sha256(input), inputBefore)
        victim.assertUntouched("pseudonymize through a link")
        let ok = try pseudonymize(dir.file("out.csv"))
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(mode(dir.file("out.csv")), 0o600)
    }

    func testKeygenNeverWritesThroughALink() throws {
        let dir = Scratch("keygen")
        let victim = Victim(dir)
        symlink(victim.path, dir.file("to-victim.key"))
        symlink(dir.file("nowhere.key"), dir.file("dangling.key"))
        assertRefused(try CLI.run(["keygen", "--out", dir.file("to-victim.key")], in: dir.path), ["already exists"], "link to a file")
        assertRefused(try CLI.run(["keygen", "--out", dir.file("dangling.key")], in: dir.path), ["already exists"], "dangling link")
        victim.assertUntouched("keygen through a link")
        XCTAssertFalse(exists(dir.file("nowhere.key")), "a key was created through a dangling link")
    }

    func testGenerateNeverWritesThroughALink() throws {
        let dir = Scratch("generate-link")
        let victim = Victim(dir)
        for name in ["bvh.csv", "truth.json"] {
            let out = dir.file("out-\(name)")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            symlink(victim.path, out + "/" + name)
            assertRefused(try CLI.run(["generate", "--out", out, "--persons", "200"], in: dir.path), [name, "symbolic link"], "generate with a link at \(name)")
            victim.assertUntouched("generate with a link at \(name)")
        }
    }

    // MARK: result tables

    func testResultTablesNeverFollowALink() throws {
        let dir = fixture.dir
        let victim = Victim(dir, "victim-tables.txt")
        for (command, table) in [("analyze", "effects.csv"), ("match", "balance.csv")] {
            let out = dir.file("out-\(command)")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            symlink(victim.path, out + "/" + table)
            let r = try CLI.run([command, "--db", fixture.store, "--out", out], in: dir.path)
            assertRefused(r, ["holds \(table), which is a symbolic link"], "\(command) with a link at \(table)")
            victim.assertUntouched("\(command) with a link at \(table)")
            // --out itself a link to a folder.
            let real = dir.file("real-\(command)")
            try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
            symlink(real, dir.file("linked-\(command)"))
            assertRefused(try CLI.run([command, "--db", fixture.store, "--out", dir.file("linked-\(command)")], in: dir.path),
                          ["symbolic link"], "\(command) --out a link")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: real), [])
        }
    }

    // MARK: inputs

    /// FIFOs, devices and folders as inputs are refused at once with the
    /// reason; nothing waits on a FIFO without a writer or reads /dev/zero forever.
    func testInputsMustBeRegularFiles() throws {
        let dir = Scratch("inputs")
        let store = dir.file("store.sqlite")
        XCTAssertEqual(try CLI.run(["import", "veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), "--db", store], in: dir.path).status, 0)
        let before = try digest(store)
        let fifo = dir.file("extract.csv")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let good = dir.write("good.csv", Extracts.bvh(10, prefix: "G"))
        let key = dir.file("k.key")
        XCTAssertEqual(try CLI.run(["keygen", "--out", key], in: dir.path).status, 0)
        let fifoKind = "named pipe (FIFO), not a regular file"
        let cases: [([String], [String])] = [
            (["import", "bvh", fifo, "--db", store], [fifo, fifoKind, "expected a CSV file"]),
            (["import", "bvh", "/dev/zero", "--db", store], ["/dev/zero", "character device, not a regular file"]),
            (["import", "bvh", dir.path, "--db", store], ["is a directory", "expected a CSV file"]),
            (["import", "bvh", good, "--mapping", fifo, "--db", store], ["mapping file", fifoKind]),
            (["import", "bvh", good, "--mapping", "/dev/zero", "--db", store], ["mapping file", "character device"]),
            (["pseudonymize", "--key", key, "--column", "bsn", fifo, dir.file("o.csv")], [fifoKind]),
            (["pseudonymize", "--key", fifo, "--column", "bsn", good, dir.file("o.csv")], ["key file", fifoKind]),
            (["pseudonymize", "--key", "/dev/zero", "--column", "bsn", good, dir.file("o.csv")], ["key file", "character device"]),
            (["run", "--config", fifo], ["cannot read", fifoKind]),
            (["run", "--config", "/dev/zero"], ["cannot read", "character device"]),
        ]
        for (arguments, parts) in cases {
            let context = arguments.joined(separator: " ")
            guard let r = try CLI.Running(arguments, in: dir.path).wait(atMost: 30) else {
                XCTFail("\(context): still running after 30 s (it hangs on a non-regular file)")
                continue
            }
            assertRefused(r, parts, context)
        }
        try assertStore(store, equals: before, "non-regular inputs")
        XCTAssertFalse(exists(dir.file("o.csv")))
    }

    // MARK: min-cell

    func testAMinimumCellBelowTheFloorIsRefusedEverywhere() throws {
        let dir = fixture.dir
        let before = try digest(fixture.store)
        for command in ["match", "analyze"] {  // report renders a stored run with its own threshold
            for value in ["0", "-3", "1", "9"] {
                let out = dir.file("mincell-\(command)-\(value)")
                let r = try CLI.run([command, "--db", fixture.store, "--out", out, "--min-cell=\(value)"], in: dir.path)
                assertRefused(r, ["--min-cell", "must be at least 10", "got \(value)"], "\(command) --min-cell \(value)")
                XCTAssertFalse(exists(out), "\(command) --min-cell \(value) wrote \(out)")
            }
        }
        try assertStore(fixture.store, equals: before, "refused --min-cell")
        let ok = try CLI.run(["match", "--db", fixture.store, "--out", dir.file("mincell-ok"), "--min-cell", "10"], in: dir.path)
        XCTAssertEqual(ok.status, 0, ok.stderr)

        // The configuration file: refused before anything is created.
        let scratch = Scratch("mincell-config")
        let config = scratch.write("run.json", """
            {"db": "\(scratch.file("store.sqlite"))", "inputs": [{"kind": "veiligheidshuizen", "file": "\(fixture.data)/veiligheidshuizen.csv"}],
             "analysis": {"minimumCell": 0},
             "output": "\(scratch.file("output"))", "report": "\(scratch.file("reports"))"}
            """)
        let c = try CLI.run(["run", "--config", config], in: scratch.path)
        assertRefused(c, ["analysis.minimumCell", "must be at least 10", "got 0"], "run --config with minimumCell 0")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { !$0.hasPrefix(".") }, ["run.json"])
    }
}
