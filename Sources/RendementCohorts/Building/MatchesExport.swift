import Foundation
import RendementCore
import RendementStore

/// The opt-in person-level export `matches.csv` (CONTRACT.md section 3):
/// `set_id, role, persoon_id, veiligheidshuis, index_date, weight`. Written
/// with file mode 0600, and never into a report folder.
public enum MatchesExport {
    public enum Failure: Error, CustomStringConvertible {
        case insideReportFolder(String)
        case cannotWrite(String, String)
        public var description: String {
            switch self {
            case .insideReportFolder(let path): "refusing to write person-level data into a report folder: \(path) (choose a protected place outside the reports)"
            case let .cannotWrite(path, why): "cannot write \(path): \(why)"
            }
        }
    }

    public static func write(units: [MatchedUnitRecord], pseudonyms: [Int64: String], to path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fm = FileManager.default
        if fm.fileExists(atPath: folder + "/index.md") || fm.fileExists(atPath: folder + "/index.html") {
            throw Failure.insideReportFolder(path)
        }
        var csv = TidyCSV(columns: ["set_id", "role", "persoon_id", "veiligheidshuis", "index_date", "weight"])
        for u in units {
            csv.append([.int(u.setID), .text(u.isClient ? "client" : "control"), .text(pseudonyms[u.personKey] ?? ""),
                        .text(u.veiligheidshuis), .text(u.index.iso), .number(u.weight)])
        }
        try PrivateFile.write(csv.text, to: path)
    }
}
