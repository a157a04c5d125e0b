import Crypto
import Foundation
import XCTest

/// What a folder holds, to compare before and after a command: every entry
/// (relative path) with its kind and, for files, the SHA-256 of the content
/// and the mode; links are recorded with their target, never followed.
struct FileTree: Equatable, CustomStringConvertible {
    var entries: [String: String]

    init(_ folder: String) {
        entries = [:]
        guard let names = FileManager.default.enumerator(atPath: folder) else { return }
        while let name = names.nextObject() as? String {
            entries[name] = FileTree.describe(folder + "/" + name)
        }
    }

    /// "file <sha256> <mode>", "folder", "link -> target" or "other".
    static func describe(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0 else { return "absent" }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return "file \(sha256(path)) \(String(st.st_mode & 0o7777, radix: 8))"
        case S_IFDIR: return "folder"
        case S_IFLNK: return "link -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
        default: return "other"
        }
    }

    var description: String { entries.keys.sorted().map { "\($0): \(entries[$0]!)" }.joined(separator: "\n") }
}

/// SHA-256 of a file's content (hex); "" when it cannot be read.
func sha256(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "" }
    return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// The permission bits of a file (without following a link); -1 when absent.
func mode(_ path: String) -> Int {
    var st = stat()
    return lstat(path, &st) == 0 ? Int(st.st_mode & 0o7777) : -1
}

/// Whether anything (even a dangling link) is at `path`.
func exists(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0
}

/// A file that a link is planted to: its bytes and mode must never change.
struct Victim {
    let path: String
    let content = "victim: this file must never be written by rendement\n"
    init(_ dir: Scratch, _ name: String = "victim.txt") {
        path = dir.write(name, content)
        chmod(path, 0o644)
    }
    func assertUntouched(_ context: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try? String(contentsOfFile: path, encoding: .utf8), content, "\(context): the link's target was written", file: file, line: line)
        XCTAssertEqual(mode(path), 0o644, "\(context): the link's target changed mode", file: file, line: line)
    }
}

/// A command refused with one line on stderr containing every part of
/// `parts` (exit status non-zero, no crash).
func assertRefused(_ r: CLI.Result, _ parts: [String], _ context: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(r.signaled, "\(context): crashed: \(r.stderr)", file: file, line: line)
    XCTAssertNotEqual(r.status, 0, "\(context): accepted: \(r.stdout)", file: file, line: line)
    let reason = r.errorLines.first { !$0.hasPrefix("Usage:") && !$0.hasPrefix("  See") && !$0.isEmpty } ?? ""
    for part in parts {
        XCTAssertTrue(reason.contains(part), "\(context): expected \"\(part)\" in the reason: \(r.stderr)", file: file, line: line)
    }
}

/// A store with generated extracts (4,000 persons) imported and matched,
/// in its own scratch folder: `data/` holds the extracts, `output/` the
/// balance tables.
final class MatchedStore {
    let dir: Scratch
    var store: String { dir.file("store.sqlite") }
    var data: String { dir.file("data") }

    /// With `importing` false only the extracts are generated (to be changed, then `importAndMatch()`).
    init(seed: Int = 5, persons: Int = 4000, label: String = "matched", importing: Bool = true) throws {
        dir = Scratch(label)
        let g = try CLI.run(["generate", "--out", dir.file("data"), "--persons", String(persons), "--seed", String(seed)], in: dir.path)
        XCTAssertEqual(g.status, 0, g.stderr)
        if importing { try importAndMatch() }
    }

    /// Imports the five extracts of `data/` (registry first), matches and analyses
    /// (a report renders a stored analysis run).
    func importAndMatch() throws {
        for kind in ["veiligheidshuizen", "personen", "bvh", "hks", "clienten"] {
            let r = try CLI.run(["import", kind, data + "/\(kind).csv", "--db", store], in: dir.path)
            XCTAssertEqual(r.status, 0, "\(kind): \(r.stderr)")
        }
        let m = try CLI.run(["match", "--db", store, "--out", dir.file("output")], in: dir.path)
        XCTAssertEqual(m.status, 0, m.stderr)
        let a = try CLI.run(["analyze", "--db", store, "--out", dir.file("output")], in: dir.path)
        XCTAssertEqual(a.status, 0, a.stderr)
    }
}

extension CLI.Running {
    /// Waits at most `seconds`; a process still running then is killed and
    /// reported as hanging (nil).
    func wait(atMost seconds: Double) -> CLI.Result? {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(10_000) }
        if isRunning {
            kill(SIGKILL)
            _ = wait()
            return nil
        }
        return wait()
    }
}
