import Foundation

/// Writes a file that holds person-level data (the `matches.csv` export, a
/// pseudonymised extract, a key): mode 0600 from its creation on, so no
/// other user can ever read it, and never through a symbolic link
/// (`OutputFile`: a temporary file renamed over the path).
public enum PrivateFile {
    public typealias Failure = OutputFile.Failure

    /// Writes `text` whole to `path` with mode 0600; `protecting` names
    /// files that must never be overwritten (the input, the key).
    public static func write(_ text: String, to path: String, protecting: [String] = [],
                             existing: OutputFile.Existing = .replace) throws {
        try OutputFile.write(text, to: path, mode: 0o600, protecting: protecting, existing: existing)
    }

    /// Creates `path` with `text` and mode 0600; refuses when anything (a
    /// file, or a link, even one pointing nowhere) is already there.
    public static func create(_ text: String, at path: String) throws {
        try OutputFile.create(bytes: Array(text.utf8), at: path, mode: 0o600)
    }
}
