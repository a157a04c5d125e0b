import Foundation
import XCTest

/// Runs the built `rendement` executable as a subprocess: the tests of this
/// target see the tool only as a user does (arguments, exit code, stdout,
/// stderr, files).
enum CLI {
    /// The `rendement` executable next to the test bundle (SwiftPM puts every
    /// product of a build in one folder), or `RENDEMENT_BIN`.
    static let executable: URL = {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["RENDEMENT_BIN"] { candidates.append(URL(fileURLWithPath: path)) }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("rendement"))
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(argv0.deletingLastPathComponent().appendingPathComponent("rendement"))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("rendement"))
        }
        for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url }
        fatalError("rendement executable not found (looked at \(candidates.map(\.path))); run `swift build` or set RENDEMENT_BIN")
    }()

    struct Result {
        var status: Int32
        /// True when the process ended by a signal (`status` is then the signal).
        var signaled: Bool
        var stdout: String
        var stderr: String
        /// The non-empty lines of stderr.
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// A started process whose output goes to files (no pipe can fill up).
    final class Running {
        let process = Process()
        let outPath: String, errPath: String
        init(_ arguments: [String], in directory: String, prefix: [String] = [], environment: [String: String] = [:]) throws {
            let id = UUID().uuidString
            outPath = directory + "/.out-" + id
            errPath = directory + "/.err-" + id
            _ = FileManager.default.createFile(atPath: outPath, contents: nil)
            _ = FileManager.default.createFile(atPath: errPath, contents: nil)
            if prefix.isEmpty {
                process.executableURL = CLI.executable
                process.arguments = arguments
            } else {
                process.executableURL = URL(fileURLWithPath: prefix[0])
                process.arguments = Array(prefix.dropFirst()) + [CLI.executable.path] + arguments
            }
            if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle(forWritingAtPath: outPath)
            process.standardError = FileHandle(forWritingAtPath: errPath)
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }
        var isRunning: Bool { process.isRunning }

        func kill(_ signal: Int32 = SIGKILL) { _ = Foundation.kill(process.processIdentifier, signal) }

        /// Waits until stderr so far contains `marker` (true) or the process
        /// has ended (false).
        func waitForStderr(_ marker: String) -> Bool {
            while process.isRunning {
                if let text = try? String(contentsOfFile: errPath, encoding: .utf8), text.contains(marker) { return true }
                usleep(1000)
            }
            return false
        }

        func wait() -> Result {
            process.waitUntilExit()
            let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
            return Result(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                          stdout: out, stderr: err)
        }
    }

    /// Runs `rendement ARGUMENTS` in `directory` and waits for it.
    @discardableResult
    static func run(_ arguments: [String], in directory: String, prefix: [String] = []) throws -> Result {
        try Running(arguments, in: directory, prefix: prefix).wait()
    }
}

/// A temporary folder, removed at the end of the test.
final class Scratch {
    let path: String
    init(_ label: String = "reliability") {
        path = NSTemporaryDirectory() + "rendement-\(label)-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let p = file(name)
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
}

/// Small extracts in the input contract (data-schema/README.md).
enum Extracts {
    static let registry = "veiligheidshuis,regio,opgericht,gemeenten\nHaaglanden,Den Haag,2006,9\nFryslân,Noord-Nederland,2008,24\n"
    static let bvhHeader = "registratienummer,persoon_id,rol,pleegdatum,registratiedatum,incidentcode,incidentomschrijving,gemeente,geboortedatum,geslacht"

    /// BVH row `i` (unique registratienummer) with `gemeente`.
    static func bvhRow(_ i: Int, prefix: String = "R", gemeente: String = "Leiden") -> String {
        "\(prefix)\(i),P\(i % 97),verdachte,2012-\(String(format: "%02d", i % 12 + 1))-\(String(format: "%02d", i % 28 + 1)),,E33,tekst,\(gemeente),1990-01-01,man"
    }

    /// A valid BVH file of `n` rows (LF line ends).
    static func bvh(_ n: Int, prefix: String = "R") -> String {
        bvhHeader + "\n" + (0..<n).map { bvhRow($0, prefix: prefix) }.joined(separator: "\n") + "\n"
    }

    /// Writes a large valid BVH file of `rows` rows (seeded), streaming.
    static func writeLargeBVH(to path: String, rows: Int, seed: UInt64, prefix: String = "L") {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let h = FileHandle(forWritingAtPath: path)!
        defer { try? h.close() }
        var rng = SplitMix(seed: seed)
        var buffer = Array((bvhHeader + "\n").utf8)
        let roles = ["verdachte", "betrokkene", "slachtoffer", "getuige"]
        for i in 0..<rows {
            let person = rng.next() % UInt64(max(1, rows / 5))
            let line = "\(prefix)\(i),P\(person),\(roles[Int(rng.next() % 4)]),2012-\(String(format: "%02d", Int(rng.next() % 12) + 1))-\(String(format: "%02d", Int(rng.next() % 28) + 1)),,E\(10 + rng.next() % 90),omschrijving,Leiden,19\(70 + person % 30)-01-01,\(person % 2 == 0 ? "M" : "V")\n"
            buffer.append(contentsOf: line.utf8)
            if buffer.count > 1 << 20 { h.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
        }
        h.write(Data(buffer))
    }
}

/// A small seeded generator (SplitMix64) for reproducible test data and kill times.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
