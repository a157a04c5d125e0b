import Foundation
import XCTest
import RendementCore
import RendementStore
@testable import RendementImport

/// Issue 14, registry rules: duplicate names refused with their lines; a
/// replaced registry that leaves out a Veiligheidshuis with clients refused
/// with the names, unless a rename file says where they went -- then the
/// registrations follow, the change is recorded, and later clienten files
/// may still use the old name. No stage crashes on a registry problem.
final class RegistryRulesTests: XCTestCase {
    let header = "veiligheidshuis,regio,opgericht,gemeenten\n"
    let registry = "veiligheidshuis,regio,opgericht,gemeenten\nUtrecht,Midden-Nederland,2007,26\nTwente,Oost-Nederland,2008,14\nZeeland,Zeeland-West-Brabant,2009,13\n"
    let clientHeader = "persoon_id,veiligheidshuis,doelgroep,casusoverleg,aanmelddatum,instroomdatum,plan_van_aanpak,uitstroomdatum,geboortedatum,geslacht\n"

    private func clients(_ rows: [(String, String)]) -> String {
        clientHeader + rows.map { "\($0.0),\($0.1),jeugd,,,2012-01-01,ja,,1990-01-01,man\n" }.joined()
    }

    /// A store with the registry (label "vhh") and clients: 3 in Utrecht, 2 in Twente, none in Zeeland.
    private func storeWithClients(_ dir: TempDir) throws -> Store {
        let store = try makeStore(dir)
        _ = try importer(store).importFile(dir.write("vhh.csv", registry), kind: .veiligheidshuizen)
        _ = try importer(store).importFile(dir.write("clienten.csv", clients([("P1", "Utrecht"), ("P2", "Utrecht"), ("P3", "utrecht"), ("P4", "Twente"), ("P5", "Twente")])),
                                           kind: .clienten)
        return store
    }

    private func assertRefused(_ body: @autoclosure () throws -> ImportSummary, _ expected: InputProblem,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard case let ImportError.unusableFile(_, problem) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(problem, expected, file: file, line: line)
            XCTAssertFalse("\(error)".contains("\n"), "one line", file: file, line: line)
        }
    }

    func testDuplicateNamesInAFileAreRefusedWithTheirLines() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let file = dir.write("vhh.csv", header + "Utrecht,Midden-Nederland,2007,26\nTwente,Oost-Nederland,2008,14\nutrecht,Midden-Nederland,2007,26\n"
                           + "Zeeland,Zeeland-West-Brabant,2009,13\nTwente,Oost-Nederland,2008,14\nUTRECHT ,X,2001,1\n")
        assertRefused(try importer(store).importFile(file, kind: .veiligheidshuizen), .duplicateRegistryNames(
            "Veiligheidshuis \"Utrecht\" is on lines 2, 4 (\"utrecht\") and 7 (\"UTRECHT\"); Veiligheidshuis \"Twente\" is on lines 3 and 6"))
        XCTAssertEqual(try store.imports().count, 0, "nothing imported")
        XCTAssertEqual(try store.registryEntries().count, 0)
        XCTAssertThrowsError(try importer(store).importFile(file, kind: .veiligheidshuizen)) {
            XCTAssertTrue("\($0)".contains("lines 2, 4 (\"utrecht\") and 7"), "\($0)")
        }
    }

    func testANameAlreadyInTheRegistryFromAnotherImportIsRefused() throws {
        let dir = TempDir()
        let store = try storeWithClients(dir)
        let file = dir.write("extra.csv", header + "Drenthe,Noord-Nederland,2010,12\nTWENTE,Oost-Nederland,2008,14\n")
        assertRefused(try importer(store).importFile(file, kind: .veiligheidshuizen), .registryNameTaken(
            "Veiligheidshuis \"TWENTE\" (line 3) is already in the registry as \"Twente\" from import #1 (vhh.csv)"))
        XCTAssertEqual(try store.registry().map(\.name), ["Twente", "Utrecht", "Zeeland"])
    }

    func testAReplacedRegistryThatDropsHousesWithClientsIsRefusedWithTheirNames() throws {
        let dir = TempDir()
        let store = try storeWithClients(dir)
        let before = try dump(store, "SELECT person_key, veiligheidshuis FROM registrations")
        // Utrecht renamed to "Utrecht Stad" and Twente left out: both have clients.
        let file = dir.write("vhh.csv", header + "Utrecht Stad,Midden-Nederland,2007,26\nZeeland,Zeeland-West-Brabant,2009,13\n")
        assertRefused(try importer(store) { $0.replace = true }.importFile(file, kind: .veiligheidshuizen),
                      .registryDropsClients("Twente (2 registrations), Utrecht (3 registrations)"))
        XCTAssertEqual(try store.registry().map(\.name), ["Twente", "Utrecht", "Zeeland"], "the old registry is still live")
        XCTAssertEqual(try dump(store, "SELECT person_key, veiligheidshuis FROM registrations"), before)
        // A house without clients may go.
        let smaller = dir.write("vhh.csv", header + "Utrecht,Midden-Nederland,2007,26\nTwente,Oost-Nederland,2008,14\n")
        let s = try importer(store) { $0.replace = true }.importFile(smaller, kind: .veiligheidshuizen)
        XCTAssertEqual(s.registryRenames, [])
        XCTAssertEqual(try store.registry().map(\.name), ["Twente", "Utrecht"])
    }

    func testARenameFileMovesTheRegistrationsAndIsRecorded() throws {
        let dir = TempDir()
        let store = try storeWithClients(dir)
        let file = dir.write("vhh.csv", header + "Utrecht Stad,Midden-Nederland,2007,26\nTwente en Achterhoek,Oost-Nederland,2008,14\n")
        let renames = dir.write("renames.json", #"{"Utrecht": "utrecht stad", "twente": "Twente en Achterhoek"}"#)
        let summary = try importer(store) { $0.replace = true; $0.renamePath = renames }.importFile(file, kind: .veiligheidshuizen)
        let expected = [RegistryRename(importID: summary.importID, oldName: "Twente", newName: "Twente en Achterhoek", registrations: 2),
                        RegistryRename(importID: summary.importID, oldName: "Utrecht", newName: "Utrecht Stad", registrations: 3)]
        XCTAssertEqual(summary.registryRenames, expected)
        XCTAssertEqual(try store.registryRenames(), expected, "recorded in the store")
        XCTAssertTrue(summary.description.contains("renamed \"Utrecht\" to \"Utrecht Stad\" (3 registrations)"))
        XCTAssertEqual(try dump(store, "SELECT veiligheidshuis, count(*) FROM registrations GROUP BY veiligheidshuis"),
                       ["Twente en Achterhoek|2", "Utrecht Stad|3"])
        // A later clienten file that still says "Utrecht" lands at Utrecht Stad.
        let later = try importer(store) { $0.maxRejectRate = 1 }.importFile(dir.write("clienten2.csv", clients([("P6", "Utrecht"), ("P7", "Atlantis")])), kind: .clienten)
        XCTAssertEqual(later.rowsImported, 1)
        XCTAssertEqual(later.rejectedByReason[.unknownVeiligheidshuis], 1)
        XCTAssertEqual(try dump(store, "SELECT veiligheidshuis, count(*) FROM registrations GROUP BY veiligheidshuis"),
                       ["Twente en Achterhoek|2", "Utrecht Stad|4"])
    }

    func testAnotherSpellingOfAKeptNameFollowsByItself() throws {
        let dir = TempDir()
        let store = try storeWithClients(dir)
        let file = dir.write("vhh.csv", header + "UTRECHT,Midden-Nederland,2007,26\nTwente,Oost-Nederland,2008,14\n")
        let summary = try importer(store) { $0.replace = true }.importFile(file, kind: .veiligheidshuizen)
        XCTAssertEqual(summary.registryRenames.map { "\($0.oldName)>\($0.newName):\($0.registrations)" }, ["Utrecht>UTRECHT:3"])
        XCTAssertEqual(try dump(store, "SELECT DISTINCT veiligheidshuis FROM registrations"), ["Twente", "UTRECHT"])
    }

    func testBadRenameFilesAreRefused() throws {
        let dir = TempDir()
        let store = try storeWithClients(dir)
        let file = dir.write("vhh.csv", header + "Utrecht Stad,Midden-Nederland,2007,26\nTwente,Oost-Nederland,2008,14\n")
        let cases: [(String, InputProblem)] = [
            (#"{"Utrecht": "Utrecht Centrum"}"#, .badRename("\"Utrecht\" is to become \"Utrecht Centrum\", which is not in the new registry")),
            (#"{"Utrecht": "Utrecht Stad", "Zeeland": "Utrecht Stad"}"#, .badRename("\"Zeeland\" has no registrations, so there is nothing to rename; leave it out")),
            (#"{"Utrecht": "Utrecht Stad", "UTRECHT": "Utrecht Stad"}"#, .badRename("\"UTRECHT\" and \"Utrecht\" are the same name")),
            (#"{"Utrecht": 3}"#, .badRename("the new name of \"Utrecht\" in \(dir.file("r.json")) is not a non-empty string")),
            (#"["Utrecht"]"#, .badRename("\(dir.file("r.json")) is not a JSON object {\"old name\": \"new name\"}")),
        ]
        for (json, problem) in cases {
            let renames = dir.write("r.json", json)
            assertRefused(try importer(store) { $0.replace = true; $0.renamePath = renames }.importFile(file, kind: .veiligheidshuizen), problem)
        }
        let renames = dir.write("r.json", #"{"Utrecht": "Utrecht Stad"}"#)
        assertRefused(try importer(store) { $0.renamePath = renames }.importFile(dir.write("new.csv", header + "Drenthe,N,2010,1\n"), kind: .veiligheidshuizen),
                      .badRename("--rename needs --replace of an earlier registry import with the same label"))
        assertRefused(try importer(store) { $0.renamePath = renames }.importFile(dir.write("c.csv", clients([("P9", "Twente")])), kind: .clienten),
                      .badRename("--rename applies to import veiligheidshuizen --replace"))
        XCTAssertEqual(try store.registryRenames(), [])
        XCTAssertEqual(try store.registry().map(\.name), ["Twente", "Utrecht", "Zeeland"])
    }

    /// A store that already holds a duplicate (filled before these rules, or by hand).
    func testAStoreWithADuplicateIsAOneLineReasonNotACrash() throws {
        let dir = TempDir()
        let store = try storeWithClients(dir)
        try store.database.execute("INSERT INTO veiligheidshuizen(import_id, name, name_key, regio, opgericht) VALUES (1, 'Utrecht', 'utrecht', 'X', 2000)")
        XCTAssertThrowsError(try store.registry()) { error in
            XCTAssertEqual(error as? RegistryProblem, .duplicateNames([.init(names: ["Utrecht", "Utrecht"], importIDs: [1, 1])]))
            XCTAssertEqual("\(error)", "the Veiligheidshuis registry lists a Veiligheidshuis more than once: \"Utrecht\" and \"Utrecht\" (import #1); import a corrected registry with rendement import veiligheidshuizen FILE --replace")
        }
        XCTAssertThrowsError(try importer(store).importFile(dir.write("c2.csv", clients([("P9", "Twente")])), kind: .clienten)) {
            XCTAssertTrue($0 is RegistryProblem, "\($0)")
        }
        // A corrected registry replaces it.
        let corrected = header + "Zeeland,Zeeland-West-Brabant,2009,13\nTwente,Oost-Nederland,2008,14\nUtrecht,Midden-Nederland,2007,26\n"
        _ = try importer(store) { $0.replace = true }.importFile(dir.write("vhh.csv", corrected), kind: .veiligheidshuizen)
        XCTAssertEqual(try store.registry().map(\.name), ["Twente", "Utrecht", "Zeeland"])
    }
}
