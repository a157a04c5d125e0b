import Foundation
import RendementAnalysis
import RendementCore
import RendementImport
import RendementReports
import RendementStore
import XCTest

/// The cooperation in the pipeline: the generated Stappenmeters and a
/// second instrument definition of one Veiligheidshuis are imported,
/// analysed and stored with the run; the quarterly report shows the section
/// with each instrument's own steps and suppresses what rests on too few
/// questionnaires; the tables hold both instruments.
final class CooperationReportTests: XCTestCase {
    static let ownInstrument = """
        {"instrument": "stappenmeter-twente", "version": 3,
         "title": {"nl": "Twentse stappenmeter", "en": "Twente step meter"}, "source": "Veiligheidshuis Twente",
         "scale": {"min": 0, "max": 10, "labels": [], "missing": ["nvt"]},
         "steps": [{"id": "aanmelding_compleet", "nl": "Eigen stap: de aanmelding is compleet", "en": "Own step: the referral is complete"},
                   {"id": "terugkoppeling", "nl": "Eigen stap: de melder krijgt terugkoppeling", "en": "Own step: the referrer hears back"}]}
        """

    func testTheQuarterlyReportShowsEachInstrumentWithItsOwnSteps() throws {
        let fixture = try PipelineFixture(seed: 9, persons: 3000)
        defer { fixture.remove() }
        let dir = fixture.dir
        _ = try Importer(store: fixture.store).importFile(dir + "/data/stappenmeter.csv", kind: .stappenmeter)
        let instrument = dir + "/twente.json"
        try Self.ownInstrument.write(toFile: instrument, atomically: true, encoding: .utf8)
        // Twelve questionnaires in 2013Q4 (published) and five in 2013Q3 (suppressed).
        var text = "veiligheidshuis,casusoverleg,invuldatum,rol_invuller,aanmelding_compleet,terugkoppeling\n"
        for k in 0..<12 { text += "Twente,jeugd,2013-11-\(10 + k),voorzitter,\(k % 11),\(k % 2 == 0 ? "nvt" : "7")\n" }
        for k in 0..<5 { text += "Twente,jeugd,2013-08-\(10 + k),voorzitter,\(k),3\n" }
        let own = dir + "/twente.csv"
        try text.write(toFile: own, atomically: true, encoding: .utf8)
        var options = ImportOptions()
        options.instrumentPath = instrument
        _ = try Importer(store: fixture.store, options: options).importFile(own, kind: .stappenmeter)

        let run = try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: fixture.store)
        let cooperation = try XCTUnwrap(run.stored.cooperation)
        XCTAssertEqual(cooperation.stappenmeter.map(\.instrument.name), ["stappenmeter v1", "stappenmeter-twente v3"])
        let twente = cooperation.stappenmeter[1]
        XCTAssertEqual(twente.forms, 17)
        let q4 = try XCTUnwrap(twente.scores.cell(house: "Twente", quarter: Quarter(year: 2013, quarter: 4), step: "aanmelding_compleet"))
        XCTAssertEqual(q4.n, 12)
        XCTAssertEqual(q4.mean, Double((0..<12).map { $0 % 11 }.reduce(0, +)) / 12, accuracy: 1e-12)
        XCTAssertEqual(q4.distribution?.count, 11)
        XCTAssertEqual(twente.scores.cell(house: "Twente", quarter: Quarter(year: 2013, quarter: 4), step: "terugkoppeling")?.n, 6)
        // The stored run is what the report renders.
        let reloaded = try AnalysisResults.load(from: fixture.store, run: run.record.id)
        XCTAssertEqual(reloaded.cooperation, run.stored.cooperation)
        // The effect rows come back whole and in order from their stored parts.
        XCTAssertGreaterThan(run.stored.effects.count, 8)
        XCTAssertEqual(try StoredJSON.encoder.encode(reloaded.effects), try StoredJSON.encoder.encode(run.stored.effects))
        XCTAssertNil(reloaded.effectParts)

        let inputs = try ReportInputs.load(store: fixture.store, run: run.record.id, toolVersion: "test", runDate: Day(year: 2026, month: 11, day: 29)!)
        let doc = QuarterlyReport(inputs: inputs, house: "Twente", quarter: Quarter(year: 2013, quarter: 4), language: .nl).document()
        let md = MarkdownRenderer.render(doc, filePrefix: "q")
        XCTAssertTrue(md.contains("## Samenwerking"))
        XCTAssertTrue(md.contains("Eigen stap: de aanmelding is compleet"), "the second instrument's own steps")
        XCTAssertTrue(md.contains("Signalering: casussen worden tijdig gesignaleerd"), "the default instrument's steps")
        XCTAssertTrue(md.contains("Verkennend en ecologisch, niet causaal"))
        // The own instrument's step rows: this quarter published (12), the previous quarter suppressed (5), the second step (6) suppressed.
        let ownRow = try XCTUnwrap(md.split(separator: "\n").first { $0.contains("Eigen stap: de aanmelding is compleet") })
        let cells = ownRow.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(cells[1].hasPrefix("4,6 ("), cells[1])
        XCTAssertEqual(cells[2], "–")
        XCTAssertTrue(cells[3].hasSuffix("n\u{00A0}=\u{00A0}17"), cells[3])
        let second = try XCTUnwrap(md.split(separator: "\n").first { $0.contains("Eigen stap: de melder krijgt terugkoppeling") })
        XCTAssertEqual(second.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[1], "–")
        let en = MarkdownRenderer.render(QuarterlyReport(inputs: inputs, house: "Twente", quarter: Quarter(year: 2013, quarter: 4), language: .en).document(), filePrefix: "q")
        XCTAssertTrue(en.contains("## Cooperation") && en.contains("Own step: the referral is complete"))

        let tables = try AnalysisRun.write(run, to: dir + "/tables")
        XCTAssertTrue(tables.contains { $0.hasSuffix("stappenmeter_scores.csv") })
        let scores = try String(contentsOfFile: dir + "/tables/stappenmeter_scores.csv", encoding: .utf8)
        XCTAssertTrue(scores.contains("stappenmeter-twente,3,Twente,jeugd,2013Q4,aanmelding_compleet,12,"))
        XCTAssertTrue(scores.contains("stappenmeter-twente,3,Twente,jeugd,2013Q3,aanmelding_compleet,,,,,,,,,true"))
    }
}
