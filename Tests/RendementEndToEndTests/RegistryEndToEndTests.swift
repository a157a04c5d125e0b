import Foundation
import XCTest
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementImport
import RendementReports
import RendementStore

/// Issue 14, registry changes, through the whole pipeline: a registry with
/// a name twice stops analysis and report with a one-line reason (it
/// crashed them: "Fatal error: Duplicate values for key"); a Veiligheidshuis
/// renamed in a replaced registry keeps its clients in every stage.
final class RegistryEndToEndTests: XCTestCase {
    func testADuplicateInTheStoredRegistryIsAReasonNotACrash() throws {
        let fixture = try PipelineFixture(seed: 9, persons: 3000)
        defer { fixture.remove() }
        // As an earlier version (or a hand edit) could leave it: Utrecht twice in the live registry.
        try fixture.store.database.execute("""
            INSERT INTO veiligheidshuizen(import_id, name, name_key, regio, opgericht)
            SELECT import_id, name, name_key, 'Elders', 2001 FROM veiligheidshuizen WHERE name = 'Utrecht'
            """)
        let expected = "the Veiligheidshuis registry lists a Veiligheidshuis more than once: \"Utrecht\" and \"Utrecht\" (import #1); import a corrected registry with rendement import veiligheidshuizen FILE --replace"
        XCTAssertThrowsError(try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: fixture.store)) {
            XCTAssertEqual("\($0)", expected)
        }
        XCTAssertThrowsError(try fixture.reportInputs()) { XCTAssertEqual("\($0)", expected) }
    }

    func testARenamedVeiligheidshuisKeepsItsClientsInEveryStage() throws {
        let fixture = try PipelineFixture(seed: 9, persons: 3000)
        defer { fixture.remove() }
        let store = fixture.store
        let before = try store.registrations().filter { $0.veiligheidshuis == "Utrecht" }.count
        let setsBefore = fixture.results.stored.sets(house: "Utrecht")
        let run = fixture.results.stored.matchRunID
        let cohortBefore = setsBefore + (try store.unmatchedClients(run: run).filter { $0.veiligheidshuis == "Utrecht" }.count)
        XCTAssertGreaterThan(before, 0)
        XCTAssertGreaterThan(setsBefore, 0)
        let registry = try String(contentsOfFile: fixture.dir + "/data/veiligheidshuizen.csv", encoding: .utf8)
            .replacingOccurrences(of: "\nUtrecht,", with: "\nUtrecht Stad,")
        try registry.write(toFile: fixture.dir + "/data/veiligheidshuizen.csv", atomically: true, encoding: .utf8)
        var options = ImportOptions()
        options.replace = true
        // Without a rename file: refused, naming the house and its registrations.
        XCTAssertThrowsError(try Importer(store: store, options: options).importFile(fixture.dir + "/data/veiligheidshuizen.csv", kind: .veiligheidshuizen)) {
            XCTAssertTrue("\($0)".contains("leaves out Veiligheidshuizen that have clients: Utrecht (\(before) registrations)"), "\($0)")
        }
        let renames = fixture.dir + "/renames.json"
        try #"{"Utrecht": "Utrecht Stad"}"#.write(toFile: renames, atomically: true, encoding: .utf8)
        options.renamePath = renames
        let summary = try Importer(store: store, options: options).importFile(fixture.dir + "/data/veiligheidshuizen.csv", kind: .veiligheidshuizen)
        XCTAssertEqual(summary.registryRenames.map(\.registrations), [before])
        XCTAssertEqual(try store.registrations().filter { $0.veiligheidshuis == "Utrecht Stad" }.count, before)
        // The stored match run follows the new name; so does a new one.
        let analysed = try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: store)
        XCTAssertEqual(analysed.stored.sets(house: "Utrecht Stad"), setsBefore)
        XCTAssertEqual(analysed.stored.sets(house: "Utrecht"), 0)
        func sets(_ scope: Scope) -> Int? {
            analysed.effects.first { $0.scope == scope && $0.ageBand == "all" && $0.source == .bvh && $0.windowMonths == 1 }?.estimate?.summary.sets
        }
        let house = try XCTUnwrap(sets(Scope(.veiligheidshuis, "Utrecht Stad")))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(sets(Scope(.regio, "Midden-Nederland"))), house, "the region is found under the new name")
        XCTAssertNil(sets(Scope(.regio, "onbekend")), "no set lost its region")
        XCTAssertEqual(try store.unmatchedClients(run: run).filter { $0.veiligheidshuis == "Utrecht" }.count, 0)
        // A new match run: every client of the house is in it, matched or not, under the new name.
        let report = try MatchingRun(settings: MatchingSettings(), toolVersion: "test").run(store: store)
        let rematched = try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: store)
        let unmatched = try store.unmatchedClients(run: report.runID)
        XCTAssertEqual(rematched.stored.sets(house: "Utrecht Stad") + unmatched.filter { $0.veiligheidshuis == "Utrecht Stad" }.count, cohortBefore)
        XCTAssertEqual(rematched.stored.sets(house: "Utrecht"), 0)
    }
}
