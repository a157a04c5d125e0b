import Foundation
import XCTest

/// Loads JSON fixtures written by `scripts/reference/stats_*.py` from
/// `Tests/RendementStatsTests/Fixtures`, located relative to this source file.
/// Non-finite numbers are stored as the strings "nan", "inf", "-inf".
enum FixtureLoader {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // Support
            .deletingLastPathComponent()   // RendementStatsTests
            .appendingPathComponent("Fixtures")
    }

    /// Parses a fixture file into a Foundation JSON object (dictionary at the top level).
    static func load(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let url = directory.appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            XCTFail("fixture \(name) is not a JSON object", file: file, line: line)
            return [:]
        }
        return obj
    }

    /// Converts a JSON value (number, "nan"/"inf"/"-inf", null) to Double.
    static func double(_ v: Any?) -> Double {
        switch v {
        case let n as NSNumber: return n.doubleValue
        case let s as String:
            switch s {
            case "nan": return .nan
            case "inf": return .infinity
            case "-inf": return -.infinity
            default: return Double(s) ?? .nan
            }
        default: return .nan
        }
    }

    static func doubles(_ v: Any?) -> [Double] {
        (v as? [Any])?.map { double($0) } ?? []
    }

    static func int(_ v: Any?) -> Int {
        Int(double(v))
    }

    static func ints(_ v: Any?) -> [Int] {
        (v as? [Any])?.map { int($0) } ?? []
    }

    static func matrix(_ v: Any?) -> [[Double]] {
        (v as? [Any])?.map { doubles($0) } ?? []
    }
}
