import Crypto
import Foundation
import XCTest

/// Report sets are written whole or not at all: an earlier set is replaced
/// as a whole (no stale file of it remains), a folder that is not a report
/// set is refused untouched, a report killed at any moment leaves the old
/// set or the new one (never a mix), and the result tables of `analyze` are
/// replaced the same way. Folder names of Veiligheidshuizen are unique and
/// bounded, and the index links follow them.
final class ReportSetTests: XCTestCase {
    nonisolated(unsafe) private static var matched: MatchedStore!
    private var fixture: MatchedStore { Self.matched }
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }
    private static var kills: Int { Int(environment["RENDEMENT_FAULT_KILLS"] ?? "") ?? 4 }
    private static var seed: UInt64 { UInt64(environment["RENDEMENT_FAULT_SEED"] ?? "") ?? 20_240_601 }

    override class func setUp() {
        super.setUp()
        matched = try! MatchedStore(seed: 7, persons: 6000, label: "reportsets")
    }

    override class func tearDown() {
        matched = nil
        super.tearDown()
    }

    private func report(_ out: String, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["report", "--db", fixture.store, "--out", out] + extra, in: fixture.dir.path)
    }

    /// The folder holds exactly the files its manifest lists, each with the
    /// listed size and SHA-256 (a whole set); returns the manifest's paths.
    @discardableResult
    private func assertWholeSet(_ folder: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let manifest = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], file: file, line: line)
        XCTAssertEqual(manifest["kind"] as? String, "rendement-report-set", context, file: file, line: line)
        let files = try XCTUnwrap(manifest["files"] as? [[String: Any]], file: file, line: line)
        var listed = Set<String>()
        for f in files {
            let path = try XCTUnwrap(f["path"] as? String, file: file, line: line)
            listed.insert(path)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
            XCTAssertEqual(bytes.count, f["bytes"] as? Int, "\(context): \(path) size", file: file, line: line)
            XCTAssertEqual(SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined(), f["sha256"] as? String,
                           "\(context): \(path) is not the file the manifest lists", file: file, line: line)
        }
        let present = FileTree(folder).entries.filter { !$0.value.hasPrefix("folder") }.map(\.key)
        XCTAssertEqual(Set(present), listed.union(["manifest.json"]), "\(context): files beside the manifest's", file: file, line: line)
        return listed.sorted()
    }

    func testAnEarlierSetIsReplacedAsAWhole() throws {
        let out = fixture.dir.file("reports-whole")
        XCTAssertEqual(try report(out).status, 0)
        let all = try assertWholeSet(out, "first set")
        let houses = Set(all.compactMap { $0.contains("/") ? String($0.split(separator: "/")[0]) : nil })
        XCTAssertGreaterThan(houses.count, 3)
        // Only one house now: every other house's folder of the earlier set is gone.
        let r = try report(out, ["--veiligheidshuis", "Haaglanden", "--format", "md"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let one = try assertWholeSet(out, "second set")
        XCTAssertEqual(Set(one.compactMap { $0.contains("/") ? String($0.split(separator: "/")[0]) : nil }), ["haaglanden"])
        XCTAssertFalse(one.contains { $0.hasSuffix(".html") }, "html of the earlier set left behind")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: fixture.dir.path).filter { $0.hasPrefix(".reports-whole.rendement-") }, [],
                       "a staging folder was left beside the set")
    }

    func testAFolderThatIsNotAReportSetIsRefusedUntouched() throws {
        let dir = fixture.dir
        let cases: [(String, (String) throws -> Void, [String])] = [
            ("a note", { f in _ = Scratch.write(f, "notes.txt", "mine") }, ["not a rendement report set", "notes.txt"]),
            ("extracts and their rejects", { f in
                _ = Scratch.write(f, "bvh.csv", Extracts.bvh(5))
                _ = Scratch.write(f, "bvh.rejects.csv", "line,column,reason,message\n")
            }, ["not a rendement report set", "bvh.csv"]),
            ("a store", { f in try FileManager.default.copyItem(atPath: self.fixture.store, toPath: f + "/store.sqlite") }, ["store.sqlite"]),
            ("an index.md of someone else's", { f in
                _ = Scratch.write(f, "index.md", "# my notes")
                _ = Scratch.write(f, "todo.md", "- nothing")
            }, ["not a rendement report set"]),
        ]
        for (name, fill, parts) in cases {
            let folder = dir.file("not-a-set-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            try fill(folder)
            let before = FileTree(folder)
            assertRefused(try report(folder), parts, name)
            XCTAssertEqual(FileTree(folder), before, "\(name): the folder changed")
        }
        // An earlier set with a link or a foreign file put into it.
        let set = dir.file("reports-tampered")
        XCTAssertEqual(try report(set).status, 0)
        let victim = Victim(dir, "victim-set.txt")
        symlink(victim.path, set + "/index-extra.csv")
        let tampered = FileTree(set)
        assertRefused(try report(set), ["not part of it", "index-extra.csv"], "a link in an earlier set")
        XCTAssertEqual(FileTree(set), tampered)
        victim.assertUntouched("a link in an earlier set")
        // --out a link to a folder, or a file.
        let real = dir.file("real-reports")
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        symlink(real, dir.file("linked-reports"))
        assertRefused(try report(dir.file("linked-reports")), ["symbolic link"], "--out a link")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: real), [])
        assertRefused(try report(victim.path), ["not a folder"], "--out a file")
        victim.assertUntouched("--out a file")
    }

    /// A set written before manifests is recognised by its exact shape and
    /// replaced; the same shape with a foreign file in it is not.
    func testAnEarlierSetWithoutAManifestIsReplaced() throws {
        let dir = fixture.dir
        for (name, foreign) in [("legacy-clean", false), ("legacy-foreign", true)] {
            let folder = dir.file(name)
            try FileManager.default.createDirectory(atPath: folder + "/utrecht", withIntermediateDirectories: true)
            for f in ["index.md", "index.html", "index-forest.svg", "index-regions.csv", "utrecht/rendement-2013Q2.md", "utrecht/rendement-2013Q2-balance.csv"] {
                _ = Scratch.write(folder, f, "old \(f)")
            }
            if foreign { _ = Scratch.write(folder, "utrecht/matches.csv", "set_id,role,persoon_id\n") }
            let before = FileTree(folder)
            let r = try report(folder)
            if foreign {
                assertRefused(r, ["not a rendement report set"], name)
                XCTAssertEqual(FileTree(folder), before)
            } else {
                XCTAssertEqual(r.status, 0, r.stderr)
                try assertWholeSet(folder, name)
                for (path, _) in before.entries where exists(folder + "/" + path) && !path.hasSuffix("utrecht") {
                    XCTAssertFalse((try? String(contentsOfFile: folder + "/" + path, encoding: .utf8))?.hasPrefix("old ") ?? false, "\(path) of the earlier set is still there")
                }
            }
        }
    }

    /// SIGKILL at seeded random moments (and in the last tenth of the run,
    /// where the set is swapped in): the folder holds exactly the old set
    /// (Dutch) or exactly a whole new one (English), never a mix.
    func testAReportKilledAtRandomLeavesTheOldSetOrTheNew() throws {
        let dir = fixture.dir
        let out = dir.file("reports-killed")
        XCTAssertEqual(try report(out, ["--lang", "nl"]).status, 0)
        try assertWholeSet(out, "old set")
        let old = FileTree(out)
        let started = Date()
        let reference = try report(dir.file("reports-reference"), ["--lang", "en"])
        XCTAssertEqual(reference.status, 0, reference.stderr)
        let duration = Date().timeIntervalSince(started)

        var rng = SplitMix(seed: Self.seed)
        var outcomes: [String] = []
        var state = old
        // Seeded random kills over the whole run, more late ones (the set is
        // swapped in at the end), and kills the moment the new set's
        // manifest -- its last file -- appears in the staging folder.
        for k in 0..<Self.kills * 3 {
            let language = k % 2 == 0 ? "en" : "nl"
            let p = try CLI.Running(["report", "--db", fixture.store, "--out", out, "--lang", language], in: dir.path)
            var moment: String
            if k % 3 == 2 {
                moment = "as the staging manifest appeared"
                while p.isRunning {
                    let staging = (try? FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".reports-killed.rendement-\(p.pid)-") }) ?? []
                    if staging.contains(where: { exists(dir.file($0) + "/manifest.json") }) { break }
                    usleep(200)
                }
            } else {
                let fraction = k % 3 == 0 ? 0.02 + 0.98 * rng.unit() : 0.8 + 0.6 * rng.unit()
                moment = String(format: "at %.0f%% of %.2f s", fraction * 100, duration)
                Thread.sleep(forTimeInterval: duration * fraction)
            }
            p.kill(SIGKILL)
            let result = p.wait()
            let now = FileTree(out)
            let context = "kill \(k) \(moment) (\(result.signaled ? "killed" : "had finished"))"
            if now == state {
                outcomes.append("unchanged")
            } else {
                try assertWholeSet(out, context)
                let index = try String(contentsOfFile: out + "/index.md", encoding: .utf8)
                XCTAssertTrue(index.contains(language == "en" ? "The Veiligheidshuizen side by side" : "Veiligheidshuizen naast elkaar"), "\(context): not the new set's language")
                outcomes.append("new")
                state = now
            }
        }
        print("report SIGKILL: \(outcomes.filter { $0 == "unchanged" }.count) kills left the earlier set, \(outcomes.filter { $0 == "new" }.count) found the new one, of \(outcomes.count); \(String(format: "%.2f", duration)) s uninterrupted")
        XCTAssertGreaterThan(outcomes.filter { $0 == "unchanged" }.count, 0, "no kill landed during a report")
        // The next run cleans up the staging folders of the killed ones and writes a whole set.
        XCTAssertEqual(try report(out, ["--lang", "en"]).status, 0)
        try assertWholeSet(out, "after the kills")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".reports-killed.rendement-") }, [],
                       "staging folders of killed runs were left")
    }

    /// The analysis tables: all from one run, whenever analyze is killed.
    func testAnalyzeKilledAtRandomLeavesOneRunsTables() throws {
        let dir = fixture.dir
        let out = dir.file("analysis-killed")
        let tables = ["effects.csv", "anticipation_sensitivity.csv", "age_moderation.csv", "event_study.csv", "survival.csv",
                      "survival_summary.csv", "vhh_comparison.csv"]
        let settings = [["--windows", "1,2", "--age-bands", "12-24,25-"], ["--windows", "3,6", "--age-bands", "12-17,18-"]]
        _ = Scratch.write(out, "notes.txt", "kept beside the tables")
        var reference: [[String: String]] = []
        var duration = 0.0
        for s in settings {
            let started = Date()
            let r = try CLI.run(["analyze", "--db", fixture.store, "--out", out] + s, in: dir.path)
            duration = max(duration, Date().timeIntervalSince(started))
            XCTAssertEqual(r.status, 0, r.stderr)
            reference.append(Dictionary(uniqueKeysWithValues: tables.map { ($0, sha256(out + "/" + $0)) }))
        }
        XCTAssertNotEqual(reference[0], reference[1])
        var rng = SplitMix(seed: Self.seed + 1)
        var current = 1  // the folder holds the tables of settings[current]; each run writes the other's
        for k in 0..<Self.kills * 2 {
            let p = try CLI.Running(["analyze", "--db", fixture.store, "--out", out] + settings[1 - current], in: dir.path)
            if k % 2 == 0 {
                Thread.sleep(forTimeInterval: duration * (0.05 + 1.0 * rng.unit()))
            } else {
                // The moment the first table is replaced: the others must be replaced with it.
                let first = inode(out + "/effects.csv")
                var spins = 0
                while inode(out + "/effects.csv") == first {
                    spins += 1
                    if spins % 4096 == 0 && !p.isRunning { break }
                }
            }
            p.kill(SIGKILL)
            _ = p.wait()
            let now = Dictionary(uniqueKeysWithValues: tables.map { ($0, sha256(out + "/" + $0)) })
            XCTAssertTrue(now == reference[0] || now == reference[1], "kill \(k): a mix of two runs' tables: \(now)")
            current = now == reference[0] ? 0 : 1
            XCTAssertEqual(try String(contentsOfFile: out + "/notes.txt", encoding: .utf8), "kept beside the tables")
        }
    }

    /// The inode number of a file (0 when absent).
    private func inode(_ path: String) -> UInt64 {
        var st = stat()
        return lstat(path, &st) == 0 ? UInt64(st.st_ino) : 0
    }

    /// `Utrecht!` and `Utrecht?` get folders of their own, a name of 300
    /// characters a bounded one; the suffixes come from the names, not the
    /// registry's order; every link of the overview leads to its page.
    func testHouseFoldersAreUniqueBoundedAndStable() throws {
        let long = "Veiligheidshuis " + String(repeating: "Zuid-Holland-Zuid en omstreken ", count: 10).prefix(284)
        XCTAssertEqual(long.count, 300)
        var folders: [[String: String]] = []
        for reversed in [false, true] {
            let m = try MatchedStore(seed: 3, persons: 4000, label: "housefolders", importing: false)
            try rename(in: m.data, ["Haaglanden": "Utrecht!", "Zeeland": "Utrecht?", "Twente": String(long)], reverseRegistry: reversed)
            try m.importAndMatch()
            let out = m.dir.file("reports")
            let r = try CLI.run(["report", "--db", m.store, "--out", out, "--format", "md"], in: m.dir.path)
            XCTAssertEqual(r.status, 0, r.stderr)
            try assertWholeSet(out, "renamed houses")
            let index = try String(contentsOfFile: out + "/index.md", encoding: .utf8)
            // The folder of each house: the one whose page's title names it.
            var byHouse: [String: String] = [:]
            for folder in try FileManager.default.contentsOfDirectory(atPath: out) where !folder.contains(".") {
                let page = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: out + "/" + folder).first { $0.hasSuffix(".md") })
                let title = try String(contentsOfFile: out + "/" + folder + "/" + page, encoding: .utf8).prefix { $0 != "\n" }
                for name in ["Utrecht!", "Utrecht?", String(long)] where title.contains(name) { byHouse[name] = folder }
            }
            let utrechts = Set([byHouse["Utrecht!"], byHouse["Utrecht?"]].compactMap { $0 })
            XCTAssertEqual(utrechts.count, 2, "Utrecht! and Utrecht? share a folder: \(byHouse)")
            for folder in byHouse.values { XCTAssertLessThanOrEqual(folder.utf8.count, 64, folder) }
            XCTAssertNotNil(byHouse[String(long)], "no folder for the long name")
            // Every relative link of the overview leads to a file of the set.
            let links = index.matches(of: /\]\(([^)#:]+)\)/).map { String($0.1) }
            XCTAssertGreaterThan(links.count, 3)
            for link in links { XCTAssertTrue(exists(out + "/" + link), "the overview links to \(link), which is not there") }
            folders.append(byHouse)
        }
        XCTAssertEqual(folders[0], folders[1], "folder names depend on the registry's order")
    }

    /// Renames houses in the registry and the client registrations of a
    /// generated extract (optionally writing the registry rows in reverse).
    private func rename(in data: String, _ names: [String: String], reverseRegistry: Bool) throws {
        for file in ["veiligheidshuizen.csv", "clienten.csv"] {
            let path = data + "/" + file
            var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            let column = lines[0].split(separator: ",").firstIndex(of: "veiligheidshuis")!
            for i in 1..<lines.count {
                var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if let new = names[fields[column]] { fields[column] = "\"" + new + "\"" }
                lines[i] = fields.joined(separator: ",")
            }
            if file == "veiligheidshuizen.csv" && reverseRegistry { lines = [lines[0]] + lines.dropFirst().reversed() }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}

extension Scratch {
    /// Writes `text` to `folder/name` (creating folders on the way).
    static func write(_ folder: String, _ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }
}
