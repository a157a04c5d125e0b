/// The Windows-1252 code page (the usual encoding of Dutch spreadsheet
/// exports): decoding of bytes 0x80-0x9F to Unicode, and encoding back.
/// Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined (`nil`).
/// Source: https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT
public enum Windows1252 {
    /// Unicode scalars for 0x80...0x9F; 0 marks an undefined byte.
    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The Unicode scalar for one byte, or `nil` for the five undefined bytes.
    @inline(__always)
    public static func decode(_ byte: UInt8) -> Unicode.Scalar? {
        if byte < 0x80 || byte >= 0xA0 { return Unicode.Scalar(UInt32(byte)) }
        let value = high[Int(byte - 0x80)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// The byte for a scalar, or `nil` when Windows-1252 cannot represent it.
    public static func encode(_ scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 0x80 || (v >= 0xA0 && v <= 0xFF) { return UInt8(v) }
        guard let i = high.firstIndex(of: v) else { return nil }
        return UInt8(0x80 + i)
    }

    /// Encodes a string, replacing unrepresentable scalars with `?`.
    public static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { encode($0) ?? UInt8(ascii: "?") }
    }
}
