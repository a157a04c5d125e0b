import RendementCore

/// The character encoding of an input file: UTF-8 (with or without BOM) or
/// Windows-1252. UTF-16 and UTF-32 are refused.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8
    case cp1252

    /// Parses the `--encoding` option (`utf8`, `utf-8`, `cp1252`, `windows-1252`).
    public init?(option: String) {
        switch option.lowercased() {
        case "utf8", "utf-8": self = .utf8
        case "cp1252", "windows-1252", "windows1252", "1252": self = .cp1252
        default: return nil
        }
    }

    /// Decides the encoding from the first block of a file: a BOM, NUL bytes
    /// (UTF-16/32, refused), valid UTF-8, else Windows-1252. Returns the
    /// encoding and the number of BOM bytes to skip.
    static func detect(_ block: UnsafeBufferPointer<UInt8>, atEOF: Bool) throws(InputProblem) -> (TextEncoding, Int) {
        if block.count >= 3, block[0] == 0xEF, block[1] == 0xBB, block[2] == 0xBF { return (.utf8, 3) }
        if block.count >= 2, (block[0] == 0xFF && block[1] == 0xFE) || (block[0] == 0xFE && block[1] == 0xFF) {
            throw .unsupportedEncoding
        }
        if block.contains(0) { throw .unsupportedEncoding }
        return (UTF8Check.isValid(block, allowTruncatedEnd: !atEOF) ? .utf8 : .cp1252, 0)
    }
}
