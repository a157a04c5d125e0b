/// How an extract is written: the canonical form (comma, UTF-8, ISO dates, LF)
/// or the Dutch export style (semicolon, Windows-1252, dd-mm-yyyy, CRLF).
public struct ExtractStyle: Sendable {
    public enum Encoding: Sendable { case utf8, windows1252 }

    public var delimiter: UInt8
    public var crlf: Bool
    public var encoding: Encoding
    public var dutchDates: Bool

    public static let canonical = ExtractStyle(delimiter: UInt8(ascii: ","), crlf: false, encoding: .utf8, dutchDates: false)
    public static let messy = ExtractStyle(delimiter: UInt8(ascii: ";"), crlf: true, encoding: .windows1252, dutchDates: true)
}
