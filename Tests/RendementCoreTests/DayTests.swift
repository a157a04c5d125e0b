import Foundation
import XCTest
@testable import RendementCore

final class DayTests: XCTestCase {
    /// Compares the day-number conversion with Foundation's Gregorian calendar
    /// (an independent implementation) for every day from 1900 to 2100.
    func testDayNumbersAgreeWithFoundationCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = Date(timeIntervalSince1970: 0)
        for n in stride(from: -25567, through: 47482, by: 1) {
            let date = epoch.addingTimeInterval(Double(n) * 86400)
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            let day = Day(number: Int32(n))
            XCTAssertEqual(day.components.year, c.year)
            XCTAssertEqual(day.components.month, c.month)
            XCTAssertEqual(day.components.day, c.day)
            XCTAssertEqual(Day(year: c.year!, month: c.month!, day: c.day!)?.number, Int32(n))
            if day.components.day != c.day { return }
        }
    }

    func testInvalidDatesAreRejected() {
        XCTAssertNil(Day(year: 2013, month: 2, day: 29))
        XCTAssertNotNil(Day(year: 2012, month: 2, day: 29))
        XCTAssertNil(Day(year: 1900, month: 2, day: 29))
        XCTAssertNotNil(Day(year: 2000, month: 2, day: 29))
        XCTAssertNil(Day(year: 2013, month: 13, day: 1))
        XCTAssertNil(Day(year: 2013, month: 4, day: 31))
        XCTAssertNil(Day(year: 2013, month: 0, day: 1))
    }

    func testAddingMonthsClampsToMonthEnd() {
        let jan31 = Day(year: 2013, month: 1, day: 31)!
        XCTAssertEqual(jan31.adding(months: 1).iso, "2013-02-28")
        XCTAssertEqual(Day(year: 2012, month: 1, day: 31)!.adding(months: 1).iso, "2012-02-29")
        XCTAssertEqual(jan31.adding(months: -2).iso, "2012-11-30")
        XCTAssertEqual(jan31.adding(months: 12).iso, "2014-01-31")
        XCTAssertEqual(Day(year: 2013, month: 3, day: 15)!.adding(months: -15).iso, "2011-12-15")
        XCTAssertEqual(Day(year: 2013, month: 5, day: 31)!.adding(months: -3).iso, "2013-02-28")
    }

    func testCompletedMonths() {
        let a = Day(year: 2013, month: 1, day: 31)!
        XCTAssertEqual(a.completedMonths(to: Day(year: 2013, month: 2, day: 27)!), 0)
        XCTAssertEqual(a.completedMonths(to: Day(year: 2013, month: 2, day: 28)!), 1)
        XCTAssertEqual(a.completedMonths(to: Day(year: 2014, month: 1, day: 30)!), 11)
        XCTAssertEqual(a.completedMonths(to: Day(year: 2014, month: 1, day: 31)!), 12)
    }

    func testAgeInCompletedYears() {
        let birth = Day(year: 1995, month: 6, day: 15)!
        XCTAssertEqual(Day(year: 2013, month: 6, day: 14)!.age(bornOn: birth), 17)
        XCTAssertEqual(Day(year: 2013, month: 6, day: 15)!.age(bornOn: birth), 18)
        let leap = Day(year: 1996, month: 2, day: 29)!
        XCTAssertEqual(Day(year: 2014, month: 2, day: 28)!.age(bornOn: leap), 17)
        XCTAssertEqual(Day(year: 2014, month: 3, day: 1)!.age(bornOn: leap), 18)
    }

    func testFormatting() {
        let d = Day(year: 2013, month: 4, day: 5)!
        XCTAssertEqual(d.iso, "2013-04-05")
        XCTAssertEqual(d.dutch, "05-04-2013")
        XCTAssertEqual(Day(number: 0).iso, "1970-01-01")
    }
}

final class CoreValueTests: XCTestCase {
    func testQuarterParsingAndBounds() {
        let q = Quarter("2013Q2")
        XCTAssertEqual(q, Quarter(year: 2013, quarter: 2))
        XCTAssertEqual(q?.firstDay.iso, "2013-04-01")
        XCTAssertEqual(q?.lastDay.iso, "2013-06-30")
        XCTAssertEqual(Quarter(containing: Day(year: 2013, month: 12, day: 31)!).description, "2013Q4")
        XCTAssertNil(Quarter("2013Q5"))
        XCTAssertNil(Quarter("Q2"))
    }

    func testSexSynonyms() {
        for (text, sex) in [("M", Sex.man), ("man", .man), ("Male", .man), ("V", .vrouw), ("F", .vrouw),
                            ("female", .vrouw), ("VROUW", .vrouw), ("O", .onbekend), ("U", .onbekend), ("unknown", .onbekend)] {
            XCTAssertEqual(Sex(synonym: text), sex, text)
        }
        XCTAssertNil(Sex(synonym: "q"))
        XCTAssertNil(Sex(synonym: ""))
    }

    func testPersonIDRules() {
        XCTAssertTrue(PersonID.isValid("P000123_a-b"))
        XCTAssertFalse(PersonID.isValid(""))
        XCTAssertFalse(PersonID.isValid("has space"))
        XCTAssertFalse(PersonID.isValid("é"))
        XCTAssertTrue(PersonID.isValid(String(repeating: "a", count: 64)))
        XCTAssertFalse(PersonID.isValid(String(repeating: "a", count: 65)))
        // The importer's bit-set check on raw bytes agrees with the rule, byte by byte.
        for b in 0...255 {
            let byte = [UInt8(b), UInt8(ascii: "x")]
            let expected = (65...90).contains(b) || (97...122).contains(b) || (48...57).contains(b) || b == 95 || b == 45
            XCTAssertEqual(byte.withUnsafeBufferPointer { PersonID.isValid($0) }, expected, "byte \(b)")
            XCTAssertEqual(PersonID.isValid(byte), expected, "byte \(b)")
        }
    }

    func testAgeBands() {
        XCTAssertEqual(AgeBand.defaults.map(\.description), ["12-17", "18-24", "25-34", "35-"])
        XCTAssertTrue(AgeBand("35+")!.contains(70))
        XCTAssertFalse(AgeBand("12-17")!.contains(18))
        XCTAssertNil(AgeBand.parseList("12-17,15-20"))
        XCTAssertEqual(AgeBand.parseList("18-24,12-17")?.map(\.description), ["12-17", "18-24"])
    }

    func testLabelsNormalise() {
        XCTAssertEqual(OffenceCategory(text: "Vernieling Openbare-Orde"), .vernielingOpenbareOrde)
        XCTAssertEqual(Severity(text: "zeer ernstig"), .zeerErnstig)
        XCTAssertEqual(BVHRole(text: "Verdachte"), .verdachte)
        XCTAssertEqual(TargetGroup("Huiselijk geweld").label, "huiselijk_geweld")
        XCTAssertEqual(InputName.normalize("Persoon_ID"), "persoonid")
    }
}
