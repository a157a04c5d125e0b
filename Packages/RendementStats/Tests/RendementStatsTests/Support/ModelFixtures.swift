import Foundation
import XCTest
@testable import RendementStats

/// Loads the JSON fixtures of the model half (regression, survival, meta-analysis,
/// balance) written by scripts/reference/stats_models.py, stats_survival.py and
/// stats_survival.R, and compares numbers with a stated tolerance while recording
/// the worst relative error seen per routine (reported in
/// docs/stats-verification-models.md).
enum ModelFixtures {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func cases(_ name: String) throws -> [[String: Any]] {
        try json(name)["cases"] as! [[String: Any]]
    }

    static func csv(_ name: String) throws -> (header: [String], rows: [[Double]]) {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        let rows = lines.map { $0.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces))! } }
        return (header, rows)
    }
}

/// Worst relative errors seen, per routine; printed by `ModelErrorLog.report()`
/// and written to .build/model-verification-errors.txt.
final class ModelErrorLog: @unchecked Sendable {
    static let shared = ModelErrorLog()
    private let lock = NSLock()
    private var worst: [String: (Double, String)] = [:]

    func record(_ routine: String, _ error: Double, _ label: String) {
        lock.lock(); defer { lock.unlock() }
        if let w = worst[routine], w.0 >= error { return }
        worst[routine] = (error, label)
    }

    func report() {
        lock.lock(); defer { lock.unlock() }
        let lines = worst.keys.sorted().map { "\($0)\t\(String(format: "%.3e", worst[$0]!.0))\t\(worst[$0]!.1)" }
        let text = lines.joined(separator: "\n") + "\n"
        print("== worst relative errors ==\n" + text)
        let url = ModelFixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/model-verification-errors.txt")
        let existing = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var merged: [String: String] = [:]
        for line in existing.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { merged[String(parts[0])] = String(parts[1]) }
        }
        for l in lines { let parts = l.split(separator: "\t", maxSplits: 1); merged[String(parts[0])] = String(parts[1]) }
        let out = merged.keys.sorted().map { "\($0)\t\(merged[$0]!)" }.joined(separator: "\n") + "\n"
        try? out.write(to: url, atomically: true, encoding: .utf8)
    }
}

/// Relative error |a - e| / max(|e|, floor); NaN/nil expected values must match NaN actuals.
func assertClose(_ actual: Double, _ expected: Double?, rel: Double, floor: Double = 1e-10, routine: String,
                 _ label: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) {
    guard let e = expected, e.isFinite else {
        XCTAssertFalse(actual.isFinite, "\(label()): expected NaN/missing, got \(actual)", file: file, line: line)
        return
    }
    let err = abs(actual - e) / max(abs(e), floor)
    ModelErrorLog.shared.record(routine, err.isNaN ? .infinity : err, label())
    XCTAssertTrue(err <= rel, "\(label()): swift \(actual) vs reference \(e) (relative error \(err) > \(rel))", file: file, line: line)
}

func assertClose(_ actual: [Double], _ expected: [Double?], rel: Double, floor: Double = 1e-10, routine: String,
                 _ label: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(label): length", file: file, line: line)
    for i in 0..<min(actual.count, expected.count) {
        assertClose(actual[i], expected[i], rel: rel, floor: floor, routine: routine, "\(label)[\(i)]", file: file, line: line)
    }
}

extension Dictionary where Key == String, Value == Any {
    func doubles(_ key: String) -> [Double?] { (self[key] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue } }
    func reals(_ key: String) -> [Double] { doubles(key).map { $0 ?? .nan } }
    func double(_ key: String) -> Double? { (self[key] as? NSNumber)?.doubleValue }
    func ints(_ key: String) -> [Int] { (self[key] as? [Any] ?? []).map { ($0 as! NSNumber).intValue } }
    func dict(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    func string(_ key: String) -> String { self[key] as? String ?? "" }
    func matrix(_ key: String) -> Matrix { Matrix((self[key] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } }) }
}
