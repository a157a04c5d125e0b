import Foundation
import RendementCore
@testable import RendementImport
import RendementStore
import XCTest

final class ImportBehaviourTests: XCTestCase {
    let registry = "veiligheidshuis,regio,opgericht,gemeenten\nHaaglanden,Den Haag,2006,9\nFryslân,Noord-Nederland,2008,24\n"
    let bvhHeader = "registratienummer,persoon_id,rol,pleegdatum,registratiedatum,incidentcode,incidentomschrijving,gemeente,geboortedatum,geslacht\n"

    private func bvhRows(_ n: Int) -> String {
        (0..<n).map { "R\($0),P\($0 % 7),verdachte,2012-03-0\($0 % 9 + 1),,E33,tekst,Leiden,1990-01-01,man" }.joined(separator: "\n") + "\n"
    }

    private func assertUnchanged(_ store: Store, _ before: [String: [String]], file: StaticString = #filePath, line: UInt = #line) throws {
        let after = try storeContent(store)
        XCTAssertEqual(after, before, "store changed", file: file, line: line)
        XCTAssertEqual(try store.imports().count, Int(before["imports"]!.count), file: file, line: line)
    }

    func testEveryRejectionReasonWithLineAndColumn() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let imp = importer(store) { $0.maxRejectRate = 1 }
        _ = try imp.importFile(dir.write("vhh.csv", registry), kind: .veiligheidshuizen)
        let bvh = bvhHeader + """
            R1,P1,verdachte,2012-03-01,,E33,x,Leiden,1990-01-01,man
            R2,P2,verdachte,2012-03-01,,E33,x,Leiden,1990-01-01
            R3,,verdachte,2012-03-01,,E33,x,Leiden,,
            R4,P 4,verdachte,2012-03-01,,E33,x,Leiden,,
            R5,P5,dader,2012-03-01,,E33,x,Leiden,,
            R6,P6,verdachte,31-02-2012,,E33,x,Leiden,,
            R7,P7,verdachte,2031-01-01,,E33,x,Leiden,,
            R8,P8,verdachte,2012-03-01,,E33,"twee
            regels",Leiden,1990-01-01,Z
            R9,P9,verdachte,2012-03-01,2012-13-01,E33,x,Leiden,,
            R10,P10,verdachte,2012-03-01,,,x,Leiden,,

            """
        let s = try imp.importFile(dir.write("bvh.csv", bvh), kind: .bvh)
        XCTAssertEqual(s.rowsRead, 10)
        XCTAssertEqual(s.rowsImported, 1)
        let rejects = try rejectsOf(s.rejectsFile!).map { "\($0[0])|\($0[1])|\($0[2])" }
        XCTAssertEqual(rejects, ["3||wrong_field_count", "4|persoon_id|missing_required", "5|persoon_id|bad_persoon_id",
                                 "6|rol|bad_value", "7|pleegdatum|bad_date", "8|pleegdatum|implausible_date",
                                 "9|geslacht|bad_value", "11|registratiedatum|bad_date", "12|incidentcode|missing_required"])
        XCTAssertEqual(s.firstRejects.count, 5)
        XCTAssertEqual(s.firstRejects[3].got, "dader")
        // The original fields follow line,column,reason,message.
        let first = try rejectsOf(s.rejectsFile!)[0]
        XCTAssertEqual(Array(first.dropFirst(4)), ["R2", "P2", "verdachte", "2012-03-01", "", "E33", "x", "Leiden", "1990-01-01"])

        let hks = "pv_nummer,persoon_id,pleegdatum,feitcode,registratienummer,delictcategorie,ernst,geboortedatum,geslacht\n"
            + "PV1,P1,2012-01-01,Sr 310,,vermogen,zeer ernstig,1990,M\nPV2,P1,2012-01-01,,,fraude,,,\nPV3,P1,2012-01-01,,,geweld,heel erg,,\n"
        let h = try imp.importFile(dir.write("hks.csv", hks), kind: .hks)
        XCTAssertEqual(try rejectsOf(h.rejectsFile!).map { "\($0[0])|\($0[1])|\($0[2])" }, ["3|delictcategorie|bad_value", "4|ernst|bad_value"])

        let clients = "persoon_id,veiligheidshuis,doelgroep,casusoverleg,aanmelddatum,instroomdatum,plan_van_aanpak,uitstroomdatum,geboortedatum,geslacht\n"
            + "P1,haaglanden,Huiselijk geweld,,,2012-01-01,ja,,,\n"
            + "P2,Atlantis,jeugd,,,2012-01-01,ja,,,\n"
            + "P3,Haaglanden,jeugd,,,2012-01-01,misschien,,,\n"
            + "P4,Haaglanden,jeugd,,,2012-01-01,nee,2011-12-31,,\n"
            + "P5,FRYSLÂN,jeugd,,,2012-01-01,15-01-2012,2012-02-01,,\n"
        let c = try imp.importFile(dir.write("clienten.csv", clients), kind: .clienten)
        XCTAssertEqual(c.rowsImported, 2)
        XCTAssertEqual(try rejectsOf(c.rejectsFile!).map { "\($0[0])|\($0[1])|\($0[2])" },
                       ["3|veiligheidshuis|unknown_veiligheidshuis", "4|plan_van_aanpak|bad_value", "5|uitstroomdatum|inconsistent_dates"])
        let regs = try store.registrations()
        XCTAssertEqual(regs.map(\.veiligheidshuis).sorted(), ["Fryslân", "Haaglanden"])
        XCTAssertEqual(regs.first { $0.veiligheidshuis == "Haaglanden" }?.doelgroep, "huiselijk_geweld")
        let planDay = try store.database.scalar("SELECT plan_day FROM registrations WHERE veiligheidshuis = 'Fryslân'")
        XCTAssertEqual(planDay, Int64(Day(year: 2012, month: 1, day: 15)!.number))

        let registry2 = "veiligheidshuis,regio,opgericht,gemeenten\nX,Y,19x0,3\nZ,Y,2001,0\n"
        let r = try imp.importFile(dir.write("vhh2.csv", registry2), kind: .veiligheidshuizen)
        XCTAssertEqual(try rejectsOf(r.rejectsFile!).map { "\($0[0])|\($0[1])|\($0[2])" }, ["2|opgericht|bad_number", "3|gemeenten|bad_number"])

        var bad = Array("persoon_id,geslacht\n".utf8)
        bad += Array("P1,M\n".utf8) + [UInt8(ascii: "P"), UInt8(ascii: "2"), UInt8(ascii: ","), 0xC3, 0x28, 10]
        let p = try imp.importFile(dir.write("personen.csv", bytes: bad), kind: .personen)
        XCTAssertEqual(p.encoding, .cp1252) // not valid UTF-8 -> Windows-1252; 0xC3 0x28 is "Ã("
        XCTAssertEqual(try rejectsOf(p.rejectsFile!).map { "\($0[0])|\($0[1])|\($0[2])" }, ["3|geslacht|bad_value"])
        var bad8 = Array("persoon_id,geslacht\n".utf8) + Array("P1,M\n".utf8) + [UInt8(ascii: "P"), UInt8(ascii: "2"), UInt8(ascii: ","), 0xC3, 0x28, 10]
        bad8 += Array("P3,vrouw\n".utf8)
        let p8 = try importer(store) { $0.maxRejectRate = 1; $0.encoding = .utf8 }.importFile(dir.write("personen8.csv", bytes: bad8), kind: .personen)
        XCTAssertEqual(try rejectsOf(p8.rejectsFile!).map { "\($0[0])|\($0[1])|\($0[2])" }, ["3||bad_encoding"])
    }

    func testMaxRejectRateRollsBack() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        _ = try importer(store).importFile(dir.write("a.csv", bvhHeader + bvhRows(20)), kind: .bvh)
        let before = try storeContent(store)
        let text = bvhHeader + bvhRows(18) + "X1,P1,dader,2012-01-01,,E33,,,,\n"
        XCTAssertThrowsError(try importer(store).importFile(dir.write("b.csv", text), kind: .bvh)) { error in
            guard case ImportError.tooManyRejects = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("b.csv"))
        }
        try assertUnchanged(store, before)
        // With a higher limit it goes in.
        XCTAssertEqual(try importer(store) { $0.maxRejectRate = 0.1 }.importFile(dir.file("b.csv"), kind: .bvh).rowsImported, 18)
    }

    func testMappingFile() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let text = "Pseudoniem;Geb. datum;Sekse;Extra\nA1;1990;V;x\n"
        let mapping = dir.write("mapping.json", #"{"persoon_id": "Pseudoniem", "geboortedatum": "geb. DATUM", "geslacht": "SEKSE"}"#)
        let s = try importer(store) { $0.mappingPath = mapping }.importFile(dir.write("p.csv", text), kind: .personen)
        XCTAssertEqual(s.rowsImported, 1)
        XCTAssertEqual(s.extraColumns, ["Extra"])
        XCTAssertEqual(try store.personAttributes().values.first?.sex, .vrouw)
        XCTAssertEqual(try store.personAttributes().values.first?.birthPrecision, 2)
        let badMapping = dir.write("bad.json", #"{"naam_onbekend": "x"}"#)
        XCTAssertThrowsError(try importer(store) { $0.mappingPath = badMapping }.importFile(dir.file("p.csv"), kind: .personen))
    }

    func testUnusableHeadersLeaveTheStoreUnchanged() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        _ = try importer(store).importFile(dir.write("a.csv", bvhHeader + bvhRows(5)), kind: .bvh)
        let before = try storeContent(store)
        let cases: [(String, String)] = [
            ("registratienummer,rol,pleegdatum,incidentcode\nR1,verdachte,2012-01-01,E33\n", "persoon_id"),
            ("registratienummer,persoon_id,Persoon ID,rol,pleegdatum,incidentcode\nR1,P1,P1,verdachte,2012-01-01,E33\n", "Persoon ID"),
            ("registratienummer,persoon_id,rol,pleegdatum,incidentcode,BSN\nR1,P1,verdachte,2012-01-01,E33,123\n", "BSN"),
            ("registratienummer,persoon_id,rol,pleegdatum,incidentcode,Voor-naam\nR1,P1,verdachte,2012-01-01,E33,Jan\n", "pseudonymize"),
        ]
        for (i, (text, expected)) in cases.enumerated() {
            XCTAssertThrowsError(try importer(store).importFile(dir.write("bad\(i).csv", text), kind: .bvh)) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains(expected), message)
                XCTAssertTrue(message.contains("bad\(i).csv:1:"), message)
                XCTAssertFalse(message.contains("\n"))
            }
        }
        try assertUnchanged(store, before)
    }

    func testClientsNeedTheRegistry() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let text = "persoon_id,veiligheidshuis,doelgroep,instroomdatum,plan_van_aanpak\nP1,Haaglanden,jeugd,2012-01-01,ja\n"
        XCTAssertThrowsError(try importer(store).importFile(dir.write("c.csv", text), kind: .clienten)) {
            XCTAssertTrue("\($0)".contains("import veiligheidshuizen first"))
        }
    }

    /// The content hash is checked again inside the import's transaction
    /// (the case of another process importing the same file meanwhile):
    /// simulated by a live import with the same hash recorded under another size.
    func testContentImportedMeanwhileIsRolledBack() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let path = dir.write("a.csv", bvhHeader + bvhRows(10))
        let first = try importer(store).importFile(path, kind: .bvh)
        XCTAssertEqual(try store.database.scalar("SELECT file_size FROM imports WHERE import_id = ?", [first.importID]),
                       Int64(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int))
        try store.database.execute("UPDATE imports SET file_size = 1")
        let before = try storeContent(store)
        let second = try importer(store).importFile(path, kind: .bvh)
        XCTAssertTrue(second.alreadyImported)
        XCTAssertEqual(second.importID, first.importID)
        try assertUnchanged(store, before)
        XCTAssertEqual(try store.database.scalar("SELECT count(*) FROM imports"), 1)
    }

    func testReimportIsANoOp() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let path = dir.write("a.csv", bvhHeader + bvhRows(10))
        let first = try importer(store).importFile(path, kind: .bvh)
        XCTAssertFalse(first.alreadyImported)
        let before = try storeContent(store)
        let second = try importer(store).importFile(path, kind: .bvh)
        XCTAssertTrue(second.alreadyImported)
        XCTAssertEqual(second.importID, first.importID)
        XCTAssertTrue(second.description.contains("already imported on"))
        XCTAssertTrue(second.description.contains("as import #\(first.importID)"))
        try assertUnchanged(store, before)
    }

    func testReplace() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let a = dir.write("bvh.csv", bvhHeader + bvhRows(10))
        let first = try importer(store).importFile(a, kind: .bvh)
        XCTAssertEqual(try store.liveEventCount(.bvh), 10)
        let b = dir.file("new/bvh.csv")
        try FileManager.default.createDirectory(atPath: dir.file("new"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: b, contents: Data((bvhHeader + bvhRows(4)).utf8))
        let second = try importer(store) { $0.replace = true }.importFile(b, kind: .bvh)
        XCTAssertEqual(second.replacedImportID, first.importID)
        XCTAssertEqual(try store.liveEventCount(.bvh), 4)
        XCTAssertEqual(try store.database.scalar("SELECT sum(n_events) FROM bvh_histories"), 4)
        XCTAssertNotNil(try store.imports().first { $0.id == first.importID }?.replacedAt)
        XCTAssertEqual(try store.database.scalar("SELECT count(*) FROM person_observations WHERE import_id = ?", [first.importID]), 0)
        // Without --replace the same label adds another import.
        _ = try importer(store).importFile(a, kind: .bvh)
        XCTAssertEqual(try store.liveEventCount(.bvh), 14)
        XCTAssertEqual(try store.database.prepare("PRAGMA integrity_check").rows([]) { $0.text(0) }, ["ok"])
    }

    func testFailureHalfwayLeavesTheStoreUnchanged() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        _ = try importer(store).importFile(dir.write("a.csv", bvhHeader + bvhRows(5)), kind: .bvh)
        let before = try storeContent(store)
        let path = dir.write("b.csv", bvhHeader + (0..<100).map { "Q\($0),N\($0),verdachte,2013-01-01,,E33,,,1980-05-05,V" }.joined(separator: "\n") + "\n")
        XCTAssertThrowsError(try importer(store) { $0.failAfterRows = 50 }.importFile(path, kind: .bvh)) { error in
            guard case ImportError.aborted = error else { return XCTFail("\(error)") }
        }
        try assertUnchanged(store, before)
        XCTAssertEqual(try store.database.prepare("PRAGMA integrity_check").rows([]) { $0.text(0) }, ["ok"])
        // The same importer (person cache) still works afterwards.
        let imp = importer(store)
        XCTAssertEqual(try imp.importFile(path, kind: .bvh).newPersons, 100)
    }

    func testStoreFileMode() throws {
        let dir = TempDir()
        _ = try makeStore(dir)
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.file("store.sqlite"))
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testPeriodAndPersonResolution() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let bvh = bvhHeader + """
            R1,P1,verdachte,2012-03-01,,E33,,,1990-05-05,man
            R2,P1,verdachte,2012-04-01,,E33,,,1990-05-05,onbekend
            R3,P1,verdachte,2012-05-01,,E33,,,1990-05-06,
            R4,P2,verdachte,2011-05-01,,E33,,,1985-02-02,V
            R5,P2,verdachte,2011-05-01,,E33,,,,M

            """
        let s = try importer(store).importFile(dir.write("bvh.csv", bvh), kind: .bvh)
        XCTAssertEqual(s.periodFrom, Day(year: 2011, month: 5, day: 1))
        XCTAssertEqual(s.periodTo, Day(year: 2012, month: 5, day: 1))
        XCTAssertEqual(s.birthConflicts, 1)
        XCTAssertEqual(s.sexConflicts, 1)
        XCTAssertEqual(s.personsWithConflicts, 2)
        var attrs = try store.personAttributes()
        let keys = try store.database.prepare("SELECT persoon_id, person_key FROM persons").rows { ($0.text(0)!, $0.int(1)) }
        let key = Dictionary(uniqueKeysWithValues: keys)
        XCTAssertEqual(attrs[key["P1"]!]?.birth, Day(year: 1990, month: 5, day: 5))
        XCTAssertEqual(attrs[key["P1"]!]?.sex, .man)
        // personen outranks bvh; a month-precision date yields to a consistent full date.
        let personen = "persoon_id,geboortedatum,geslacht\nP1,1990-05,vrouw\nP2,1985,\n"
        let p = try importer(store) { $0.periodFrom = Day(year: 2000, month: 1, day: 1) }.importFile(dir.write("personen.csv", personen), kind: .personen)
        XCTAssertNil(p.periodFrom)
        attrs = try store.personAttributes()
        XCTAssertEqual(attrs[key["P1"]!]?.birth, Day(year: 1990, month: 5, day: 5))
        XCTAssertEqual(attrs[key["P1"]!]?.birthPrecision, 0)
        XCTAssertEqual(attrs[key["P1"]!]?.sex, .vrouw)
        XCTAssertEqual(attrs[key["P2"]!]?.birth, Day(year: 1985, month: 2, day: 2))
        // Period override.
        let q = try importer(store) { $0.periodFrom = Day(year: 2009, month: 1, day: 1); $0.periodTo = Day(year: 2014, month: 12, day: 31) }
            .importFile(dir.write("bvh2.csv", bvhHeader + bvhRows(3)), kind: .bvh)
        XCTAssertEqual(try store.imports().first { $0.id == q.importID }?.periodFrom, Day(year: 2009, month: 1, day: 1))
    }

    func testDuplicatesAreImportedOnce() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let text = bvhHeader + "R1,P1,verdachte,2012-03-01,,E33,a,,,\nR1,P1,Verdachte,01-03-2012,,E33,b,,,\nR1,P1,verdachte,2012-03-02,,E33,a,,,\n"
        let s = try importer(store).importFile(dir.write("d.csv", text), kind: .bvh)
        XCTAssertEqual(s.duplicates, 1)
        XCTAssertEqual(s.rowsImported, 2)
    }

    func testSchemaFilesEqualTheEmbeddedCopies() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for kind in InputKind.allCases {
            let file = try Data(contentsOf: root.appendingPathComponent("data-schema/\(kind.rawValue).schema.json"))
            XCTAssertEqual(file, Data((EmbeddedSchemas.text[kind.rawValue]! + "\n").utf8), "\(kind.rawValue): run scripts/embed-schemas.sh")
            XCTAssertEqual(InputSchema.of(kind).kind, kind.rawValue)
        }
        let sql = try String(contentsOf: root.appendingPathComponent("data-schema/store.sql"), encoding: .utf8)
        XCTAssertEqual(sql, StoreSchema.ddl, "run scripts/write-store-sql.sh")
    }

    func testCp1252FileEndToEnd() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let bytes = Windows1252.encode("veiligheidshuis;regio;opgericht;gemeenten\r\nFryslân;Noord;2008;24\r\n\"Café ’t Hoekje, €\";Zuid;2010;\r\n")
        let s = try importer(store).importFile(dir.write("vhh.csv", bytes: bytes), kind: .veiligheidshuizen)
        XCTAssertEqual(s.encoding, .cp1252)
        XCTAssertEqual(try store.veiligheidshuizen().map(\.name), ["Café ’t Hoekje, €", "Fryslân"])
    }
}
