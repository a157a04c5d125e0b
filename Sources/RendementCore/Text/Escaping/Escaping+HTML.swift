extension Escaping {
    /// Text for HTML, both between tags and inside a double- or single-quoted
    /// attribute value: `& < > " '` become character references, control
    /// characters become spaces (NUL included), direction overrides are
    /// dropped. Nothing from data can open a tag, close an attribute or start
    /// a character reference of its own.
    public static func html(_ s: String) -> String { markup(s, apostrophe: "&#39;") }

    /// `s` on one line with `& < > " '` as references (`'` as `apostrophe`),
    /// U+FFFE and U+FFFF as U+FFFD: the core of `html` and `svg`.
    static func markup(_ s: String, apostrophe: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in singleLine(s).unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += apostrophe
            case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
