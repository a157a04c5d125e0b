import Foundation
import XCTest

/// Hostile input files through `rendement import`: every case has one
/// expected outcome (docs/reliability.md, "Hostile input"). A file that is
/// unusable as a whole is refused with one line on stderr naming the file
/// (and line), what was expected, exit 1 and the store exactly as before; a
/// file with some unusable rows imports the others and lists the bad ones,
/// with line and reason, in FILE.rejects.csv.
final class HostileInputTests: XCTestCase {
    private var dir: Scratch!
    private var store: String { dir.file("store.sqlite") }

    override func setUpWithError() throws {
        dir = Scratch("hostile")
        // A store with content, so that "unchanged" means something.
        try expectImported("veiligheidshuizen", dir.write("vhh.csv", Extracts.registry), rows: 2)
        try expectImported("bvh", dir.write("baseline.csv", Extracts.bvh(40, prefix: "B")), rows: 40)
    }

    override func tearDown() { dir = nil }

    private func expectImported(_ kind: String, _ path: String, rows: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(["import", kind, path, "--db", store], in: dir.path)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let name = (path as NSString).lastPathComponent
        XCTAssertEqual(try StoreProbe(store).imports(of: name).map(\.rowsImported), [rows], file: file, line: line)
    }

    /// The file is refused: exit 1, exactly one line on stderr that names the
    /// file and contains every expected part, nothing in the import log, the
    /// store unchanged.
    private func expectRefused(_ path: String, kind: String = "bvh", _ parts: [String], arguments: [String] = [],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try digest(store)
        let r = try CLI.run(["import", kind, path, "--db", store] + arguments, in: dir.path)
        let name = (path as NSString).lastPathComponent
        XCTAssertFalse(r.signaled, "\(name): crashed: \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.status, 1, "\(name): \(r.stdout) \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.errorLines.count, 1, "\(name): expected one line on stderr, got: \(r.stderr)", file: file, line: line)
        let message = r.errorLines.first ?? ""
        XCTAssertTrue(message.hasPrefix("rendement import: \(path)"), "\(name): the message does not start with the file: \(message)", file: file, line: line)
        for part in parts {
            XCTAssertTrue(message.contains(part), "\(name): expected \"\(part)\" in: \(message)", file: file, line: line)
        }
        XCTAssertTrue(try StoreProbe(store).imports(of: name).isEmpty, file: file, line: line)
        try assertStore(store, equals: before, name, file: file, line: line)
    }

    /// Some rows are rejected, the rest imported (exit 0): the rejects file
    /// holds exactly `rejects` as (line, reason, part of the message), stderr
    /// names file and line of each, the import log has the counts.
    private func expectRowsRejected(_ path: String, read: Int, imported: Int, rejects: [(line: Int, reason: String, message: String)],
                                    arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(["import", "bvh", path, "--db", store] + arguments, in: dir.path)
        let name = (path as NSString).lastPathComponent
        XCTAssertFalse(r.signaled, "\(name): crashed: \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(try StoreProbe(store).imports(of: name),
                       [.init(kind: "bvh", fileName: name, rowsRead: read, rowsImported: imported, rejected: rejects.count, replaced: false)],
                       file: file, line: line)
        let rejectsPath = String(path.dropLast(4)) + ".rejects.csv"
        let table = try CSV.parse(rejectsPath)
        XCTAssertEqual(Array(table.first?.prefix(4) ?? []), ["line", "column", "reason", "message"], file: file, line: line)
        let rows = table.dropFirst()
        XCTAssertEqual(rows.count, rejects.count, "\(name): rejects file: \(Array(rows))", file: file, line: line)
        for (row, expected) in zip(rows, rejects) {
            XCTAssertEqual(row[0], String(expected.line), "\(name): line", file: file, line: line)
            XCTAssertEqual(row[2], expected.reason, "\(name): reason", file: file, line: line)
            XCTAssertTrue(row[3].contains(expected.message), "\(name): message \(row[3])", file: file, line: line)
            XCTAssertTrue(r.stderr.contains("\(path):\(expected.line): \(expected.reason): "), "\(name): stderr: \(r.stderr)", file: file, line: line)
        }
        try assertStoreHoldsNo(["\u{0}", "Ã"], file: file, line: line)
    }

    /// No text cell of any table contains one of `needles` (mojibake, NUL).
    private func assertStoreHoldsNo(_ needles: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let probe = try StoreProbe(store)
        XCTAssertEqual(try probe.integrity(), "ok", file: file, line: line)
        for t in try probe.tables() {
            for row in try probe.rows("SELECT * FROM \"\(t)\"") {
                for cell in row.compactMap({ $0 }) where needles.contains(where: { cell.contains($0) }) {
                    XCTFail("table \(t) holds \(cell.debugDescription)", file: file, line: line)
                }
            }
        }
    }

    private var header: [UInt8] { Array((Extracts.bvhHeader + "\n").utf8) }
    private func rows(_ range: Range<Int>, gemeente: String = "Leiden") -> [UInt8] {
        Array(range.map { Extracts.bvhRow($0, prefix: "H", gemeente: gemeente) + "\n" }.joined().utf8)
    }

    // MARK: files refused as a whole

    func testEmptyAndBlankFilesAreRefused() throws {
        try expectRefused(dir.write("empty.csv", bytes: []), [":1: ", "the file is empty", "expected a header row"])
        try expectRefused(dir.write("blank.csv", "\n\r\n\n"), [":1: ", "the file is empty", "expected a header row"])
    }

    func testHeaderOnlyIsRefused() throws {
        try expectRefused(dir.write("header.csv", Extracts.bvhHeader + "\n"), [":2: ", "no data rows", "expected at least one row"])
        try expectRefused(dir.write("header-noeol.csv", Extracts.bvhHeader), [":2: ", "no data rows", "expected at least one row"])
        try expectRefused(dir.write("header-blank.csv", Extracts.bvhHeader + "\r\n\r\n\n"), [":2: ", "no data rows"])
    }

    func testBinaryFilesAreRefused() throws {
        var rng = SplitMix(seed: 42)
        let garbage = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try expectRefused(dir.write("garbage.bin", bytes: garbage), [":1: ", "header", "not text", "expected"])
        // A spreadsheet saved as .xlsx (a zip file) instead of CSV.
        var zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00] + Array("[Content_Types].xml".utf8)
        zip += (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try expectRefused(dir.write("extract.xlsx", bytes: zip), [":1: ", "header", "not text"])
        // The store itself given as the input.
        try expectRefused(dir.write("store-copy.csv", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: store)))), [":1: ", "header", "not text"])
    }

    func testNULBytesInTheHeaderRefuseTheFile() throws {
        var bytes = header
        bytes.insert(0, at: 20)
        try expectRefused(dir.write("nul-header.csv", bytes: bytes + rows(0..<10)), [":1: ", "header", "NUL"])
    }

    func testUnclosedQuoteInTheHeaderRefusesTheFile() throws {
        try expectRefused(dir.write("quote-header.csv", "registratienummer,\"persoon_id,rol,pleegdatum,incidentcode\nR1,P1,verdachte,2012-01-01,E33\n"),
                          [":1: ", "header", "not closed"])
    }

    func testUTF16IsRefusedWithAndWithoutBOM() throws {
        let text = Extracts.bvh(5)
        let le = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let parts = [":1: ", "UTF-16", "save the file as UTF-8"]
        try expectRefused(dir.write("utf16le-bom.csv", bytes: [0xFF, 0xFE] + le), parts)
        try expectRefused(dir.write("utf16be-bom.csv", bytes: [0xFE, 0xFF] + be), parts)
        try expectRefused(dir.write("utf16le.csv", bytes: le), parts)
        try expectRefused(dir.write("utf16be.csv", bytes: be), parts)
    }

    func testHeaderProblemsRefuseTheFile() throws {
        let wide = (0..<10_000).map { "c\($0)" }.joined(separator: ",") + "\n" + (0..<10_000).map { _ in "x" }.joined(separator: ",") + "\n"
        try expectRefused(dir.write("wide.csv", wide), [":1: ", "10000 columns", "at most 1000"])
        let duplicate = Extracts.bvh(5).replacingOccurrences(of: ",gemeente,", with: ",Persoon ID,")
        try expectRefused(dir.write("duplicate.csv", duplicate), [":1: ", "column Persoon ID", "more than once"])
        let exact = Extracts.bvh(5).replacingOccurrences(of: ",gemeente,", with: ",rol,")
        try expectRefused(dir.write("duplicate2.csv", exact), [":1: ", "column rol", "more than once"])
        let missing = Extracts.bvh(5).replacingOccurrences(of: "pleegdatum", with: "datum")
        try expectRefused(dir.write("missing.csv", missing), [":1: ", "column pleegdatum", "required column is missing"])
        try expectRefused(dir.write("clients-as-bvh.csv", "persoon_id,veiligheidshuis,doelgroep,instroomdatum,plan_van_aanpak\nP1,Haaglanden,jeugd,2012-01-01,ja\n"),
                          [":1: ", "columns registratienummer, rol, pleegdatum, incidentcode", "required columns are missing"])
        try expectRefused(dir.write("bsn.csv", Extracts.bvh(5).replacingOccurrences(of: ",gemeente,", with: ",BSN,")),
                          [":1: ", "column BSN", "pseudonymise"])
    }

    func testOnlyRowRejectedRefusesTheFile() throws {
        // One row, and it is bad: 100% rejected is over --max-reject-rate.
        let path = dir.write("only-open-quote.csv", Extracts.bvhHeader + "\nR1,P1,verdachte,2012-01-01,,E33,\"open,Leiden,,\n")
        try expectRefused(path, ["1 of 1 rows rejected", "nothing imported", "line 2", "wrong_field_count"])
    }

    func testAHundredMegabyteLine() throws {
        // One line of 100 MB and nothing else: no header.
        let big = dir.file("oneline.csv")
        _ = FileManager.default.createFile(atPath: big, contents: nil)
        let h = FileHandle(forWritingAtPath: big)!
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<100 { h.write(block) }
        try h.close()
        try expectRefused(big, [":1: ", "header", "longer than 1 MiB", "expected"])
        try FileManager.default.removeItem(atPath: big)

        // A 100 MB row in an otherwise valid file: that row is rejected.
        let row = dir.file("bigrow.csv")
        _ = FileManager.default.createFile(atPath: row, contents: Data(header + rows(0..<30)))
        let w = FileHandle(forWritingAtPath: row)!
        _ = try w.seekToEnd()
        w.write(Data("H30,P1,verdachte,2012-01-01,,E33,".utf8))
        for _ in 0..<100 { w.write(block) }
        w.write(Data(",Leiden,,\n".utf8))
        w.write(Data(rows(31..<60)))
        try w.close()
        try expectRowsRejected(row, read: 60, imported: 59, rejects: [(32, "wrong_field_count", "longer than 1 MiB")])
        try FileManager.default.removeItem(atPath: row)
    }

    // MARK: files with some unusable rows

    func testUnterminatedQuoteAtTheEndRejectsTheLastRecord() throws {
        let path = dir.write("open-quote.csv", bytes: header + rows(0..<30) + Array("H30,P1,verdachte,2012-01-01,,E33,\"open tekst,Leiden,,\n".utf8))
        try expectRowsRejected(path, read: 31, imported: 30, rejects: [(32, "wrong_field_count", "not closed before the end of the file")])
    }

    func testNULBytesInARowRejectThatRow() throws {
        var bytes = header + rows(0..<30)
        bytes += Array("H30,P1,verdachte,2012-01-01,,E33,tekst,Lei".utf8) + [0] + Array("den,,\n".utf8)
        bytes += rows(31..<40)
        try expectRowsRejected(dir.write("nul-row.csv", bytes: bytes), read: 40, imported: 39, rejects: [(32, "bad_encoding", "NUL")])
    }

    func testNULBytesPastTheFirstBlockRejectThatRow() throws {
        // Encoding detection looks at the first 4 MiB; a NUL after that is still caught.
        var bytes = header + rows(0..<70_000)
        XCTAssertGreaterThan(bytes.count, 4 << 20)
        bytes += Array("X1,P1,verdachte,2012-01-01,,E33,tekst,Lei".utf8) + [0, 0] + Array("den,,\n".utf8)
        bytes += rows(70_000..<70_010)
        try expectRowsRejected(dir.write("nul-late.csv", bytes: bytes), read: 70_011, imported: 70_010, rejects: [(70_002, "bad_encoding", "NUL")])
    }

    func testMixedEncodingsRejectTheRowsInTheMinorityEncoding() throws {
        // UTF-8 with one Windows-1252 row: read as UTF-8, that row rejected.
        let cp1252Row: [UInt8] = Array("H30,P1,verdachte,2012-01-01,,E33,tekst,S".utf8) + [0xFA] + Array("dwest-Frysl".utf8) + [0xE2] + Array("n,,\n".utf8)
        var bytes = header + rows(0..<30, gemeente: "Súdwest-Fryslân") + cp1252Row + rows(31..<40, gemeente: "Súdwest-Fryslân")
        try expectRowsRejected(dir.write("mixed-utf8.csv", bytes: bytes), read: 40, imported: 39, rejects: [(32, "bad_encoding", "UTF-8")])

        // Windows-1252 with one UTF-8 row: read as Windows-1252, the UTF-8 row
        // rejected (it would otherwise be stored as "SÃºdwest-FryslÃ¢n").
        let cp = { (range: Range<Int>) -> [UInt8] in
            Array(self.rows(range, gemeente: "S\u{1}dwest-Frysl\u{2}n").map { $0 == 1 ? 0xFA : $0 == 2 ? 0xE2 : $0 })
        }
        bytes = header + cp(0..<30) + rows(30..<31, gemeente: "Súdwest-Fryslân") + cp(31..<40)
        try expectRowsRejected(dir.write("mixed-cp1252.csv", bytes: bytes), read: 40, imported: 39, rejects: [(32, "bad_encoding", "UTF-8")])
        // The Windows-1252 rows arrived as proper text.
        let probe = try StoreProbe(store)
        var found = false
        for t in try probe.tables() where try probe.rows("SELECT * FROM \"\(t)\"").contains(where: { $0.contains("Súdwest-Fryslân") }) { found = true }
        XCTAssertTrue(found, "no table holds the transcoded gemeente")
    }
}

/// A minimal RFC 4180 reader for the (small) rejects files.
enum CSV {
    static func parse(_ path: String) throws -> [[String]] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var rows: [[String]] = [], row: [String] = [], field: [UInt8] = []
        var quoted = false, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 { field.append(34); i += 1 } else { quoted = false }
                } else { field.append(b) }
            } else if b == 34 { quoted = true }
            else if b == 44 { row.append(String(decoding: field, as: UTF8.self)); field = [] }
            else if b == 10 { row.append(String(decoding: field, as: UTF8.self)); field = []; rows.append(row); row = [] }
            else if b != 13 { field.append(b) }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(String(decoding: field, as: UTF8.self)); rows.append(row) }
        return rows
    }
}
