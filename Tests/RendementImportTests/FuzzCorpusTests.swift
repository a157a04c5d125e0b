import Foundation
import RendementCore
@testable import RendementImport
import XCTest

/// Replays the committed fuzz inputs (fuzz/seeds, fuzz/corpus, fuzz/regressions;
/// scripts/fuzz.sh) through the import harness: the reader, header matching,
/// field parsers and row validation must reject or accept every one of them
/// without trapping. A trap ends the test process, which fails the run.
final class FuzzCorpusTests: XCTestCase {
    /// The repository's fuzz/ folder.
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz").path

    static func inputs(_ folder: String) -> [(name: String, bytes: [UInt8])] {
        let dir = fuzzDirectory + "/" + folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name in
            FileManager.default.contents(atPath: dir + "/" + name).map { (name, [UInt8]($0)) }
        }
    }

    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        bytes.withUnsafeBytes { fuzzImportInput($0) }
    }

    /// A harness input: the configuration byte, then the file.
    static func input(_ kind: InputKind, config: UInt8 = 0, _ text: String) -> [UInt8] {
        [UInt8(InputKind.allCases.firstIndex(of: kind)!) | config] + Array(text.utf8)
    }

    func testEveryCommittedFuzzInputRunsThrough() {
        var total = 0
        for folder in ["seeds", "corpus", "regressions"] {
            let inputs = Self.inputs(folder)
            if folder != "regressions" { XCTAssertFalse(inputs.isEmpty, "fuzz/\(folder) is empty") }
            for input in inputs { _ = Self.run(input.bytes) }
            total += inputs.count
        }
        XCTAssertGreaterThan(total, 100)
    }

    func testSeedsAreReadAsIntended() {
        let seeds = Dictionary(uniqueKeysWithValues: Self.inputs("seeds").map { ($0.name, Self.run($0.bytes)) })
        // Generated extracts with canonical headers: every row is read and valid.
        for kind in InputKind.allCases {
            let o = seeds["gen-\(kind.rawValue)-0"]
            XCTAssertEqual(o?.kind, kind)
            XCTAssertNil(o?.problem)
            XCTAssertGreaterThan(o?.accepted ?? 0, 10)
            XCTAssertEqual(o?.accepted, o?.rowsRead)
        }
        // The generator's own headers need its mapping file, which the harness does not use.
        XCTAssertEqual(seeds["gen-bvh-mapped-header"]?.problem, .missingColumns(["registratienummer", "persoon_id", "incidentcode"]))
        XCTAssertEqual(seeds["hand-10-bvh"]?.problem, .identifyingColumn("bsn"))
        XCTAssertEqual(seeds["hand-06-veiligheidshuizen"]?.rejected, [.missingRequired: 1, .badNumber: 3])
    }

    /// The in-memory reader the harness uses reads as the file reader does.
    func testInMemoryReaderMatchesTheFileReader() throws {
        let dir = TempDir()
        var inputs = Self.inputs("seeds") + Self.inputs("regressions")
        inputs += Self.inputs("corpus").enumerated().filter { $0.offset % 20 == 0 }.map(\.element)
        for (i, input) in inputs.enumerated() {
            let bytes = Array(input.bytes.dropFirst())
            let path = dir.write("f\(i).csv", bytes: bytes)
            let fromFile: DelimitedReader, fromMemory: DelimitedReader
            do throws(InputProblem) {
                fromFile = try DelimitedReader(path: path)
            } catch {
                XCTAssertThrowsError(try DelimitedReader(bytes: bytes)) { XCTAssertEqual($0 as? InputProblem, error, input.name) }
                continue
            }
            fromMemory = try DelimitedReader(bytes: bytes)
            XCTAssertEqual(fromFile.header, fromMemory.header, input.name)
            XCTAssertEqual(fromFile.encoding, fromMemory.encoding, input.name)
            XCTAssertEqual(fromFile.delimiter, fromMemory.delimiter, input.name)
            XCTAssertEqual(fromFile.fileSize, fromMemory.fileSize, input.name)
            while true {
                let a = try fromFile.next(), b = try fromMemory.next()
                XCTAssertEqual(a == nil, b == nil, input.name)
                guard let a, let b else { break }
                XCTAssertEqual(a.line, b.line, input.name)
                XCTAssertEqual(a.bytes, b.bytes, input.name)
                XCTAssertEqual(a.ends, b.ends, input.name)
                XCTAssertEqual(a.problem, b.problem, input.name)
            }
            XCTAssertEqual(fromFile.bytesConsumed, fromMemory.bytesConsumed, input.name)
        }
    }

    /// The harness's own switches: a small record limit and a chunked second read.
    func testHarnessExercisesRecordLimitAndChunkBoundaries() {
        let long = String(repeating: "x", count: 60)
        let text = "persoon_id,geboortedatum,geslacht\r\np1,1994-07-02,m\r\np2,\"\(long)\",v\r\np3,\"1994\r\n\",\"m\"\"\"\r\n"
        // Chunks of 5 bytes and a 48-byte record limit: the long record is cut, the next one read.
        let o = Self.run(Self.input(.personen, config: 0x08 | 0x20, text))
        XCTAssertNil(o.problem)
        XCTAssertEqual(o.rowsRead, 3)
        XCTAssertEqual(o.recordProblems, [.tooLong: 1])
        XCTAssertEqual(o.accepted, 1)
        XCTAssertEqual(o.rejected, [.wrongFieldCount: 1, .badDate: 1])
        // Without the limit the long field is read and rejected as a date.
        let whole = Self.run(Self.input(.personen, config: 0x18, text))
        XCTAssertEqual(whole.recordProblems, [:])
        XCTAssertEqual(whole.rejected, [.badDate: 2])
    }
}

/// Regression found by the fuzzer: a given `--encoding` is taken as given;
/// the UTF-16 guess (from NUL bytes in the first block) applies only when
/// the encoding is detected, so a chunked re-read agrees with the first.
final class ForcedEncodingTests: XCTestCase {
    func testAForcedEncodingIsNotSecondGuessed() throws {
        let bytes: [UInt8] = Array("a,b\n".utf8) + [UInt8](repeating: 0, count: 40) + Array("x,y\n".utf8)
        for chunk in [5, 17, 4096] {
            let r = try DelimitedReader(bytes: bytes, chunkSize: chunk, encoding: .utf8)
            XCTAssertEqual(r.header, ["a", "b"])
            let first = try XCTUnwrap(try r.next())
            XCTAssertEqual(first.problem, .nulByte, "the NUL row is rejected, the file is not refused")
        }
        // Detected, a file that looks like UTF-16 is still refused.
        let utf16 = Array("a,b\nc,d\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        XCTAssertThrowsError(try DelimitedReader(bytes: utf16))
    }
}
