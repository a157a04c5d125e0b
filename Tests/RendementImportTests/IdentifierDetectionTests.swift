import Foundation
import XCTest
@testable import RendementImport

/// The pseudonymiser's two checks on their own: column names that identify
/// people (every name of issue 15, in variants of case, accents and
/// separators, and names that must pass), and identifiers recognised by
/// their form -- the BSN eleven-test and the IBAN check against
/// python-stdnum (fixture from scripts/reference/identifiers.py).
final class IdentifierDetectionTests: XCTestCase {
    func testEveryIdentifyingColumnNameIsRecognised() {
        let identifying = [
            // The example file and list.
            "Burgerservicenummer", "BSN", "bsn", "Telefoonnummer", "E-mailadres", "Naam cliënt", "IBAN", "Mobiel", "Huisnr", "Kenteken",
            "Voornaam", "Achternaam", "naam", "geboorteplaats", "adres", "straat", "huisnummer", "postcode", "woonplaats", "telefoon",
            "e-mail", "email",
            // Case, accents, spaces, _ and -.
            "NAAM_CLIËNT", "naam-client", "Naam  Cliënt", "e_mail", "E-Mail", "TELEFOON NUMMER", "Huis_nr", "huis-nummer", "Post Code",
            "Geboorte plaats", "bsn_client", "Mobiel nummer", "kenteken voertuig", "iban_rekening",
            // More of the same kinds, Dutch and English.
            "Roepnaam", "Tussenvoegsel", "Voorletters", "Woonadres", "Straatnaam", "Verblijfplaats", "Tel", "GSM", "Rekeningnummer",
            "Paspoortnummer", "Rijbewijsnummer", "Sofinummer", "First name", "Last name", "Surname", "Full name", "Name", "Address",
            "Street", "House number", "Zip code", "Postal code", "Phone", "Mobile", "E-mail address", "License plate", "Place of birth",
            "Passport", "Naam verdachte", "Persoonsnaam",
        ]
        for name in identifying { XCTAssertNotNil(IdentifyingColumns.reason(for: name), name) }
        XCTAssertEqual(IdentifyingColumns.reason(for: "Burgerservicenummer"), "BSN")
        XCTAssertEqual(IdentifyingColumns.reason(for: "Naam cliënt"), "naam")
        let ordinary = [
            // Every canonical column of the input schemas.
            "persoon_id", "geboortedatum", "geslacht", "veiligheidshuis", "regio", "opgericht", "gemeenten", "doelgroep", "casusoverleg",
            "aanmelddatum", "instroomdatum", "plan_van_aanpak", "uitstroomdatum", "registratienummer", "rol", "pleegdatum",
            "registratiedatum", "incidentcode", "incidentomschrijving", "gemeente", "pv_nummer", "feitcode", "delictcategorie", "ernst",
            // Names of things, not of people.
            "Naam Veiligheidshuis", "casusoverleg_naam", "Gemeentenaam", "Bestandsnaam", "file name", "Regio naam", "",
        ]
        for name in ordinary { XCTAssertNil(IdentifyingColumns.reason(for: name), name) }
    }

    private struct Fixture: Decodable {
        struct Case: Decodable { let value: String; let valid: Bool }
        let bsn: [Case]
        let iban: [Case]
    }

    private func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/identifiers.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func testElevenTestMatchesPythonStdnum() throws {
        let cases = try fixture().bsn
        XCTAssertGreaterThan(cases.count, 500)
        XCTAssertGreaterThan(cases.filter(\.valid).count, 100)
        for c in cases {
            XCTAssertEqual(IdentifierShape.passesElevenTest(Array(c.value.utf8)), c.valid, c.value)
            XCTAssertEqual(IdentifierShape.find(in: c.value) == .bsn, c.valid, c.value)
            XCTAssertEqual(IdentifierShape.find(in: "BSN: \(c.value).") == .bsn, c.valid, "in text: \(c.value)")
        }
    }

    func testIBANCheckMatchesPythonStdnum() throws {
        let cases = try fixture().iban
        XCTAssertGreaterThan(cases.count, 300)
        for c in cases {
            XCTAssertEqual(IdentifierShape.find(in: c.value) == .iban, c.valid, c.value)
            XCTAssertEqual(IdentifierShape.find(in: "rekening \(c.value.lowercased()) t.n.v.") == .iban, c.valid, "in text: \(c.value)")
        }
    }

    func testEmailAndPhoneShapes() {
        for email in ["jan@example.nl", "j.de.vries+x@sub.example.org", "Mail naar JAN_1@Example.COM graag"] {
            XCTAssertEqual(IdentifierShape.find(in: email), .email, email)
        }
        for phone in ["0612345678", "06-12345678", "06 1234 5678", "010-1234567", "(010) 123 45 67", "+31 6 12345678", "+31(0)6-12345678",
                      "0031 6 1234 5678", "+44 20 7946 0958", "bel 06-12345678 na vijven", "tel.: 0201234567"] {
            XCTAssertEqual(IdentifierShape.find(in: phone), .phone, phone)
        }
        let ordinary = [
            "2013-01-15", "15-01-2013", "05-01-2013 12:30", "5-1-2013 12:30:00", "20130115", "2013-01-15T12:30:00Z", "0.123456789",
            "1.234.567,89", "PL0900-2013012345", "R1", "Veiligheidshuis Utrecht", "987654321", "123456789", "NL91ABNA0417164301",
            "12-17", "35-", "2013Q2", "a@b", "x@localhost", "3,14159265", "1234567890", "06-1234567", "'s-Hertogenbosch",
        ]
        for value in ordinary { XCTAssertNil(IdentifierShape.find(in: value), value) }
    }

    func testTheImporterRefusesTheSameNamesUnlessAMappingMakesThemACanonicalColumn() throws {
        let schema = InputSchema.of(.clienten)
        let base = schema.columns.map(\.name)
        for extra in ["Telefoonnummer", "E-mailadres", "Naam cliënt", "Kenteken", "IBAN", "Huisnr", "Mobiel", "Burgerservicenummer"] {
            XCTAssertThrowsError(try HeaderMap(header: base + [extra], schema: schema)) {
                XCTAssertEqual($0 as? InputProblem, .identifyingColumn(extra))
            }
        }
        XCTAssertNoThrow(try HeaderMap(header: base + ["Naam Veiligheidshuis"], schema: schema), "a thing's name is no identifier")
        // "Naam" mapped to veiligheidshuis is that column; mapped to persoon_id it stays an identifier.
        let renamed = base.map { $0 == "veiligheidshuis" ? "Naam" : $0 }
        XCTAssertThrowsError(try HeaderMap(header: renamed, schema: schema))
        XCTAssertEqual(try HeaderMap(header: renamed, schema: schema, mapping: ["veiligheidshuis": "Naam"]).index["veiligheidshuis"],
                       renamed.firstIndex(of: "Naam"))
        let bsn = base.map { $0 == "persoon_id" ? "BSN" : $0 }
        XCTAssertThrowsError(try HeaderMap(header: bsn, schema: schema, mapping: ["persoon_id": "BSN"])) {
            XCTAssertEqual($0 as? InputProblem, .identifyingColumn("BSN"))
        }
    }
}
