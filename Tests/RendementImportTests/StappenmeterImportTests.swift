import Foundation
import RendementCore
@testable import RendementImport
import RendementStore
import XCTest

/// The Stappenmeter import: the instrument's steps are the score columns,
/// rejects name line, column and reason, a messy spelling of a file stores
/// what the clean one does, re-import is a no-op, and another instrument
/// definition is read with its own steps.
final class StappenmeterImportTests: XCTestCase {
    let registry = "veiligheidshuis,regio,opgericht,gemeenten\nHaaglanden,Den Haag,2006,9\nFryslân,Noord-Nederland,2008,24\n"
    let header = "veiligheidshuis,casusoverleg,invuldatum,rol_invuller,signalering,informatiedeling,gezamenlijke_analyse,integraal_plan,uitvoering,monitoring,afschaling_nazorg\n"

    /// The forms and scores of a store, as text without ids, sorted.
    private func forms(_ store: Store) throws -> [String] {
        try store.stappenmeterForms().map { f in
            "\(f.veiligheidshuis)|\(f.casusoverleg)|\(f.invuldatum.iso)|\(f.rol)|" + f.scores.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }.sorted()
    }

    private func storeWithRegistry(_ dir: TempDir, _ name: String = "store.sqlite") throws -> Store {
        let store = try makeStore(dir, name)
        _ = try importer(store).importFile(dir.write("vhh-\(name).csv", registry), kind: .veiligheidshuizen)
        return store
    }

    func testCleanAndMessyFilesStoreTheSameForms() throws {
        let dir = TempDir()
        let clean = header + """
            Haaglanden,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2,
            Haaglanden,veelplegers,2013-05-02,procesregisseur,5,5,4,4,4,4,3
            Fryslân,huiselijk_geweld,2013-06-30,ketenpartner,2,,3,3,2,2,1

            """
        // Semicolons, other header spellings and column order, labels for scores, decimal commas,
        // "n.v.t." for not scored, other role and date spellings, spaces, and an exact duplicate.
        let messy = "Rol invuller;Veiligheidshuis;Casusoverleg;Invuldatum;Signalering;Informatiedeling;Gezamenlijke analyse;Integraal-plan;Uitvoering;Monitoring;Afschaling nazorg;Opmerking\n"
            + "VZ;HAAGLANDEN;Jeugd;12-04-2013;grotendeels;3,0;deels;4;3;2;n.v.t.;x\n"
            + "Regisseur; haaglanden ;veelplegers;02/05/2013;5;Volledig;4.0;4;4;4;3;\n"
            + "Partner;FRYSLÂN;Huiselijk geweld;20130630;2;nvt;3;3;nauwelijks;2;helemaal niet;\n"
            + "Partner;FRYSLÂN;Huiselijk geweld;20130630;2;nvt;3;3;nauwelijks;2;helemaal niet;\n"
        let a = try storeWithRegistry(dir, "a.sqlite"), b = try storeWithRegistry(dir, "b.sqlite")
        let sa = try importer(a).importFile(dir.write("clean.csv", clean), kind: .stappenmeter)
        let sb = try importer(b).importFile(dir.write("messy.csv", messy), kind: .stappenmeter)
        XCTAssertEqual(sa.rowsImported, 3)
        XCTAssertEqual(sb.rowsImported, 3)
        XCTAssertEqual(sb.duplicates, 1)
        XCTAssertEqual(sb.extraColumns, ["Opmerking"])
        XCTAssertEqual(sa.instrument, "stappenmeter v1, 7 steps, scale 1-5 (default)")
        XCTAssertTrue(sa.description.contains("instrument     stappenmeter v1"), sa.description)
        XCTAssertEqual(try forms(a), try forms(b))
        XCTAssertEqual(try forms(a).first, "Fryslân|huiselijk_geweld|2013-06-30|ketenpartner|afschaling_nazorg=1,gezamenlijke_analyse=3,integraal_plan=3,monitoring=2,signalering=2,uitvoering=2")
        XCTAssertEqual(try a.stappenmeterInstruments().values.map(\.name), ["stappenmeter v1"])
    }

    func testRejectsNameLineColumnAndReason() throws {
        let dir = TempDir()
        let store = try storeWithRegistry(dir)
        let text = header + """
            Haaglanden,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2,1
            Atlantis,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2,1
            Haaglanden,,2013-04-12,voorzitter,4,3,3,4,3,2,1
            Haaglanden,jeugd,31-02-2013,voorzitter,4,3,3,4,3,2,1
            Haaglanden,jeugd,2013-04-12,wethouder,4,3,3,4,3,2,1
            Haaglanden,jeugd,2013-04-12,voorzitter,4,6,3,4,3,2,1
            Haaglanden,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2,3.5
            Haaglanden,jeugd,2013-04-12,voorzitter,,,nvt,,,,
            Haaglanden,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2
            Haaglanden,jeugd,2030-01-01,voorzitter,4,3,3,4,3,2,1

            """
        let s = try importer(store) { $0.maxRejectRate = 1 }.importFile(dir.write("sm.csv", text), kind: .stappenmeter)
        XCTAssertEqual(s.rowsRead, 10)
        XCTAssertEqual(s.rowsImported, 1)
        let rejects = try rejectsOf(s.rejectsFile!).map { "\($0[0])|\($0[1])|\($0[2])" }
        XCTAssertEqual(rejects, ["3|veiligheidshuis|unknown_veiligheidshuis", "4|casusoverleg|missing_required", "5|invuldatum|bad_date",
                                 "6|rol_invuller|bad_value", "7|informatiedeling|bad_value", "8|afschaling_nazorg|bad_value",
                                 "9|signalering|missing_required", "10||wrong_field_count", "11|invuldatum|implausible_date"])
        XCTAssertEqual(s.firstRejects[4].got, "6")
        XCTAssertEqual(try store.stappenmeterForms().count, 1)
    }

    func testTooManyRejectsAndAMissingStepColumnImportNothing() throws {
        let dir = TempDir()
        let store = try storeWithRegistry(dir)
        let bad = header + "Haaglanden,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2,1\nAtlantis,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2,1\n"
        XCTAssertThrowsError(try importer(store).importFile(dir.write("bad.csv", bad), kind: .stappenmeter))
        let noStep = "veiligheidshuis,casusoverleg,invuldatum,rol_invuller,signalering\nHaaglanden,jeugd,2013-04-12,voorzitter,4\n"
        XCTAssertThrowsError(try importer(store).importFile(dir.write("nostep.csv", noStep), kind: .stappenmeter)) { error in
            XCTAssertTrue("\(error)".contains("informatiedeling"), "\(error)")
        }
        XCTAssertEqual(try store.stappenmeterForms().count, 0)
        XCTAssertEqual(try store.imports().filter { $0.kind == .stappenmeter }.count, 0)
        XCTAssertEqual(try store.stappenmeterInstruments().count, 0)
    }

    func testReimportIsANoOpAndReplaceSwapsTheForms() throws {
        let dir = TempDir()
        let store = try storeWithRegistry(dir)
        let path = dir.write("sm.csv", header + "Haaglanden,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2,1\n")
        let first = try importer(store).importFile(path, kind: .stappenmeter)
        let before = try forms(store)
        let again = try importer(store).importFile(path, kind: .stappenmeter)
        XCTAssertTrue(again.alreadyImported)
        XCTAssertEqual(again.importID, first.importID)
        XCTAssertEqual(try forms(store), before)
        let newer = dir.write("sm2.csv", header + "Fryslân,jeugd,2013-07-01,voorzitter,1,1,1,1,1,1,1\n")
        let replaced = try importer(store) { $0.replace = true; $0.label = "sm" }.importFile(newer, kind: .stappenmeter)
        XCTAssertEqual(replaced.replacedImportID, first.importID)
        XCTAssertEqual(try forms(store), ["Fryslân|jeugd|2013-07-01|voorzitter|afschaling_nazorg=1,gezamenlijke_analyse=1,informatiedeling=1,integraal_plan=1,monitoring=1,signalering=1,uitvoering=1"])
        XCTAssertEqual(try store.database.scalar("SELECT count(*) FROM stappenmeter_scores"), 7)
        XCTAssertEqual(try store.database.scalar("SELECT count(*) FROM stappenmeter_instruments"), 1)
    }

    func testAnotherInstrumentIsReadWithItsOwnSteps() throws {
        let dir = TempDir()
        let store = try storeWithRegistry(dir)
        let instrument = """
            {"instrument": "stappenmeter-haaglanden", "version": 2,
             "title": {"nl": "Eigen stappenmeter", "en": "Own step meter"}, "source": "Haaglanden",
             "scale": {"min": 0, "max": 10, "labels": [], "missing": ["nvt"]},
             "steps": [{"id": "aanmelding", "nl": "Aanmelding", "en": "Referral"},
                       {"id": "plan", "nl": "Plan", "en": "Plan"},
                       {"id": "resultaat", "nl": "Resultaat", "en": "Result"}]}
            """
        let def = dir.write("instrument.json", instrument)
        let text = "veiligheidshuis,casusoverleg,invuldatum,rol_invuller,aanmelding,plan,resultaat\n"
            + "Haaglanden,jeugd,2013-04-12,voorzitter,0,10,nvt\nHaaglanden,jeugd,2013-04-13,voorzitter,7,11,5\n"
        let s = try importer(store) { $0.instrumentPath = def; $0.maxRejectRate = 1 }.importFile(dir.write("own.csv", text), kind: .stappenmeter)
        XCTAssertEqual(s.rowsImported, 1)
        XCTAssertEqual(s.instrument, "stappenmeter-haaglanden v2, 3 steps, scale 0-10 (instrument.json)")
        XCTAssertEqual(try rejectsOf(s.rejectsFile!).map { "\($0[1])|\($0[2])" }, ["plan|bad_value"])
        XCTAssertEqual(try forms(store), ["Haaglanden|jeugd|2013-04-12|voorzitter|aanmelding=0,plan=10"])
        XCTAssertEqual(try store.stappenmeterInstruments().values.map(\.stepIDs), [["aanmelding", "plan", "resultaat"]])
        // The default instrument's file does not fit this instrument: its steps are missing.
        XCTAssertThrowsError(try importer(store).importFile(dir.write("own2.csv", text + "Haaglanden,jeugd,2013-04-14,voorzitter,1,2,3\n"), kind: .stappenmeter))
    }

    func testUnusableInstrumentsAreRefusedWithAReason() throws {
        let dir = TempDir()
        let store = try storeWithRegistry(dir)
        let file = dir.write("sm.csv", header + "Haaglanden,jeugd,2013-04-12,voorzitter,4,3,3,4,3,2,1\n")
        let cases: [(String, String)] = [
            ("{", "not valid JSON"),
            (#"{"instrument": "x", "version": 1, "title": {"nl": "a", "en": "b"}, "source": "", "scale": {"min": 5, "max": 1, "labels": [], "missing": []}, "steps": [{"id": "a", "nl": "a", "en": "a"}]}"#, "min below max"),
            (#"{"instrument": "x", "version": 1, "title": {"nl": "a", "en": "b"}, "source": "", "scale": {"min": 1, "max": 5, "labels": [], "missing": []}, "steps": [{"id": "a", "nl": "a", "en": "a"}, {"id": "a", "nl": "b", "en": "b"}]}"#, "twice"),
            (#"{"instrument": "x", "version": 1, "title": {"nl": "a", "en": "b"}, "source": "", "scale": {"min": 1, "max": 5, "labels": [], "missing": []}, "steps": [{"id": "invuldatum", "nl": "a", "en": "a"}]}"#, "column of every"),
            (#"{"instrument": "x", "version": 1, "title": {"nl": "a", "en": "b"}, "source": "", "scale": {"min": 1, "max": 5, "labels": [{"score": 9, "nl": "x", "en": "x"}], "missing": []}, "steps": [{"id": "a", "nl": "a", "en": "a"}]}"#, "outside the scale"),
        ]
        for (i, (json, words)) in cases.enumerated() {
            let def = dir.write("def\(i).json", json)
            XCTAssertThrowsError(try importer(store) { $0.instrumentPath = def }.importFile(file, kind: .stappenmeter)) { error in
                XCTAssertTrue("\(error)".contains(words), "\(error)")
                XCTAssertTrue("\(error)".contains("instrument"), "\(error)")
            }
        }
        XCTAssertThrowsError(try importer(store) { $0.instrumentPath = dir.file("def0.json") }.importFile(dir.write("vhh2.csv", registry), kind: .veiligheidshuizen))
        XCTAssertEqual(try store.stappenmeterForms().count, 0)
    }

    func testTheOptionalPartnersColumnOfClienten() throws {
        let dir = TempDir()
        let store = try storeWithRegistry(dir)
        let clients = "persoon_id,veiligheidshuis,doelgroep,instroomdatum,plan_van_aanpak,aantal_partners,geboortedatum,geslacht\n"
            + "P1,Haaglanden,jeugd,2012-01-01,2012-02-01,4,1995,man\nP2,Haaglanden,jeugd,2012-01-01,ja,,1995,man\nP3,Haaglanden,jeugd,2012-01-01,ja,0,1995,man\n"
        let s = try importer(store) { $0.maxRejectRate = 1 }.importFile(dir.write("c.csv", clients), kind: .clienten)
        XCTAssertEqual(try rejectsOf(s.rejectsFile!).map { "\($0[0])|\($0[1])|\($0[2])" }, ["4|aantal_partners|bad_number"])
        let r = try store.registrations().sorted { $0.partners ?? 0 < $1.partners ?? 0 }
        XCTAssertEqual(r.map(\.partners), [nil, 4])
        XCTAssertEqual(r.map(\.planDay), [nil, Day(year: 2012, month: 2, day: 1)])
    }

    func testTheDefaultInstrumentIsThePublishedFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try Data(contentsOf: root.appendingPathComponent("data-schema/stappenmeter-instrument.v1.json"))
        XCTAssertEqual(file, Data((EmbeddedSchemas.stappenmeterInstrument + "\n").utf8), "run scripts/embed-schemas.sh")
        let i = try StappenmeterInstrument.parse(file)
        XCTAssertEqual(i.stepIDs, ["signalering", "informatiedeling", "gezamenlijke_analyse", "integraal_plan", "uitvoering", "monitoring", "afschaling_nazorg"])
        XCTAssertEqual(i.answer("Grotendeels"), .score(4))
        XCTAssertEqual(i.answer("N.V.T."), .notScored)
        XCTAssertEqual(i.answer("4,5"), .invalid)
        XCTAssertEqual(i.answer("0"), .invalid)
    }
}
