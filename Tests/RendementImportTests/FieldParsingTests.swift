import Foundation
import RendementCore
@testable import RendementImport
import XCTest

final class FieldParsingTests: XCTestCase {
    let parser = DateParser(today: Day(year: 2020, month: 6, day: 30)!)

    func testEveryDateForm() {
        let d = Day(year: 2013, month: 3, day: 7)!
        for text in ["2013-03-07", "07-03-2013", "7-3-2013", "07/03/2013", "7/3/2013", "20130307", " 2013-03-07 "] {
            XCTAssertEqual(parser.parse(text.trimmingCharacters(in: .whitespaces)), .day(d, precision: 0), text)
        }
    }

    func testInvalidDates() {
        for text in ["31-02-2013", "2013-13-01", "2013-02-30", "32-01-2013", "2013/03/07", "13-2013", "2013-3-7x", "abc", "2013-03", "2013", "7-3-13", "07--2013"] {
            XCTAssertEqual(parser.parse(text), .bad, text)
        }
    }

    func testImplausibleDates() {
        XCTAssertEqual(parser.parse("31-12-1899"), .implausible)
        XCTAssertEqual(parser.parse("1899", partial: true), .implausible)
        XCTAssertEqual(parser.parse("2020-07-01"), .implausible)
        XCTAssertEqual(parser.parse("2031-01-01"), .implausible)
        XCTAssertEqual(parser.parse("1900-01-01"), .day(Day(year: 1900, month: 1, day: 1)!, precision: 0))
        XCTAssertEqual(parser.parse("2020-06-30"), .day(Day(year: 2020, month: 6, day: 30)!, precision: 0))
    }

    func testPartialBirthDates() {
        XCTAssertEqual(parser.parse("1994-07", partial: true), .day(Day(year: 1994, month: 7, day: 15)!, precision: 1))
        XCTAssertEqual(parser.parse("1994", partial: true), .day(Day(year: 1994, month: 7, day: 1)!, precision: 2))
        XCTAssertEqual(parser.parse("1994-13", partial: true), .bad)
        XCTAssertEqual(parser.parse(""), .empty)
    }

    /// The row parser's date cache gives what the date parser gives, for
    /// the same bytes parsed again, in either form (full or partial), for
    /// thousands of dates (many sharing cache slots) and for bad ones.
    func testCachedDatesEqualParsedDates() throws {
        let schema = InputSchema.of(.bvh)
        let header = schema.columns.map(\.name)
        let rows = RowParser(schema: schema, map: try HeaderMap(header: header, schema: schema), today: parser.today)
        let column = rows.column("geboortedatum")
        var texts: [String] = ["1994", "1994-07", "2013-03-07", "31-02-2013", "1899", "2020-07-01", "7-3-2013", "20130307"]
        var day = Day(year: 1990, month: 1, day: 1)!
        for _ in 0..<6000 { texts.append(day.iso); day = Day(number: day.number + 3) }
        for pass in 0..<3 {
            for text in texts + texts.reversed() {
                for partial in [false, true] {
                    var fields = Array(repeating: "", count: header.count)
                    fields[column] = text
                    let bytes = Array(fields.joined().utf8)
                    var ends: [Int] = [], end = 0
                    for f in fields { end += f.utf8.count; ends.append(end) }
                    let got: (Day, Int)?? = bytes.withUnsafeBufferPointer { b in
                        ends.withUnsafeBufferPointer { e in
                            try? rows.date(FieldView(base: b, ends: e), column, "geboortedatum", required: true, partial: partial)
                        }
                    }
                    let expected: (Day, Int)?? = switch parser.parse(text, partial: partial) {
                    case let .day(d, p): .some((d, p))
                    default: .none
                    }
                    XCTAssertEqual(got??.0, expected??.0, "\(text) partial \(partial) pass \(pass)")
                    XCTAssertEqual(got??.1, expected??.1, "\(text) partial \(partial) pass \(pass)")
                }
            }
        }
    }

    func testSexSynonymsFromTheSchema() {
        let column = InputSchema.of(.bvh).column("geslacht")!
        let enumParser = EnumParser(column: column)
        func parse(_ s: String) -> String? {
            var b = Array(s.utf8)
            return b.withUnsafeMutableBufferPointer { enumParser.parse(UnsafeBufferPointer($0)) }.map { column.values![$0] }
        }
        for (text, sex) in [("man", "man"), ("M", "man"), ("Man", "man"), ("male", "man"), ("MALE", "man"),
                            ("vrouw", "vrouw"), ("V", "vrouw"), ("F", "vrouw"), ("female", "vrouw"), ("Vrouw", "vrouw"),
                            ("onbekend", "onbekend"), ("O", "onbekend"), ("U", "onbekend"), ("unknown", "onbekend")] {
            XCTAssertEqual(parse(text), sex, text)
            XCTAssertEqual(Sex(synonym: text)?.rawValue, sex, "Core agrees on \(text)")
        }
        XCTAssertNil(parse("Z"))
        XCTAssertNil(parse("mannen"))
    }

    func testSchemaEnumsAgreeWithCore() {
        for kind in InputKind.allCases {
            for c in InputSchema.of(kind).columns where c.type == .enum {
                for v in c.values! {
                    switch c.name {
                    case "rol": XCTAssertNotNil(BVHRole(rawValue: v))
                    case "geslacht": XCTAssertNotNil(Sex(rawValue: v))
                    case "delictcategorie": XCTAssertNotNil(OffenceCategory(rawValue: v))
                    case "ernst": XCTAssertNotNil(Severity(rawValue: v))
                    case "rol_invuller": XCTAssertNotNil(StappenmeterRole(rawValue: v))
                    default: XCTFail("unexpected enum \(c.name)")
                    }
                }
                for (k, v) in c.synonyms ?? [:] { XCTAssertTrue(c.values!.contains(v), "\(k) -> \(v)") }
            }
        }
    }
}
