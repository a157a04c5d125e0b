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

/// A UTF-8 validity check over bytes (no String is built).
enum UTF8Check {
    /// Whether `bytes` is well-formed UTF-8; with `allowTruncatedEnd`, an
    /// incomplete sequence at the very end (a block boundary) is accepted.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return false
            }
            if i + len > n { return allowTruncatedEnd && (i + 1..<n).allOf { (bytes[$0] & 0xC0) == 0x80 } }
            let c1 = bytes[i + 1]
            if c1 < lo || c1 > hi { return false }
            for k in 2..<len where (bytes[i + k] & 0xC0) != 0x80 { return false }
            i += len
        }
        return true
    }
}

extension Range where Bound == Int {
    func allOf(_ p: (Int) -> Bool) -> Bool { for i in self where !p(i) { return false }; return true }
}
