extension Escaping {
    /// A value from data for a terminal line (summaries, messages): control
    /// characters -- escape sequences that could recolour, move or rewrite
    /// the screen, line breaks that could fake a line of output -- and
    /// direction overrides are shown as `\u{1B}`-style codes.
    public static func terminal(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isControl($0) || isBidiControl($0) }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if isControl(u) || isBidiControl(u) {
                out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
