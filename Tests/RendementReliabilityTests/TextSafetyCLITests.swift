import Foundation
import XCTest

/// Issues 14 and 15 through the command line, as a user meets them:
/// `pseudonymize ... in.csv KEYFILE` fails and leaves the key; a registry
/// with a name twice is refused naming the lines; names from files reach
/// the terminal without control characters.
final class TextSafetyCLITests: XCTestCase {
    func testPseudonymizeNeverWritesOverTheKeyFile() throws {
        let dir = Scratch("pseudonymize")
        XCTAssertEqual(try CLI.run(["keygen", "--out", "key"], in: dir.path).status, 0)
        let key = try String(contentsOfFile: dir.file("key"), encoding: .utf8)
        dir.write("in.csv", "bsn,rol\n123456782,verdachte\n")
        let r = try CLI.run(["pseudonymize", "--key", "key", "--column", "bsn", "in.csv", "key"], in: dir.path)
        XCTAssertEqual(r.status, 1, r.stdout)
        XCTAssertFalse(r.signaled)
        XCTAssertEqual(r.errorLines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("key") && r.stderr.contains("refusing"), "one line saying the key is not overwritten: \(r.stderr)")
        XCTAssertEqual(try String(contentsOfFile: dir.file("key"), encoding: .utf8), key)
        // And an ordinary run reports what it dropped and rejected.
        dir.write("in2.csv", "BSN;Naam cliënt;Telefoonnummer;opmerking;rol\n123456782;Jan;0612345678;bel 0612345678;verdachte\n ;Piet;;;getuige\n")
        let refused = try CLI.run(["pseudonymize", "--key", "key", "--column", "bsn", "in2.csv", "out.csv"], in: dir.path)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.errorLines.count, 1)
        XCTAssertTrue(refused.stderr.contains("column opmerking holds a phone number (line 2)"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("0612345678"), "no identifier on the terminal")
        let ok = try CLI.run(["pseudonymize", "--key", "key", "--column", "bsn", "--drop", "opmerking", "in2.csv", "out.csv"], in: dir.path)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("Rejected 1 row with an empty or blank bsn (listed in out.rejects.csv)"), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("Naam cliënt (its name says it holds identifiers (naam))"), ok.stdout)
        XCTAssertEqual(try String(contentsOfFile: dir.file("out.csv"), encoding: .utf8).split(separator: "\n").first, "persoon_id,rol")
    }

    func testADuplicateRegistryNameIsRefusedWithItsLines() throws {
        let dir = Scratch("registry")
        dir.write("vhh.csv", "veiligheidshuis,regio,opgericht,gemeenten\nUtrecht,Midden-Nederland,2007,26\nTwente,Oost-Nederland,2008,14\nUtrecht,Midden-Nederland,2007,26\n")
        let r = try CLI.run(["import", "veiligheidshuizen", "vhh.csv", "--db", "store.sqlite"], in: dir.path)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.errorLines, ["rendement import: vhh.csv: Veiligheidshuis \"Utrecht\" is on lines 2 and 4; a registry lists each Veiligheidshuis once (names are compared ignoring case, spaces, _ and -); nothing imported"])
        let wrong = try CLI.run(["import", "clienten", "vhh.csv", "--db", "store.sqlite", "--rename", "x.json"], in: dir.path)
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.stderr.contains("--rename applies to import veiligheidshuizen FILE --replace"), wrong.stderr)
    }

    func testNamesFromFilesReachTheTerminalWithoutControlCharacters() throws {
        let dir = Scratch("terminal")
        let name = "vhh\u{1B}[2J\u{1B}[31m.csv"
        dir.write(name, "veiligheidshuis,regio,opgericht,gemeenten,Extra\u{1B}]0;title\u{7}\nUtrecht,Midden-Nederland,2007,26,x\n")
        let r = try CLI.run(["import", "veiligheidshuizen", name, "--db", "store.sqlite"], in: dir.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("\u{1B}") || r.stdout.contains("\u{7}"), r.stdout.debugDescription)
        XCTAssertTrue(r.stdout.contains("vhh\\u{1B}[2J\\u{1B}[31m.csv: imported"), r.stdout)
        XCTAssertTrue(r.stdout.contains("ignored columns Extra\\u{1B}]0;title\\u{7}"), r.stdout)
    }
}
