/// A stable 64-bit key for an incident or report number (FNV-1a over its
/// UTF-8 bytes; a hash of 0 becomes 1, so 0 can mean "no number"): the same
/// text gives the same key in every run and on every platform, unlike
/// Swift's seeded `Hasher`. Keys are only ever compared within one person's
/// history, where a collision is practically impossible.
public enum IncidentKey {
    public static func of(_ text: String) -> Int64 {
        var text = text
        return text.withUTF8 { of(bytes: $0) }
    }

    @inline(__always)
    public static func of(bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash == 0 ? 1 : Int64(bitPattern: hash)
    }
}
