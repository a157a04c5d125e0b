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
        for b in bytes {
            let lower = b | 0x20
            if (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D { continue }
            return false
        }
        return true
    }
}
