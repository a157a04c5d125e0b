import Foundation

/// `manifest.json`, the marker of a rendement report set: written last into
/// every report set, it lists each file of the set (relative path, size,
/// SHA-256). It tells rendement that a folder is one of its report sets
/// (which `report` may replace as a whole, and into which no person-level
/// file may go), and lets anyone check that a set is complete and unchanged.
public struct ReportSetManifest: Codable, Sendable, Equatable {
    /// One file of the set.
    public struct Entry: Codable, Sendable, Equatable {
        /// Relative to the set's folder, `/`-separated.
        public var path: String
        public var bytes: Int
        /// Lower-case hexadecimal SHA-256 of the content.
        public var sha256: String
        public init(path: String, bytes: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// The name of the marker file in a report set's folder.
    public static let fileName = "manifest.json"
    /// The `kind` every manifest carries.
    public static let kindName = "rendement-report-set"

    public var kind: String
    public var version: Int
    /// Sorted by path.
    public var files: [Entry]

    public init(files: [Entry]) {
        kind = Self.kindName
        version = 1
        self.files = files.sorted { $0.path < $1.path }
    }

    /// The manifest as written: JSON with sorted keys, one file per line.
    public var json: String {
        let lines = files.map { e in
            "    {\"bytes\": \(e.bytes), \"path\": \(Self.quoted(e.path)), \"sha256\": \"\(e.sha256)\"}"
        }
        return "{\n  \"files\": [\n" + lines.joined(separator: ",\n") + "\n  ],\n  \"kind\": \"\(kind)\",\n  \"version\": \(version)\n}\n"
    }

    /// The manifest of the report set in `folder` (nil when there is none, or
    /// the file is not a rendement manifest). Never follows a link.
    public static func read(folder: String) -> ReportSetManifest? {
        let path = folder + "/" + fileName
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG,
              let bytes = try? InputFile.read(path, expected: "a report set manifest", limit: 64 << 20),
              let manifest = try? JSONDecoder().decode(ReportSetManifest.self, from: Data(bytes)),
              manifest.kind == kindName else { return nil }
        return manifest
    }

    /// The report set `path` lies in (itself or a folder above it), if any:
    /// a folder with a manifest, or an earlier set written before manifests
    /// (`LegacyReportSet`).
    public static func enclosingReportSet(of path: String) -> String? {
        var url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        while true {
            if read(folder: url.path) != nil || LegacyReportSet.isLegacySet(url.path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = try! encoder.encode([s])
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst().dropLast())
    }
}
