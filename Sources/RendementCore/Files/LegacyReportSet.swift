import Foundation

/// A report set written by a rendement from before manifests
/// (`ReportSetManifest`), recognised by its exact shape so that `report`
/// may replace it: `index.md` or `index.html` at the top, and nothing but
/// the files rendement wrote there -- `index.*` and `index-*.svg|csv` at the
/// top, and folders holding only `rendement-*.md|html|svg|csv`. A folder
/// with anything else (a person-level file, a note, a link) is not one.
public enum LegacyReportSet {
    /// Whether `folder` is such an earlier report set.
    public static func isLegacySet(_ folder: String) -> Bool {
        let fm = FileManager.default
        guard FileKind.isRegular(folder + "/index.md") || FileKind.isRegular(folder + "/index.html"),
              let top = try? fm.contentsOfDirectory(atPath: folder) else { return false }
        for entry in top {
            let path = folder + "/" + entry
            if FileKind.isFolder(path) {
                guard let inner = try? fm.contentsOfDirectory(atPath: path),
                      inner.allSatisfy({ FileKind.isRegular(path + "/" + $0) && isPageFile($0, prefix: "rendement-") }) else { return false }
            } else if !(FileKind.isRegular(path) && (entry == "index.md" || entry == "index.html" || isPageFile(entry, prefix: "index-"))) {
                return false
            }
        }
        return true
    }

    /// `PREFIX...` ending in .md, .html, .svg or .csv.
    static func isPageFile(_ name: String, prefix: String) -> Bool {
        name.hasPrefix(prefix) && [".md", ".html", ".svg", ".csv"].contains { name.hasSuffix($0) }
    }
}
