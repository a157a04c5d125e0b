import Foundation
import RendementCore
@testable import RendementImport
import XCTest

final class DelimitedReaderTests: XCTestCase {
    private func records(_ bytes: [UInt8], delimiter: UInt8? = nil, encoding: TextEncoding? = nil) throws -> (DelimitedReader, [(Int, [String], RawRecord.Problem?)]) {
        let dir = TempDir()
        let path = dir.write("f.csv", bytes: bytes)
        let reader = try DelimitedReader(path: path, delimiter: delimiter, encoding: encoding)
        var out: [(Int, [String], RawRecord.Problem?)] = []
        while let r = try reader.next() { out.append((r.line, r.strings, r.problem)) }
        return (reader, out)
    }

    private func records(_ text: String) throws -> (DelimitedReader, [(Int, [String], RawRecord.Problem?)]) {
        try records(Array(text.utf8))
    }

    func testQuotesDoubledQuotesAndEmbeddedLineBreaks() throws {
        let text = "a,b,c\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,\"line1\nline2\r\nline3\",z\n3,,\n"
        let (reader, rows) = try records(text)
        XCTAssertEqual(reader.header, ["a", "b", "c"])
        XCTAssertEqual(rows.map(\.1), [["1", "x, y", "he said \"hi\""], ["2", "line1\nline2\r\nline3", "z"], ["3", "", ""]])
        XCTAssertEqual(rows.map(\.0), [2, 3, 6])
    }

    func testCRLFAndEmptyLinesAndRaggedRows() throws {
        let (_, rows) = try records("a;b\r\n1;2\r\n\r\n\r\n3\r\n4;5;6\r\n7;8")
        XCTAssertEqual(rows.map(\.1), [["1", "2"], ["3"], ["4", "5", "6"], ["7", "8"]])
        XCTAssertEqual(rows.map(\.0), [2, 5, 6, 7])
    }

    /// Plain lines are read in place (a view of the read buffer), the rest
    /// byte by byte; a reader with 7-byte chunks reads every line byte by
    /// byte. Both must give the same records, lines and problems, and the
    /// fields read in place must equal the fields laid end to end.
    func testLinesReadInPlaceEqualLinesReadByteByByte() throws {
        let text = "a,b,c\r\n1,2,3\r\n4,,\r\n,,\r\n\r\n5,\"q,x\",6\nélan,ü,7\n8, 9 ,10\r\n\r\r\n11\n12,13,14,15\n\"\"\n16,\r,17\n18,19,20\n"
        // Also: delimiters on both sides of an 8-byte boundary, a NUL and an invalid byte inside the first eight bytes.
        let bytes = Array(text.utf8) + [0x31, 0x2C, 0x00, 0x2C, 0x32, 0x0A, 0x31, 0x2C, 0xFF, 0x2C, 0x32, 0x0A]
            + Array("1234567,,9abcdef,x,y\n".utf8) + Array("abcdefg".utf8) + [0x00] + Array("hijk,l\n".utf8)
            + Array("abcd,fg".utf8) + [0xFF] + Array("hijk,l\n".utf8)
        // UTF-8 given: detection from the first block would differ between the two chunk sizes.
        let whole = try DelimitedReader(bytes: bytes, encoding: .utf8)
        let small = try DelimitedReader(bytes: bytes, chunkSize: 7, encoding: .utf8)
        var inPlace = 0, n = 0
        while let a = try whole.next() {
            if a.viewBase != nil { inPlace += 1 }
            let laid = a.bytes, ends = a.ends
            a.withFields { f in
                XCTAssertEqual(f.ends.count, ends.count)
                for i in 0..<min(f.ends.count, ends.count) {
                    XCTAssertEqual(Array(f.raw(i)), Array(laid[(i == 0 ? 0 : ends[i - 1])..<ends[i]]), "line \(a.line) field \(i)")
                }
            }
            let b = try XCTUnwrap(try small.next())
            XCTAssertEqual(a.line, b.line)
            XCTAssertEqual(a.strings, b.strings, "line \(a.line)")
            XCTAssertEqual(a.problem, b.problem, "line \(a.line)")
            n += 1
        }
        XCTAssertNil(try small.next())
        XCTAssertEqual(n, 17)
        XCTAssertGreaterThanOrEqual(inPlace, 9, "plain lines are read in place")
    }

    func testBOMIsSkipped() throws {
        let (reader, rows) = try records([0xEF, 0xBB, 0xBF] + Array("persoon_id,x\nA,é\n".utf8))
        XCTAssertEqual(reader.header, ["persoon_id", "x"])
        XCTAssertEqual(reader.encoding, .utf8)
        XCTAssertEqual(rows[0].1, ["A", "é"])
    }

    func testWindows1252IsDetectedAndTranscoded() throws {
        let bytes = Array("naam;tekst\n".utf8) + [UInt8(ascii: "a"), UInt8(ascii: ";"), 0xE9, 0xEB, 0x92, 0x80, 10]
        let (reader, rows) = try records(bytes)
        XCTAssertEqual(reader.encoding, .cp1252)
        XCTAssertEqual(reader.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(rows[0].1, ["a", "éë’€"])
    }

    func testUndefinedWindows1252ByteRejectsTheRow() throws {
        let bytes = Array("a;b\n".utf8) + [UInt8(ascii: "x"), UInt8(ascii: ";"), 0x81, 10] + Array("y;z\n".utf8)
        let (_, rows) = try records(bytes, encoding: .cp1252)
        XCTAssertEqual(rows[0].2, .badEncoding)
        XCTAssertNil(rows[1].2)
    }

    func testInvalidUTF8InAUTF8FileRejectsTheRow() throws {
        let bytes = Array("a,b\nx,é\n".utf8) + [UInt8(ascii: "y"), UInt8(ascii: ","), 0xFF, 10]
        let (_, rows) = try records(bytes, encoding: .utf8)
        XCTAssertNil(rows[0].2)
        XCTAssertEqual(rows[1].2, .badEncoding)
        XCTAssertEqual(rows[1].0, 3)
    }

    func testUTF16IsRefused() throws {
        for bom: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            XCTAssertThrowsError(try records(bom + [UInt8(ascii: "a"), 0, 10, 0])) { error in
                XCTAssertEqual(error as? InputProblem, .unsupportedEncoding)
                XCTAssertTrue((error as! InputProblem).message.contains("save the file as UTF-8"))
            }
        }
        XCTAssertThrowsError(try records([UInt8(ascii: "a"), 0, UInt8(ascii: ","), 0, 10, 0])) {
            XCTAssertEqual($0 as? InputProblem, .unsupportedEncoding)
        }
        XCTAssertThrowsError(try records([0, UInt8(ascii: "a"), 0, UInt8(ascii: ","), 0, 10])) {
            XCTAssertEqual($0 as? InputProblem, .unsupportedEncoding)
        }
    }

    func testNULBytesRejectTheRowOrRefuseTheHeader() throws {
        let bytes = Array("a,b\nx,1\n".utf8) + [UInt8(ascii: "y"), UInt8(ascii: ","), 0, 10] + Array("z,3\n".utf8)
        let (_, rows) = try records(bytes)
        XCTAssertEqual(rows.map(\.2), [nil, .nulByte, nil])
        XCTAssertEqual(rows[1].0, 3)
        // A binary file: NULs at both byte parities (not UTF-16), in the header.
        XCTAssertThrowsError(try records(Array("SQLite format 3".utf8) + [0, 0, 0, 0, 0, 1, 0, 0, 10] + Array("a,b\n".utf8))) { error in
            guard case .headerNotText? = error as? InputProblem else { return XCTFail("\(error)") }
        }
        // A header longer than 1 MiB, or with a quote that never closes.
        XCTAssertThrowsError(try records(String(repeating: "x", count: DelimitedReader.maxRecordBytes + 1) + "\n1\n")) {
            XCTAssertEqual($0 as? InputProblem, .headerTooLong)
        }
        XCTAssertThrowsError(try records("a,\"b\n1,2\n")) { XCTAssertEqual($0 as? InputProblem, .headerUnclosedQuote) }
    }

    func testMixedEncodingsRejectTheRowsOfTheMinority() throws {
        let utf8Row = Array("x;Súdwest-Fryslân\n".utf8)
        let cpRow = Array("y;S".utf8) + [0xFA] + Array("dwest-Frysl".utf8) + [0xE2] + Array("n\n".utf8)
        // Mostly UTF-8: read as UTF-8, the Windows-1252 row is not valid UTF-8.
        let (a, rowsA) = try records(Array("a;b\n".utf8) + utf8Row + utf8Row + cpRow + utf8Row)
        XCTAssertEqual(a.encoding, .utf8)
        XCTAssertEqual(rowsA.map(\.2), [nil, nil, .badEncoding, nil])
        // Mostly Windows-1252: read as such, the UTF-8 row is rejected, not turned into "SÃºdwest".
        let (b, rowsB) = try records(Array("a;b\n".utf8) + cpRow + cpRow + utf8Row + cpRow)
        XCTAssertEqual(b.encoding, .cp1252)
        XCTAssertEqual(rowsB.map(\.2), [nil, nil, .mixedEncoding, nil])
        XCTAssertEqual(rowsB[0].1, ["y", "Súdwest-Fryslân"])
        // Forced, the encoding is taken as given.
        let (_, forced) = try records(Array("a;b\n".utf8) + cpRow + utf8Row, encoding: .cp1252)
        XCTAssertEqual(forced.map(\.2), [nil, nil])
    }

    func testAHeaderWithoutRowsIsAFileError() {
        for text in ["a,b\n", "a,b", "a,b\r\n\r\n\n"] {
            XCTAssertThrowsError(try records(text)) { XCTAssertEqual($0 as? InputProblem, .noRows) }
        }
        XCTAssertEqual(InputProblem.noRows.located(in: "f.csv"), "f.csv:2: no data rows after the header; expected at least one row")
        XCTAssertEqual(InputProblem.cannotOpen("x").located(in: "f.csv"), "f.csv: cannot open the file: x")
    }

    func testDelimiterDetection() throws {
        XCTAssertEqual(try records("a;b;c\n1;\"x, y, z\";3\n").0.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(try records("a\tb\n1\t2\n").0.delimiter, 9)
        XCTAssertEqual(try records("a,b\n1,2\n").0.delimiter, UInt8(ascii: ","))
        // Commas inside a quoted header name do not count.
        XCTAssertEqual(try records("\"a,b,c\";d\n1;2\n").0.delimiter, UInt8(ascii: ";"))
        // A semicolon file whose text fields contain commas.
        let (_, rows) = try records("x;omschrijving\n1;ruzie, geen aangifte, wel melding\n")
        XCTAssertEqual(rows[0].1, ["1", "ruzie, geen aangifte, wel melding"])
        // Override.
        let (_, forced) = try records(Array("a;b\n1;2\n".utf8), delimiter: UInt8(ascii: ","))
        XCTAssertEqual(forced[0].1, ["1;2"])
    }

    func testUnterminatedQuoteAtEOF() throws {
        let (_, rows) = try records("a,b\n1,2\n3,\"open\nstill open")
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[1].0, 3)
        XCTAssertEqual(rows[1].2, .unterminatedQuote)
    }

    func testOversizedRecordIsRejectedAndTheReaderResynchronises() throws {
        var text = "a,b\n1,\"" + String(repeating: "x", count: DelimitedReader.maxRecordBytes + 10) + "\n2,3\n"
        text += "4,5\n"
        let (_, rows) = try records(text)
        XCTAssertEqual(rows[0].2, .tooLong)
        XCTAssertEqual(rows[0].0, 2)
        XCTAssertEqual(rows.last?.1, ["4", "5"])
        XCTAssertEqual(rows.last?.0, 4)
    }

    func testTooManyColumnsIsAFileError() {
        let header = (0...1000).map { "c\($0)" }.joined(separator: ",") + "\n"
        XCTAssertThrowsError(try records(header)) { XCTAssertEqual($0 as? InputProblem, .tooManyColumns(1001)) }
    }

    func testRecordsAcrossChunkBoundaries() throws {
        var text = "id,text\n"
        for i in 0..<200_000 { text += "\(i),\"a \"\"q\"\" b\nc\"\n" }
        let (_, rows) = try records(text)
        XCTAssertEqual(rows.count, 200_000)
        XCTAssertTrue(rows.allSatisfy { $0.1.count == 2 && $0.1[1] == "a \"q\" b\nc" })
        XCTAssertEqual(rows.last?.0, 2 + 2 * 199_999)
    }
}
