import Foundation
import RendementCore

/// Decides whether a report set may be written at a path: a new path, an
/// empty folder, or an earlier rendement report set (one with
/// `manifest.json` holding nothing but the files it lists, or an earlier set
/// from before manifests: `LegacyReportSet`). Anything else is refused with
/// the reason -- a link, a file, a folder of other files, and above all a
/// folder holding person-level files (matches.csv, rejects, a store): a
/// report set is never written over or into those.
public enum ReportSetFolder {
    /// Why a report set cannot be written at `folder`, in one line.
    public struct Refusal: Error, CustomStringConvertible {
        public let folder: String
        public let reason: String
        public var description: String { "cannot write the report set to \(folder): \(reason)" }
    }

    /// Throws `Refusal` when `folder` may not receive (or be replaced by) a report set.
    public static func check(_ folder: String) throws {
        var st = stat()
        guard lstat(folder, &st) == 0 else {
            if errno == ENOENT { return }
            throw Refusal(folder: folder, reason: String(cString: strerror(errno)))
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw Refusal(folder: folder, reason: "it is a symbolic link; give the real folder (rendement never writes through a link)")
        default: throw Refusal(folder: folder, reason: "it is \(FileKind.name(of: st.st_mode)), not a folder")
        }
        let entries = try FileManager.default.subpathsOfDirectory(atPath: folder).sorted()
        if entries.isEmpty { return }
        if let manifest = ReportSetManifest.read(folder: folder) {
            let listed = Set(manifest.files.map(\.path) + [ReportSetManifest.fileName])
            let extra = entries.filter { entry in
                if listed.contains(entry) { return !FileKind.isRegular(folder + "/" + entry) }
                return !(FileKind.isFolder(folder + "/" + entry) && listed.contains { $0.hasPrefix(entry + "/") })
            }
            if !extra.isEmpty {
                throw Refusal(folder: folder, reason: "the earlier report set there holds files that are not part of it (\(named(extra))); a report set replaces its folder as a whole, so move them away first")
            }
            return
        }
        if LegacyReportSet.isLegacySet(folder) { return }
        let top = (try? FileManager.default.contentsOfDirectory(atPath: folder).sorted()) ?? entries
        throw Refusal(folder: folder, reason: "the folder is not empty and is not a rendement report set (it has no \(ReportSetManifest.fileName); it holds \(named(top))): choose a new or empty folder, or the folder of an earlier report set")
    }

    /// Up to three names, and how many more.
    static func named(_ entries: [String]) -> String {
        entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? " and \(entries.count - 3) more" : "")
    }
}
