/// Text from data (Veiligheidshuis names, regions, target groups, file
/// names, codes, column names) is data, never markup: every writer passes it
/// through the escaper of its output format before it reaches a file or the
/// terminal. One escaper per format, each in its own file:
///
/// - CSV: `Escaping.csv` -- RFC 4180 quoting and neutralised formulas (OWASP);
/// - HTML text and attribute values: `Escaping.html`;
/// - Markdown text: `Escaping.markdown`, `Escaping.markdownCode`;
/// - SVG (XML) text and attribute values: `Escaping.svg`;
/// - terminal output: `Escaping.terminal`.
///
/// The rules are documented for readers in `docs/privacy.md` ("Text from
/// data is data").
public enum Escaping {
    /// Whether a scalar is a control character: C0 (U+0000-U+001F), DEL, C1
    /// (U+0080-U+009F), or a line/paragraph separator (U+2028, U+2029).
    static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }

    /// Whether a scalar changes the direction of the text around it
    /// (U+202A-U+202E, U+2066-U+2069): a name holding one could make a
    /// sentence read differently from what it says ("Trojan Source").
    static func isBidiControl(_ u: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
    }

    /// One line of text for a document: every control character (tabs and
    /// line breaks included) becomes a space and direction overrides are
    /// dropped, so a value can never start a new line, row or block.
    public static func singleLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isControl($0) || isBidiControl($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where !isBidiControl(u) {
            out.append(isControl(u) ? " " : u)
        }
        return String(out)
    }
}
