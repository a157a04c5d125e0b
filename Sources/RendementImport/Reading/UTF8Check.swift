/// A UTF-8 validity check over bytes (no String is built).
enum UTF8Check {
    /// For a lead byte of a multi-byte sequence: the sequence length and the
    /// allowed range of the second byte (RFC 3629, no overlongs or
    /// surrogates); nil for a byte that starts no sequence.
    @inline(__always)
    static func lead(_ b: UInt8) -> (Int, UInt8, UInt8)? {
        switch b {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: nil
        }
    }

    /// Whether `bytes` is well-formed UTF-8; with `allowTruncatedEnd`, an
    /// incomplete sequence at the very end (a block boundary) is accepted.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard let (len, lo, hi) = lead(b) else { return false }
            if i + len > n { return allowTruncatedEnd && (i + 1..<n).allOf { (bytes[$0] & 0xC0) == 0x80 } }
            let c1 = bytes[i + 1]
            if c1 < lo || c1 > hi { return false }
            for k in 2..<len where (bytes[i + k] & 0xC0) != 0x80 { return false }
            i += len
        }
        return true
    }
}

extension UTF8Check {
    /// The number of well-formed multi-byte sequences and of malformed bytes
    /// (a byte that starts no well-formed sequence counts once); with
    /// `allowTruncatedEnd`, an incomplete sequence at the very end counts as neither.
    static func census(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0
        var i = 0
        let n = bytes.count
        scan: while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard let (len, lo, hi) = lead(b) else { invalid += 1; i += 1; continue scan }
            if i + len > n {
                if !(allowTruncatedEnd && (i + 1..<n).allOf { (bytes[$0] & 0xC0) == 0x80 }) { invalid += 1 }
                break
            }
            let c1 = bytes[i + 1]
            if c1 < lo || c1 > hi { invalid += 1; i += 1; continue }
            for k in 2..<len where (bytes[i + k] & 0xC0) != 0x80 { invalid += 1; i += 1; continue scan }
            valid += 1
            i += len
        }
        return (valid, invalid)
    }
}

extension Range where Bound == Int {
    func allOf(_ p: (Int) -> Bool) -> Bool { for i in self where !p(i) { return false }; return true }
}
