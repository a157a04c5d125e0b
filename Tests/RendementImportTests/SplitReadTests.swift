import Foundation
import RendementCore
import RendementImport
import RendementStore
import RendementSynth
import XCTest

/// Large police extracts are read in two halves in parallel. The store,
/// the summary and the rejects file must be exactly those of a single read:
/// same person keys (in order of first appearance), same texts, same
/// histories, same counts, rejects in line order.
final class SplitReadTests: XCTestCase {
    /// Everything an import leaves behind, as text, for comparison.
    private func snapshot(_ store: Store, _ summaries: [ImportSummary]) throws -> [String: [String]] {
        func rows(_ sql: String) throws -> [String] {
            let s = try store.database.prepare(sql)
            let n = s.columnCount
            return try s.rows([]) { r in (0..<n).map { r.text(Int32($0)) ?? "NULL" }.joined(separator: "|") }
        }
        var out: [String: [String]] = [
            "persons": try rows("SELECT person_key, persoon_id FROM persons ORDER BY person_key"),
            "texts": try rows("SELECT text_id, text FROM texts ORDER BY text_id"),
            "bvh": try rows("SELECT person_key, import_id, n_events, hex(attributes), hex(events) FROM bvh_histories ORDER BY person_key, import_id"),
            "hks": try rows("SELECT person_key, import_id, n_events, hex(attributes), hex(events) FROM hks_histories ORDER BY person_key, import_id"),
            "resolved": try rows("SELECT * FROM person_resolved ORDER BY person_key"),
            "imports": try rows("SELECT kind, period_from, period_to, rows_read, rows_imported, duplicates, rejected, rejected_by_reason, attribute_conflicts, field_gaps FROM imports ORDER BY import_id"),
        ]
        out["summaries"] = summaries.map { s in
            "\(s.rowsRead) \(s.rowsImported) \(s.duplicates) \(s.rejectedByReason.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }) \(s.newPersons) \(s.firstRejects.map { "\($0.line):\($0.column):\($0.reason.rawValue)" })"
        }
        return out
    }

    private func importBoth(_ files: [(String, InputKind)], mapping: [InputKind: String] = [:]) throws -> (split: [String: [String]], single: [String: [String]], rejects: [String: (Data?, Data?)]) {
        var results: [[String: [String]]] = []
        var rejects: [String: [Data?]] = [:]
        for split in [true, false] {
            let dir = TempDir()
            let store = try makeStore(dir)
            var summaries: [ImportSummary] = []
            for (path, kind) in files {
                let s = try importer(store) {
                    $0.splitReads = split
                    $0.splitReadMinimumSize = 0
                    $0.rejectsDirectory = dir.path
                    $0.mappingPath = mapping[kind]
                }.importFile(path, kind: kind)
                summaries.append(s)
                let name = (path as NSString).lastPathComponent
                rejects[name, default: []].append(s.rejectsFile.flatMap { FileManager.default.contents(atPath: $0) })
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("part2") || $0.hasPrefix(".rendement-import") }, [],
                           "no side files are left behind")
            results.append(try snapshot(store, summaries))
        }
        return (results[0], results[1], rejects.mapValues { ($0[0], $0[1]) })
    }

    func testSplitReadOfAMessyExtractEqualsASingleRead() throws {
        let dir = TempDir()
        let truth = try SyntheticExtracts.generate(into: dir.path, options: SynthOptions(seed: 11, messy: true, persons: 1500))
        // No personen file first: the police files create the persons, so key order is tested too.
        let files: [(String, InputKind)] = [(dir.file("hks.csv"), .hks), (dir.file("bvh.csv"), .bvh)]
        let mapping = Dictionary(uniqueKeysWithValues: [InputKind.bvh, .hks].compactMap { k in truth.mappingFiles[k.rawValue].map { (k, dir.file($0)) } })
        let (split, single, rejects) = try importBoth(files, mapping: mapping)
        XCTAssertFalse(split["bvh"]!.isEmpty)
        XCTAssertTrue(split["summaries"]!.allSatisfy { !$0.hasPrefix("0 ") })
        for key in single.keys.sorted() { XCTAssertEqual(split[key], single[key], key) }
        for (name, pair) in rejects {
            XCTAssertNotNil(pair.1, "the messy \(name) has rejects")
            XCTAssertEqual(pair.0, pair.1, "rejects file of \(name)")
        }
    }

    func testASplitPointInsideAQuotedFieldFallsBackToASingleRead() throws {
        let dir = TempDir()
        var text = "registratienummer,persoon_id,rol,pleegdatum,registratiedatum,incidentcode,incidentomschrijving,gemeente,geboortedatum,geslacht\n"
        for i in 0..<300 { text += "R\(i),P\(i % 97),verdachte,2012-01-\(String(format: "%02d", i % 28 + 1)),,E33,kort,Zwolle,1990-01-01,man\n" }
        // A description of many lines in the middle: the middle line break is inside quotes.
        let long = (0..<400).map { "regel \($0), met komma" }.joined(separator: "\n")
        text += "R9999,P5,betrokkene,2012-02-02,,E34,\"\(long)\",Zwolle,,\n"
        for i in 300..<600 { text += "R\(i),P\(i % 89),aangever,2012-03-\(String(format: "%02d", i % 28 + 1)),,E35,kort,Deventer,,vrouw\n" }
        text += "R-bad,P1,dader,2012-01-01,,E33,,,,\n"
        let path = dir.write("bvh.csv", text)
        let (split, single, rejects) = try importBoth([(path, .bvh)])
        for key in single.keys.sorted() { XCTAssertEqual(split[key], single[key], key) }
        XCTAssertEqual(rejects["bvh.csv"]?.0, rejects["bvh.csv"]?.1)
        XCTAssertTrue(single["summaries"]![0].hasPrefix("602 601 "), single["summaries"]![0])
    }
}
