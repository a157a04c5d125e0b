import Crypto
import Foundation
import RendementCore

/// The files of a report set being written into its (new, private)
/// staging folder: each created new (`O_EXCL | O_NOFOLLOW`) and recorded
/// for the manifest, which is written last.
struct ReportSetFiles {
    let root: String
    private(set) var entries: [ReportSetManifest.Entry] = []

    init(root: String) { self.root = root }

    /// Creates the subfolder `name` (one level, inside the set).
    func makeFolder(_ name: String) throws {
        guard mkdir(root + "/" + name, 0o777) == 0 else {
            throw OutputFile.Failure(path: root + "/" + name, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes the file `relative` (e.g. `utrecht/rendement-2013Q2.md`).
    mutating func add(_ relative: String, _ text: String) throws {
        let bytes = Array(text.utf8)
        try OutputFile.create(bytes: bytes, at: root + "/" + relative)
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        entries.append(.init(path: relative, bytes: bytes.count, sha256: digest))
    }

    /// Writes `manifest.json`, listing every file written before it.
    func writeManifest() throws {
        try OutputFile.create(bytes: Array(ReportSetManifest(files: entries).json.utf8), at: root + "/" + ReportSetManifest.fileName)
    }
}
