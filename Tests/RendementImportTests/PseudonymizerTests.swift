import Foundation
import XCTest
@testable import RendementImport

/// Keyed pseudonyms: HMAC-SHA256 checked against Python's hmac module, the
/// key file's mode, linkage of two files pseudonymised with one key; and the
/// rules of issue 15: every identifying column dropped by name, identifiers
/// found by content refuse the file unless kept or dropped, empty or blank
/// identifiers rejected (never hashed), the key file never overwritten.
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
        XCTAssertEqual(a.dropped.map(\.name), ["Naam"])
        XCTAssertEqual(b.dropped.map(\.name), ["achternaam"])
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

    // MARK: Issue 15

    /// Writes `text` to a new temporary file and returns its path (removed in tearDown).
    private var made: [String] = []
    private func file(_ name: String, _ text: String) throws -> String {
        let path = temp(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        made.append(path)
        return path
    }
    private func keyFile() throws -> (PseudonymKey, String) {
        let path = temp("key")
        made.append(path)
        try PseudonymKey.generate().write(to: path)
        return (try PseudonymKey.read(from: path), path)
    }
    override func tearDown() {
        for p in made { try? FileManager.default.removeItem(atPath: p); try? FileManager.default.removeItem(atPath: Pseudonymizer.rejectsPath(for: p)) }
        made = []
    }

    func testEveryIdentifyingColumnOfTheIssueIsDropped() throws {
        let (key, keyPath) = try keyFile()
        // The issue's file: pseudonymise bsn; every other identifying column must go.
        let identifying = ["Burgerservicenummer", "Telefoonnummer", "E-mailadres", "Naam cliënt", "IBAN", "Mobiel", "Huisnr", "Kenteken",
                           "Voornaam", "Achternaam", "Geboorteplaats", "Adres", "Straat", "Huisnummer", "Postcode", "Woonplaats", "Telefoon", "Email"]
        let values = ["111222333", "0612345678", "jan@example.nl", "Jan Jansen", "NL91ABNA0417164300", "06-87654321", "12a", "12-ABC-3",
                      "Jan", "Jansen", "Utrecht", "Dorpsstraat 1", "Dorpsstraat", "1", "1234 AB", "Utrecht", "010-1234567", "jan@example.org"]
        let header = ["bsn"] + identifying + ["veiligheidshuis", "geboortedatum", "Naam Veiligheidshuis"]
        let row = ["123456782"] + values + ["Twente", "1990-05-01", "Twente"]
        let input = try file("in.csv", header.joined(separator: ";") + "\n" + row.joined(separator: ";") + "\n")
        let output = temp("out.csv"); made.append(output)
        let outcome = try Pseudonymizer(key: key, column: "bsn", keyPath: keyPath).run(input: input, output: output)
        XCTAssertEqual(outcome.dropped.map(\.name), identifying)
        XCTAssertTrue(outcome.dropped.allSatisfy { $0.reason.hasPrefix("its name says it holds identifiers") })
        let text = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").first, "persoon_id,veiligheidshuis,geboortedatum,Naam Veiligheidshuis")
        // The kept columns (the pseudonym is a random-keyed hash whose hex digits may spell "12a" by chance).
        let kept = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().joined(separator: ",") }
        XCTAssertEqual(kept, ["Twente,1990-05-01,Twente"])
        for value in values + ["123456782"] where value.count > 2 { XCTAssertFalse(kept.joined().contains(value), "\(value) left the file") }
        XCTAssertFalse(text.contains("123456782"), "the bsn left the file")
    }

    func testIdentifiersFoundByContentRefuseTheFileUnlessKeptOrDropped() throws {
        let (key, keyPath) = try keyFile()
        let input = try file("in.csv", """
            bsn,nummer,opmerking,rekening,datum,bedrag
            123456782,R1,geen,x,2013-01-15,-12.50
            111222333,123456782,bel 06-12345678,NL91 ABNA 0417 1643 00,05-01-2013 12:30,3
            """ + "\n")
        let output = temp("out.csv"); made.append(output)
        let p = Pseudonymizer(key: key, column: "bsn", keyPath: keyPath)
        XCTAssertThrowsError(try p.run(input: input, output: output)) { error in
            XCTAssertEqual(error as? Pseudonymizer.Failure, .identifiers(input, [
                .init(column: "nummer", line: 3, shape: .bsn), .init(column: "opmerking", line: 3, shape: .phone),
                .init(column: "rekening", line: 3, shape: .iban),
            ]))
            let message = "\(error)"
            XCTAssertTrue(message.contains("column nummer holds a BSN") && message.contains("nothing written"), message)
            XCTAssertFalse(message.contains("123456782") || message.contains("0612345678") || message.contains("0417"), "no value in the message")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output), "nothing written")
        // Kept: written as they are; dropped: gone.
        var chosen = p
        chosen.keep = ["nummer", "Rekening"]
        chosen.drop = ["opmerking"]
        let outcome = try chosen.run(input: input, output: output)
        XCTAssertEqual(outcome.kept, ["nummer", "rekening"])
        XCTAssertEqual(outcome.dropped, [.init(name: "opmerking", reason: "dropped on request (--drop)")])
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines[0], "persoon_id,nummer,rekening,datum,bedrag")
        XCTAssertTrue(lines[2].hasSuffix(",123456782,NL91 ABNA 0417 1643 00,05-01-2013 12:30,3"))
        XCTAssertTrue(lines[1].hasSuffix(",R1,x,2013-01-15,-12.50"), "values are written as they came")
        // Each kind of identifier found by content on its own.
        for (value, shape) in [("111222333", IdentifierShape.bsn), ("mail: jan@example.nl", .email), ("+31 6 12345678", .phone), ("DE89370400440532013000", .iban)] {
            let single = try file("one.csv", "bsn,extra\n123456782,\(value)\n")
            XCTAssertThrowsError(try p.run(input: single, output: output)) {
                XCTAssertEqual($0 as? Pseudonymizer.Failure, .identifiers(single, [.init(column: "extra", line: 2, shape: shape)]), value)
            }
        }
    }

    func testEmptyAndBlankIdentifiersAreRejectedNeverHashed() throws {
        let (key, keyPath) = try keyFile()
        let input = try file("in.csv", "bsn,rol\n123456782,verdachte\n,getuige\n   ,verdachte\n\"\t\",betrokkene\n111222333,verdachte\n")
        let output = temp("out.csv"); made.append(output)
        let outcome = try Pseudonymizer(key: key, column: "bsn", keyPath: keyPath).run(input: input, output: output)
        XCTAssertEqual(outcome.rows, 2)
        XCTAssertEqual(outcome.rejectedLines, [3, 4, 5])
        let text = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertFalse(text.contains(key.pseudonym("")), "no row carries the pseudonym of an empty identifier")
        XCTAssertEqual(text.split(separator: "\n").map { String($0.split(separator: ",")[0]) }, ["persoon_id", key.pseudonym("123456782"), key.pseudonym("111222333")])
        let rejects = try XCTUnwrap(outcome.rejectsFile)
        XCTAssertEqual(rejects, Pseudonymizer.rejectsPath(for: output))
        let listed = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(listed.first, "line,column,reason,message")
        XCTAssertEqual(listed.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") },
                       ["3,bsn,missing_required", "4,bsn,missing_required", "5,bsn,missing_required"])
        XCTAssertFalse(listed.joined().contains("getuige"), "the rejects list holds no values")
        let mode = (try FileManager.default.attributesOfItem(atPath: rejects)[.posixPermissions] as? NSNumber)?.intValue
        XCTAssertEqual(mode, 0o600)
        // Nothing but blank identifiers: refused.
        let blank = try file("blank.csv", "bsn,rol\n,getuige\n \t,x\n")
        XCTAssertThrowsError(try Pseudonymizer(key: key, column: "bsn").run(input: blank, output: temp("never.csv"))) {
            XCTAssertEqual($0 as? Pseudonymizer.Failure, .noRows(blank, 2))
        }
    }

    func testTheKeyFileAndTheInputAreNeverOverwritten() throws {
        let (key, keyPath) = try keyFile()
        let (_, otherKey) = try keyFile()
        let keyText = try String(contentsOfFile: keyPath, encoding: .utf8), otherText = try String(contentsOfFile: otherKey, encoding: .utf8)
        let input = try file("in.csv", "bsn,rol\n123456782,verdachte\n")
        let inputText = try String(contentsOfFile: input, encoding: .utf8)
        let link = temp("link-to-key"); made.append(link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: keyPath)
        let hard = temp("hard-link-to-input"); made.append(hard)
        try FileManager.default.linkItem(atPath: input, toPath: hard)
        let p = Pseudonymizer(key: key, column: "bsn", keyPath: keyPath)
        for (target, what) in [(keyPath, "the key file"), (link, "the key file"), (otherKey, "a pseudonymisation key (rendement keygen)"),
                               (input, "the input file"), (hard, "the input file")] {
            XCTAssertThrowsError(try p.run(input: input, output: target)) {
                XCTAssertEqual($0 as? Pseudonymizer.Failure, .protectedPath(target, what), target)
            }
        }
        // Also without --key's path: a file holding a key is never replaced.
        XCTAssertThrowsError(try Pseudonymizer(key: key, column: "bsn").run(input: input, output: keyPath))
        XCTAssertEqual(try String(contentsOfFile: keyPath, encoding: .utf8), keyText)
        XCTAssertEqual(try String(contentsOfFile: otherKey, encoding: .utf8), otherText)
        XCTAssertEqual(try String(contentsOfFile: input, encoding: .utf8), inputText)
    }

    func testOptionsThatCannotBothHoldAreRefused() throws {
        let (key, _) = try keyFile()
        let input = try file("in.csv", "bsn,persoon_id,rol\n123456782,abc,verdachte\n")
        let output = temp("out.csv"); made.append(output)
        XCTAssertThrowsError(try Pseudonymizer(key: key, column: "bsn").run(input: input, output: output)) {
            XCTAssertEqual($0 as? Pseudonymizer.Failure, .outputColumnExists(input, "persoon_id"))
        }
        XCTAssertThrowsError(try Pseudonymizer(key: key, column: "bsn", keep: ["rol"], drop: ["rol"]).run(input: input, output: output))
        XCTAssertThrowsError(try Pseudonymizer(key: key, column: "bsn", keep: ["bsn"]).run(input: input, output: output))
        XCTAssertThrowsError(try Pseudonymizer(key: key, column: "bsn", keep: ["geen"]).run(input: input, output: output)) {
            XCTAssertEqual($0 as? Pseudonymizer.Failure, .noSuchColumn(input, "geen"))
        }
        XCTAssertNoThrow(try Pseudonymizer(key: key, column: "bsn", drop: ["persoon_id"]).run(input: input, output: output))
    }
}
