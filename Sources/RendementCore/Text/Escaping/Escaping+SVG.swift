extension Escaping {
    /// Text for SVG (XML 1.0) content and attribute values: `& < > " '`
    /// become references; characters XML 1.0 does not allow (controls other
    /// than tab/LF/CR, U+FFFE, U+FFFF, lone surrogates cannot occur in a
    /// Swift string) and every line break become spaces, so the chart stays
    /// well-formed and a label stays on its line.
    public static func svg(_ s: String) -> String { markup(s, apostrophe: "&apos;") }
}
