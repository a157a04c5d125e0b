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

    /// The name people know the encoding by.
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .cp1252: "Windows-1252"
        }
    }

    /// Decides the encoding from the first block of a file: a BOM, the NUL
    /// pattern of UTF-16 (refused), else the encoding most of the non-ASCII
    /// text is in: UTF-8 when all of it is UTF-8 or its well-formed
    /// multi-byte sequences outnumber the bytes that are not UTF-8, else
    /// Windows-1252 (the reader rejects the rows in the other encoding of a
    /// mixed file).
    /// Returns the encoding and the number of BOM bytes to skip. Stray NUL
    /// bytes (one bad row, a binary file) are left to the reader: the row,
    /// or the header, is then not text.
    static func detect(_ block: UnsafeBufferPointer<UInt8>, atEOF: Bool) throws(InputProblem) -> (TextEncoding, Int) {
        if block.count >= 3, block[0] == 0xEF, block[1] == 0xBB, block[2] == 0xBF { return (.utf8, 3) }
        if block.count >= 2, (block[0] == 0xFF && block[1] == 0xFE) || (block[0] == 0xFE && block[1] == 0xFF) {
            throw .unsupportedEncoding
        }
        if looksLikeUTF16(block) { throw .unsupportedEncoding }
        let (valid, invalid) = UTF8Check.census(block, allowTruncatedEnd: !atEOF)
        return (invalid == 0 || valid > invalid ? .utf8 : .cp1252, 0)
    }

    /// UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte
    /// (at odd offsets little-endian, even offsets big-endian) and hardly any
    /// at the others. Binary data has NULs at both or at neither.
    static func looksLikeUTF16(_ block: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(block.count, 4096) & ~1
        guard n >= 2 else { return false }
        var even = 0, odd = 0
        for i in stride(from: 0, to: n, by: 2) {
            if block[i] == 0 { even += 1 }
            if block[i + 1] == 0 { odd += 1 }
        }
        let pairs = n / 2
        return (odd * 2 >= pairs && even * 10 < pairs) || (even * 2 >= pairs && odd * 10 < pairs)
    }
}
