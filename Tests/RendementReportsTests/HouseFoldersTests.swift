import XCTest
@testable import RendementReports

/// Folder names of Veiligheidshuizen in a report set: readable, unique,
/// at most 64 bytes, and independent of the registry's order.
final class HouseFoldersTests: XCTestCase {
    func testReadableNamesStayAsTheyWere() throws {
        let folders = try HouseFolders.assign(["Fryslân", "Den Haag", "'s-Hertogenbosch", "Rotterdam-Rijnmond"])
        XCTAssertEqual(folders, ["Fryslân": "fryslan", "Den Haag": "den-haag", "'s-Hertogenbosch": "s-hertogenbosch",
                                 "Rotterdam-Rijnmond": "rotterdam-rijnmond"])
    }

    func testNamesThatWouldShareAFolderEachGetTheirOwn() throws {
        let names = ["Utrecht!", "Utrecht?", "utrecht", "Ütrecht", "Haaglanden"]
        let folders = try HouseFolders.assign(names)
        XCTAssertEqual(Set(folders.values).count, names.count, "\(folders)")
        XCTAssertEqual(folders["Haaglanden"], "haaglanden", "a name without a clash keeps its plain folder")
        for name in names where name != "Haaglanden" {
            XCTAssertTrue(folders[name]!.hasPrefix("utrecht-"), folders[name]!)
            XCTAssertEqual(folders[name]!.count, "utrecht-".count + 8)
        }
    }

    /// The suffix comes from the name itself: the same in any order, and the
    /// same whichever other houses clash.
    func testSuffixesDependOnTheNameNotTheOrder() throws {
        let a = try HouseFolders.assign(["Utrecht!", "Utrecht?", "Twente"])
        let b = try HouseFolders.assign(["Twente", "Utrecht?", "Utrecht!"])
        let c = try HouseFolders.assign(["Utrecht?", "Utrecht.", "Utrecht!"])
        XCTAssertEqual(a, b)
        XCTAssertEqual(a["Utrecht!"], c["Utrecht!"])
        XCTAssertEqual(a["Utrecht?"], c["Utrecht?"])
    }

    func testLongAndEmptyNamesAreBounded() throws {
        let long = String(repeating: "Veiligheidshuis Zuid-Holland-Zuid ", count: 9).prefix(300)
        let longer = long + " (oud)"
        let folders = try HouseFolders.assign([String(long), String(longer), "!!!", "???"])
        XCTAssertEqual(Set(folders.values).count, 4, "\(folders)")
        for f in folders.values {
            XCTAssertLessThanOrEqual(f.utf8.count, HouseFolders.maxBytes, f)
            XCTAssertFalse(f.contains("/") || f.hasPrefix(".") || f.hasPrefix("-"), f)
        }
        XCTAssertTrue(folders["!!!"]!.hasPrefix("veiligheidshuis-"))
    }
}
