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
        let raw = try Data(contentsOf: url)
        // swift-corelibs-foundation's JSONSerialization does not always round decimal
        // numbers correctly (last-ulp errors), so every number token is first turned into
        // a string "#num:<token>" and parsed later with Double(String) (correctly rounded).
        let data = quoteNumbers(raw)
        guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            XCTFail("fixture \(name) is not a JSON object", file: file, line: line)
            return [:]
        }
        return obj
    }

    /// Rewrites number tokens outside JSON strings as strings prefixed with "#num:".
    static func quoteNumbers(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 4)
        var i = 0
        var inString = false
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let prefix = Array("#num:".utf8)
        func isNumberStart(_ b: UInt8) -> Bool { b == UInt8(ascii: "-") || (b >= 48 && b <= 57) }
        func isNumberChar(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        }
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                out.append(b)
                if b == backslash, i + 1 < bytes.count { out.append(bytes[i + 1]); i += 2; continue }
                if b == quote { inString = false }
                i += 1
            } else if b == quote {
                inString = true
                out.append(b)
                i += 1
            } else if isNumberStart(b) {
                var j = i
                while j < bytes.count && isNumberChar(bytes[j]) { j += 1 }
                out.append(quote); out.append(contentsOf: prefix); out.append(contentsOf: bytes[i..<j]); out.append(quote)
                i = j
            } else {
                out.append(b)
                i += 1
            }
        }
        return Data(out)
    }

    /// Converts a JSON value (number, "nan"/"inf"/"-inf", null) to Double.
    static func double(_ v: Any?) -> Double {
        switch v {
        case let n as NSNumber: return n.doubleValue
        case let s as String where s.hasPrefix("#num:"):
            return Double(s.dropFirst(5)) ?? .nan
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
