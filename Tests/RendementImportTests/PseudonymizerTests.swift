import Foundation
import XCTest
@testable import RendementImport

/// Keyed pseudonyms: HMAC-SHA256 checked against Python's hmac module, the
/// key file's mode, linkage of two files pseudonymised with one key, and the
/// dropping of identifying columns.
final class PseudonymizerTests: XCTestCase {
    private func temp(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pseudo-\(UUID().uuidString)-\(name)").path
    }

    /// Reference computed independently with Python:
    /// `hmac.new(bytes(range(1, 33)), b"123456782", hashlib.sha256).hexdigest()`.
    func testHMACMatchesAnIndependentImplementation() throws {
        let path = temp("key")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let hex = (1...32).map { String(format: "%02x", $0) }.joined()
        try (hex + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let key = try PseudonymKey.read(from: path)
        XCTAssertEqual(key.pseudonym("123456782"), "d6c5686e036ced2ce5a40c0315c8060bc40a4bd652359c954cd895ea254e7b0e")
        XCTAssertEqual(key.pseudonym("  123456782 "), key.pseudonym("123456782"), "surrounding spaces do not matter")
        XCTAssertNotEqual(key.pseudonym("123456783"), key.pseudonym("123456782"))
    }

    func testKeyFileIsPrivateAndNeverOverwritten() throws {
        let path = temp("key")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try PseudonymKey.generate().write(to: path)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        XCTAssertEqual(mode, 0o600)
        XCTAssertThrowsError(try PseudonymKey.generate().write(to: path))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines).count, 64)
    }

    func testTwoFilesLinkAndIdentifiersAreDropped() throws {
        let keyPath = temp("key"), police = temp("police.csv"), house = temp("vhh.csv")
        let policeOut = temp("police-out.csv"), houseOut = temp("vhh-out.csv")
        defer { for p in [keyPath, police, house, policeOut, houseOut] { try? FileManager.default.removeItem(atPath: p) } }
        try PseudonymKey.generate().write(to: keyPath)
        try "BSN;Naam;registratienummer;rol\n123456782;Jan Jansen;R1;verdachte\n987654321;Piet;R2;getuige\n".write(toFile: police, atomically: true, encoding: .utf8)
        try "bsn,achternaam,veiligheidshuis\n123456782,Jansen,Twente\n".write(toFile: house, atomically: true, encoding: .utf8)
        let key = try PseudonymKey.read(from: keyPath)
        let a = try Pseudonymizer(key: key, column: "bsn").run(input: police, output: policeOut)
        let b = try Pseudonymizer(key: key, column: "BSN").run(input: house, output: houseOut)
        XCTAssertEqual(a.rows, 2)
        XCTAssertEqual(a.dropped, ["Naam"])
        XCTAssertEqual(b.dropped, ["achternaam"])
        let p = try String(contentsOfFile: policeOut, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let h = try String(contentsOfFile: houseOut, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(p[0], ["persoon_id", "registratienummer", "rol"])
        XCTAssertEqual(p[1][0], h[1][0], "the same person links across the two files")
        XCTAssertNotEqual(p[1][0], p[2][0])
        let text = try String(contentsOfFile: policeOut, encoding: .utf8)
        XCTAssertFalse(text.contains("123456782") || text.contains("Jan"), "no identifier survives")
        let mode = (try FileManager.default.attributesOfItem(atPath: policeOut)[.posixPermissions] as? NSNumber)?.intValue
        XCTAssertEqual(mode, 0o600)
    }
}
