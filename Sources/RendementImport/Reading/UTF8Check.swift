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
            default: invalid += 1; i += 1; continue scan
            }
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
