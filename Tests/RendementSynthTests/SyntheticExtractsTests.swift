import Foundation
import XCTest
@testable import RendementCore
@testable import RendementSynth

final class SyntheticExtractsTests: XCTestCase {
    private func generate(_ options: SynthOptions) throws -> (String, SynthTruth) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synth-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return (dir, try SyntheticExtracts.generate(into: dir, options: options))
    }

    /// Splits a file into records with a minimal RFC 4180 reader (test-only), returning
    /// each record's starting line and fields.
    private func records(_ path: String, delimiter: Character, cp1252: Bool) throws -> [(line: Int, fields: [String])] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = cp1252 ? String(data.map { Character(Windows1252.decode($0)!) }) : String(decoding: data, as: UTF8.self)
        var out: [(Int, [String])] = []
        var fields: [String] = [], field = "", inQuotes = false, line = 1, start = 1
        var chars = Array(text)
        if chars.last != "\n" && chars.last != "\r\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == delimiter {
                fields.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                fields.append(field); field = ""
                out.append((start, fields)); fields = []
                line += 1; start = line
            } else if c != "\r" {
                field.append(c)
            }
            i += 1
        }
        return out
    }

    func testSameSeedWritesSameBytesAndOtherSeedDiffers() throws {
        let (a, _) = try generate(SynthOptions(seed: 7, persons: 1500))
        let (b, _) = try generate(SynthOptions(seed: 7, persons: 1500))
        let (c, _) = try generate(SynthOptions(seed: 8, persons: 1500))
        for file in ["bvh.csv", "hks.csv", "clienten.csv", "personen.csv", "veiligheidshuizen.csv"] {
            let da = try Data(contentsOf: URL(fileURLWithPath: a + "/" + file))
            XCTAssertEqual(da, try Data(contentsOf: URL(fileURLWithPath: b + "/" + file)), file)
            if file != "veiligheidshuizen.csv" {
                XCTAssertNotEqual(da, try Data(contentsOf: URL(fileURLWithPath: c + "/" + file)), file)
            }
        }
    }

    func testCanonicalFilesMatchTruthAndContract() throws {
        let (dir, truth) = try generate(SynthOptions(seed: 3, persons: 3000))
        let bvh = try records(dir + "/bvh.csv", delimiter: ",", cp1252: false)
        XCTAssertEqual(bvh.first?.fields, ["registratienummer", "persoon_id", "rol", "pleegdatum", "registratiedatum",
                                           "incidentcode", "incidentomschrijving", "gemeente", "geboortedatum", "geslacht"])
        XCTAssertEqual(bvh.count - 1, truth.rows["bvh.csv"])
        var contactsBefore = 0
        for r in bvh.dropFirst() {
            XCTAssertEqual(r.fields.count, 10)
            XCTAssertTrue(PersonID.isValid(r.fields[1]))
            XCTAssertNotNil(BVHRole(rawValue: r.fields[2]))
            let parts = r.fields[3].split(separator: "-").compactMap { Int($0) }
            let day = Day(year: parts[0], month: parts[1], day: parts[2])!
            XCTAssertTrue(day >= SyntheticExtracts.bvhPeriod.0 && day <= SyntheticExtracts.bvhPeriod.1)
            if r.fields[2] == "verdachte" { contactsBefore += 1 }
        }
        XCTAssertGreaterThan(contactsBefore, 0)
        let hks = try records(dir + "/hks.csv", delimiter: ",", cp1252: false)
        XCTAssertEqual(hks.count - 1, truth.rows["hks.csv"])
        XCTAssertTrue(hks.dropFirst().allSatisfy { OffenceCategory(text: $0.fields[5]) != nil })
        let clients = try records(dir + "/clienten.csv", delimiter: ",", cp1252: false)
        XCTAssertEqual(clients.count - 1, truth.registrations)
        let withPlan = Set(clients.dropFirst().filter { $0.fields[6] != "nee" }.map { $0.fields[0] })
        XCTAssertEqual(withPlan.count, truth.clients)
        // Clients are drawn from the heavier end: more police contacts per client than per person overall.
        let contacts = bvh.dropFirst().filter { $0.fields[2] == "verdachte" || $0.fields[2] == "betrokkene" }
        let perPerson = Dictionary(grouping: contacts, by: { $0.fields[1] }).mapValues(\.count)
        let clientMean = Double(withPlan.map { perPerson[$0] ?? 0 }.reduce(0, +)) / Double(withPlan.count)
        let overallMean = Double(contacts.count) / Double(truth.persons)
        XCTAssertGreaterThan(clientMean, 1.5 * overallMean)
        XCTAssertTrue(truth.brokenRows.isEmpty)
    }

    func testMessyFilesHoldThePlantedBrokenRowsAtTheRecordedLines() throws {
        let (dir, truth) = try generate(SynthOptions(seed: 5, messy: true, persons: 3000))
        XCTAssertFalse(truth.brokenRows.isEmpty)
        let raw = try Data(contentsOf: URL(fileURLWithPath: dir + "/bvh.csv"))
        XCTAssertTrue(raw.starts(with: Array("BVH-nummer;Pseudoniem".utf8)))
        XCTAssertTrue(raw.contains(13), "CRLF line ends")
        var byFile: [String: [Int: [String]]] = [:]
        for file in ["bvh.csv", "hks.csv", "clienten.csv"] {
            let recs = try records(dir + "/" + file, delimiter: ";", cp1252: true)
            byFile[file] = Dictionary(uniqueKeysWithValues: recs.map { ($0.line, $0.fields) })
            let header = recs[0].fields
            XCTAssertEqual(recs.count - 1, truth.rows[file], file)
            for b in truth.brokenRows where b.file == file {
                guard let fields = byFile[file]?[b.line] else { return XCTFail("\(file):\(b.line) is not a record start") }
                if b.reason == "wrong_field_count" { XCTAssertEqual(fields.count, header.count - 1); continue }
                XCTAssertEqual(fields.count, header.count, "\(file):\(b.line)")
            }
        }
        let mapping = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/mapping-bvh.json"))) as? [String: String]
        XCTAssertEqual(mapping?["persoon_id"], "Pseudoniem")
        XCTAssertTrue(String(decoding: raw, as: UTF8.self).contains("31-02-"))
    }

    func testPlantedEffectProfile() {
        let effect = PlantedEffect.planted
        let index = Day(year: 2012, month: 1, day: 15)!
        for band in effect.bands {
            var previous = 0.0
            for w in [1, 2, 3, 6, 12] {
                let rr = effect.expectedRateRatio(band: band, index: index, months: w)
                XCTAssertGreaterThan(rr, previous, "the drop is largest in the first months")
                XCTAssertLessThan(rr, band.factor)
                previous = rr
            }
        }
        let young = effect.expectedRateRatio(band: effect.bands[0], index: index, months: 1)
        let old = effect.expectedRateRatio(band: effect.bands[3], index: index, months: 1)
        XCTAssertLessThan(young, old, "larger first-month effect for the young")
        for band in PlantedEffect.none.bands {
            XCTAssertEqual(PlantedEffect.none.expectedRateRatio(band: band, index: index, months: 2), 1, accuracy: 1e-12)
        }
        XCTAssertEqual(effect.multiplier(age: 15, daysAfter: 0), 1)
        XCTAssertEqual(effect.multiplier(age: 15, daysAfter: 1e6), 0.6, accuracy: 1e-12)
    }
}
