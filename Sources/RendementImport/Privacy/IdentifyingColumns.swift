import Foundation

/// Column names that identify people directly, in Dutch and English: the
/// one list behind `rendement pseudonymize` (such columns are dropped) and
/// the importer (a file with one is refused). Names are compared after
/// folding case and accents and dropping everything but letters and digits,
/// so `E-mailadres`, `e_mail` and `EMAIL` are one name, and `Naam cliënt`
/// is `naamclient`.
public enum IdentifyingColumns {
    /// What a column name is compared as: `Naam cliënt` -> `naamclient`.
    public static func key(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(folded.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init)).lowercased()
    }

    /// Identifiers a name holds anywhere (`telefoonnummer`, `emailadres`, `woonadres`, `bsnclient`).
    static let contained: [(part: String, what: String)] = [
        ("burgerservicenummer", "BSN"), ("bsn", "BSN"), ("sofinummer", "BSN"), ("sofinr", "BSN"), ("socialsecurity", "BSN"),
        ("geboorteplaats", "geboorteplaats"), ("birthplace", "geboorteplaats"), ("placeofbirth", "geboorteplaats"),
        ("adres", "adres"), ("address", "adres"), ("straat", "adres"), ("street", "adres"),
        ("huisnummer", "adres"), ("huisnr", "adres"), ("housenumber", "adres"), ("housenr", "adres"),
        ("postcode", "adres"), ("postalcode", "adres"), ("zipcode", "adres"), ("woonplaats", "adres"), ("verblijfplaats", "adres"),
        ("telefoon", "telefoon"), ("telnr", "telefoon"), ("phone", "telefoon"), ("mobiel", "telefoon"), ("mobile", "telefoon"), ("faxnummer", "telefoon"),
        ("email", "e-mail"),
        ("iban", "IBAN"), ("rekeningnummer", "IBAN"), ("bankrekening", "IBAN"), ("bankaccount", "IBAN"), ("accountnumber", "IBAN"),
        ("kenteken", "kenteken"), ("licenseplate", "kenteken"), ("licenceplate", "kenteken"), ("numberplate", "kenteken"),
        ("paspoort", "identiteitsbewijs"), ("passport", "identiteitsbewijs"), ("rijbewijs", "identiteitsbewijs"),
        ("identiteitsbewijs", "identiteitsbewijs"), ("iddocument", "identiteitsbewijs"), ("documentnummer", "identiteitsbewijs"),
        ("voorletter", "naam"), ("tussenvoegsel", "naam"), ("initials", "naam"),
    ]

    /// Short identifiers only as the whole name (`tel`, `zip`), where a part would match too much.
    static let whole: [String: String] = [
        "tel": "telefoon", "gsm": "telefoon", "fax": "telefoon", "mail": "e-mail", "zip": "adres", "plaats": "adres", "city": "adres",
        "town": "adres", "huisnr": "adres", "ssn": "BSN", "anummer": "BSN", "vnummer": "BSN", "bic": "IBAN", "naw": "naam",
        "nawgegevens": "naam", "initialen": "naam",
    ]

    /// What may stand next to `naam` / `name` in a column name that does
    /// not name a person (`Naam Veiligheidshuis`, `casusoverleg_naam`).
    static let namesOfThings: Set<String> = [
        "veiligheidshuis", "casusoverleg", "overleg", "gemeente", "regio", "doelgroep", "bestand", "bestands", "organisatie",
        "instantie", "team", "project", "file", "municipality", "region", "organisation", "organization", "meeting", "group", "groep",
    ]

    /// Why a column name identifies people (e.g. "BSN", "naam", "adres"),
    /// or nil when it does not.
    public static func reason(for name: String) -> String? {
        let k = key(name)
        guard !k.isEmpty else { return nil }
        if let what = whole[k] { return what }
        if let hit = contained.first(where: { k.contains($0.part) }) { return hit.what }
        for word in ["naam", "name"] where k.contains(word) {
            let rest = k.replacingOccurrences(of: word, with: "")
            if !namesOfThings.contains(rest) { return "naam" }
        }
        return nil
    }
}
