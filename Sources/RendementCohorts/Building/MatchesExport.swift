import Foundation
import RendementCore
import RendementStore

/// The opt-in person-level export `matches.csv` (data-schema/contract.md
/// section 3): `set_id, role, persoon_id, veiligheidshuis, index_date,
/// weight`. Written with file mode 0600, never through a symbolic link,
/// never over a file that is not an earlier export (an input, the store),
/// and never into a report folder or anywhere inside a report set.
public enum MatchesExport {
    public enum Failure: Error, CustomStringConvertible {
        case insideReportFolder(String, set: String)
        case cannotWrite(String, String)
        public var description: String {
            switch self {
            case let .insideReportFolder(path, set): "refusing to write person-level data into a report folder: \(path) is inside the report set \(set) (choose a protected place outside the reports)"
            case let .cannotWrite(path, why): "cannot write \(path): \(why)"
            }
        }
    }

    /// The header of the export (and how an earlier export is recognised).
    public static let columns = ["set_id", "role", "persoon_id", "veiligheidshuis", "index_date", "weight"]

    /// Writes the export to `path`; `protecting` names files it must never
    /// replace (the store and its -wal/-shm).
    public static func write(units: [MatchedUnitRecord], pseudonyms: [Int64: String], to path: String, protecting: [String] = []) throws {
        try check(path, protecting: protecting)
        var csv = TidyCSV(columns: columns)
        for u in units {
            csv.append([.int(u.setID), .text(u.isClient ? "client" : "control"), .text(pseudonyms[u.personKey] ?? ""),
                        .text(u.veiligheidshuis), .text(u.index.iso), .number(u.weight)])
        }
        try PrivateFile.write(csv.text, to: path, protecting: protecting, existing: existing)
    }

    /// Throws the reason when the export may not be written at `path` (to
    /// check before the matching runs).
    public static func check(_ path: String, protecting: [String] = []) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fm = FileManager.default
        if fm.fileExists(atPath: folder + "/index.md") || fm.fileExists(atPath: folder + "/index.html") {
            throw Failure.insideReportFolder(path, set: folder)
        }
        if let set = ReportSetManifest.enclosingReportSet(of: folder) { throw Failure.insideReportFolder(path, set: set) }
        try OutputFile.checkTarget(path, protecting: protecting, existing: existing)
    }

    /// An existing file is replaced only when it is an earlier export.
    static let existing = OutputFile.Existing.replaceOnly(what: "an earlier matches.csv export", isOurs: isEarlierExport)

    /// Whether the regular file at `path` starts with the export's header.
    @Sendable static func isEarlierExport(_ path: String) -> Bool {
        let header = Array((columns.joined(separator: ",") + "\n").utf8)
        return InputFile.prefix(path, count: header.count) == header
    }
}
