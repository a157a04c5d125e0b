/// Why a row of an input file was rejected. The raw values are stable codes:
/// they appear in `*.rejects.csv`, in import summaries and in the synthetic
/// data's `truth.json`.
public enum RejectionReason: String, CaseIterable, Sendable, Codable {
    /// The row has a different number of fields than the header.
    case wrongFieldCount = "wrong_field_count"
    /// A required field is empty.
    case missingRequired = "missing_required"
    /// A date does not match any accepted form.
    case badDate = "bad_date"
    /// A date parses but lies before 1900 or after the import date.
    case implausibleDate = "implausible_date"
    /// A value is not one of the allowed labels (rol, geslacht, delictcategorie, ernst, plan_van_aanpak).
    case badValue = "bad_value"
    /// `persoon_id` is not 1-64 characters of `A-Za-z0-9_-`.
    case badPersonID = "bad_persoon_id"
    /// A number (e.g. `opgericht`) does not parse or is out of range.
    case badNumber = "bad_number"
    /// A client's Veiligheidshuis is not in the registry.
    case unknownVeiligheidshuis = "unknown_veiligheidshuis"
    /// Dates in the wrong order (e.g. uitstroomdatum before instroomdatum).
    case inconsistentDates = "inconsistent_dates"
    /// A row whose bytes are not valid text in the file's encoding.
    case badEncoding = "bad_encoding"

    /// One-line explanation in English for messages.
    public var explanation: String {
        switch self {
        case .wrongFieldCount: "the row has a different number of fields than the header"
        case .missingRequired: "a required field is empty"
        case .badDate: "expected a date as YYYY-MM-DD, DD-MM-YYYY, D-M-YYYY, DD/MM/YYYY or YYYYMMDD"
        case .implausibleDate: "the date lies before 1900 or after the import date"
        case .badValue: "the value is not one of the allowed labels"
        case .badPersonID: "expected 1-64 characters of A-Z, a-z, 0-9, _ or -"
        case .badNumber: "expected a whole number in range"
        case .unknownVeiligheidshuis: "the Veiligheidshuis is not in the registry (import veiligheidshuizen first)"
        case .inconsistentDates: "the dates are in an impossible order"
        case .badEncoding: "the bytes are not valid text in the file's encoding"
        }
    }
}
