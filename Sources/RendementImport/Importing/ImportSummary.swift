import Foundation
import RendementCore
import RendementStore

/// What one file import did: counts, rejects, conflicts, period, and whether
/// it was skipped because the same content was already imported.
public struct ImportSummary: Sendable, CustomStringConvertible {
    /// One rejected row, as reported on stderr and in the rejects file.
    public struct Reject: Sendable, Equatable {
        public var line: Int
        /// Canonical column name; empty when the whole row is at fault.
        public var column: String
        public var reason: RejectionReason
        public var message: String
        public var got: String
    }

    public var file: String
    public var kind: InputKind
    public var label: String
    /// The new import's id, or the earlier import's id when skipped.
    public var importID: Int64
    /// True when the same content of the same kind was already imported (nothing done).
    public var alreadyImported = false
    /// When the earlier import finished (for the "already imported" message).
    public var alreadyImportedAt: String?
    public var encoding: TextEncoding = .utf8
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// The date forms seen in the first rows (`DateFormSurvey`), most frequent first.
    public var dateForms: [String] = []
    public var rowsRead = 0
    public var rowsImported = 0
    /// Exact duplicate rows (identical parsed values), imported once.
    public var duplicates = 0
    public var rejectedByReason: [RejectionReason: Int] = [:]
    /// The first rejected rows (at most 5).
    public var firstRejects: [Reject] = []
    /// Where the rejected rows were written (nil when there were none).
    public var rejectsFile: String?
    /// Header columns that were ignored.
    public var extraColumns: [String] = []
    /// Persons seen in this import whose birth dates / sexes disagree across rows and files.
    public var birthConflicts = 0
    public var sexConflicts = 0
    public var personsWithConflicts = 0
    public var newPersons = 0
    public var periodFrom: Day?
    public var periodTo: Day?
    /// The import this one replaced (`--replace`).
    public var replacedImportID: Int64?
    /// Veiligheidshuizen renamed by a replaced registry (spelling changes and `--rename`).
    public var registryRenames: [RegistryRename] = []
    /// A Stappenmeter import: the instrument definition it was read with ("stappenmeter v1, 7 steps, scale 1-5").
    public var instrument: String?

    public var rejected: Int { rejectedByReason.values.reduce(0, +) }

    /// Rejections as a JSON object, as stored in `imports.rejected_by_reason`.
    var rejectedJSON: String {
        Self.countsJSON(Dictionary(uniqueKeysWithValues: rejectedByReason.map { ($0.key.rawValue, $0.value) }))
    }

    /// A JSON object of name -> count with sorted keys (the import log's
    /// `rejected_by_reason` and `field_gaps`).
    static func countsJSON(_ counts: [String: Int]) -> String {
        "{" + counts.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    /// Numbers grouped for people: 1,234,567.
    static func grouped(_ n: Int) -> String { DigitGrouping.format(n) }

    /// For the terminal: names from the file system and the file's header
    /// with control characters shown as codes (`Escaping.terminal`).
    public var description: String {
        let name = Escaping.terminal((file as NSString).lastPathComponent)
        let label = Escaping.terminal(self.label)
        if alreadyImported {
            return "\(name): already imported on \(alreadyImportedAt ?? "?") as import #\(importID); nothing done"
        }
        var lines = ["\(name): imported as \(kind.rawValue) import #\(importID) (label \"\(label)\")"]
        lines.append("  read as        \(readAs)")
        if let instrument { lines.append("  instrument     \(Escaping.terminal(instrument))") }
        lines.append("  rows read      \(Self.grouped(rowsRead))")
        lines.append("  imported       \(Self.grouped(rowsImported))")
        if duplicates > 0 { lines.append("  duplicates     \(Self.grouped(duplicates)) (exact copies, imported once)") }
        lines.append("  rejected       \(Self.grouped(rejected))" + (rejectsFile.map { " (see \(Escaping.terminal($0)))" } ?? ""))
        for (reason, n) in rejectedByReason.sorted(by: { $0.value > $1.value }) {
            lines.append("    \(reason.rawValue): \(Self.grouped(n))")
        }
        if newPersons > 0 { lines.append("  new persons    \(Self.grouped(newPersons))") }
        if personsWithConflicts > 0 {
            lines.append("  persons with conflicting attributes \(Self.grouped(personsWithConflicts)) (birth date \(Self.grouped(birthConflicts)), sex \(Self.grouped(sexConflicts)); resolved by the documented rule)")
        }
        if let f = periodFrom, let t = periodTo { lines.append("  period         \(f.iso) .. \(t.iso)") }
        if !extraColumns.isEmpty { lines.append("  ignored columns \(extraColumns.map(Escaping.terminal).joined(separator: ", "))") }
        if let r = replacedImportID { lines.append("  replaced import #\(r)") }
        for r in registryRenames {
            lines.append("  renamed \"\(Escaping.terminal(r.oldName))\" to \"\(Escaping.terminal(r.newName))\" (\(Self.grouped(r.registrations)) registrations)")
        }
        return lines.joined(separator: "\n")
    }

    /// How the file was read: encoding, delimiter and date forms.
    var readAs: String {
        let delimiterName = delimiter == 9 ? "tab" : "\"\(Character(UnicodeScalar(delimiter)))\""
        let dates = dateForms.isEmpty ? "" : ", dates " + dateForms.joined(separator: ", ")
        return "\(encoding.displayName), delimiter \(delimiterName)\(dates)"
    }
}
