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
}
