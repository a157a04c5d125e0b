/// Helpers on the bytes of one field: trimming, comparing, parsing numbers.
enum FieldBytes {
    /// The field without leading and trailing spaces and tabs.
    @inline(__always)
    static func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = b.count
        while s < e && (b[s] == 32 || b[s] == 9) { s += 1 }
        while e > s && (b[e - 1] == 32 || b[e - 1] == 9) { e -= 1 }
        if s == 0 && e == b.count { return b }
        return UnsafeBufferPointer(rebasing: b[s..<e])
    }

    /// A whole number of at most 9 digits (an optional leading `-`), or nil.
    static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 10 else { return nil }
        var i = 0, negative = false
        if b[0] == UInt8(ascii: "-") { negative = true; i = 1; if b.count == 1 { return nil } }
        var v = 0
        while i < b.count {
            let d = Int(b[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v * 10 + d
            i += 1
        }
        return negative ? -v : v
    }

    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    /// Lower-cased ASCII letters and digits only (drops spaces, `_`, `-`, as InputName.normalize does).
    static func normalizedKey(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        for c in b where c != 32 && c != 95 && c != 45 && c != 9 {
            out.append(c >= 65 && c <= 90 ? c + 32 : c)
        }
        let text = String(decoding: out, as: UTF8.self)
        return out.allSatisfy { $0 < 0x80 } ? text : text.lowercased()
    }
}
