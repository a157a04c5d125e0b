/// A 64-bit hash of a row's canonical parsed values, for finding exact
/// duplicate rows (a 64-bit set: about one false match in 10^5 imports of
/// 17 million rows).
struct RowHasher {
    private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    private mutating func mix(_ x: UInt64) {
        value = (value ^ x) &* 0xBF58_476D_1CE4_E5B9
        value ^= value >> 31
    }

    @inline(__always)
    mutating func add(_ x: Int64) { mix(UInt64(bitPattern: x)) }

    @inline(__always)
    mutating func add(_ b: UnsafeBufferPointer<UInt8>) {
        mix(UInt64(b.count) | 0xAB00_0000_0000_0000)
        var i = 0
        let n = b.count
        while i + 8 <= n {
            mix(UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(b[i]) << shift; shift += 8; i += 1 }
        mix(tail)
    }

    @inline(__always)
    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { add($0) }
    }

    var final: UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
