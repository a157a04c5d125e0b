/// Rules for a pseudonymised person identifier (`persoon_id`): 1-64 characters
/// of `A-Za-z0-9_-`. The identifier never leaves the store except in an
/// opt-in person-level export.
public enum PersonID {
    public static let maxLength = 64

    /// Whether `bytes` is a well-formed pseudonym.
    public static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        for b in bytes {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return true
    }

    public static func isValid(_ text: String) -> Bool { isValid(Array(text.utf8)) }

    /// The same check on raw bytes, inlinable into the importer's row loop.
    @inlinable
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        // Allowed bytes as bit sets: `-` and `0`-`9` below 64; `A`-`Z`, `_`, `a`-`z` from 64 to 127.
        let low: UInt64 = (1 << 45) | (0x3FF << 48)
        let high: UInt64 = (0x3FF_FFFF << 1) | (1 << 31) | (0x3FF_FFFF << 33)
        var ok: UInt64 = 1
        for b in bytes {
            let set = b < 64 ? low : (b < 128 ? high : 0)
            ok &= set >> UInt64(b & 63)
        }
        return ok & 1 == 1
    }
}
