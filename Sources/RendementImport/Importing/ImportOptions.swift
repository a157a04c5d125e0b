import Foundation
import RendementCore

/// How files are imported (the options of `rendement import`).
public struct ImportOptions: Sendable {
    /// Forced delimiter (`,` `;` or TAB); nil = detect from the header line.
    public var delimiter: UInt8?
    /// Forced encoding; nil = detect.
    public var encoding: TextEncoding?
    /// Mapping file `{"canonical_name": "Header in file"}`.
    public var mappingPath: String?
    /// Directory for `<name>.rejects.csv`; nil = next to the input.
    public var rejectsDirectory: String?
    /// The import fails (nothing imported) when rejected / read exceeds this.
    public var maxRejectRate: Double
    /// Observation period; nil = earliest / latest pleegdatum (police extracts only).
    public var periodFrom: Day?
    public var periodTo: Day?
    /// Label of the import; nil = the file's base name.
    public var label: String?
    /// Replace the live import of the same kind and label.
    public var replace: Bool
    /// With a replaced registry: a JSON file `{"old name": "new name"}` of
    /// Veiligheidshuizen that were renamed (their registrations follow).
    public var renamePath: String?
    /// With a Stappenmeter import: the instrument definition (JSON); nil = the
    /// default, data-schema/stappenmeter-instrument.v1.json.
    public var instrumentPath: String?
    /// The import date (dates after it are implausible); injectable for tests.
    public var today: Day
    /// Test hook: throw after this many rows were inserted (to test rollback).
    public var failAfterRows: Int?

    public init(delimiter: UInt8? = nil, encoding: TextEncoding? = nil, mappingPath: String? = nil,
                rejectsDirectory: String? = nil, maxRejectRate: Double = 0.05,
                periodFrom: Day? = nil, periodTo: Day? = nil, label: String? = nil, replace: Bool = false,
                today: Day = ImportOptions.currentDay(), failAfterRows: Int? = nil) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.mappingPath = mappingPath
        self.rejectsDirectory = rejectsDirectory
        self.maxRejectRate = maxRejectRate
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.label = label
        self.replace = replace
        self.today = today
        self.failAfterRows = failAfterRows
    }

    /// Whether large police extracts may be read in two halves in parallel
    /// (the result is the same either way; off only to compare the two).
    public var splitReads = true
    /// Police extracts of at least this many bytes are read in two halves.
    public var splitReadMinimumSize = 64 << 20

    /// Today's date (UTC).
    public static func currentDay() -> Day {
        Day(number: Int32((Double(time(nil)) / 86400).rounded(.down)))
    }

    /// Parses `--delimiter` (`,` `;` `tab`).
    public static func delimiter(option: String) -> UInt8? {
        switch option.lowercased() {
        case ",", "comma": UInt8(ascii: ",")
        case ";", "semicolon": UInt8(ascii: ";")
        case "tab", "\t", "\\t": 9
        default: nil
        }
    }
}
