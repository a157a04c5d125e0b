extension Escaping {
    /// The characters that make a spreadsheet read a cell as a formula when
    /// they come first (OWASP "CSV Injection"; ASVS 4.0 requirement 5.3.10 /
    /// 5.0 requirement 1.2.10): `=` `+` `-` `@`, tab, CR, LF and NUL, and the
    /// full-width forms of the first four.
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "\0", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// One CSV field (RFC 4180): quoted when it holds a comma, a double
    /// quote, a CR or an LF (a bare CR included), double quotes doubled.
    ///
    /// With `guardFormulas` (the default: every file a person may open in a
    /// spreadsheet), a text whose first character -- after any spaces -- is a
    /// formula trigger gets a leading apostrophe and is quoted, as OWASP
    /// recommends, so that `=HYPERLINK(...)` is shown, never run. A text
    /// that is a plain decimal number (`-0.25`, `+3`, `1e-5`) is left as it
    /// is: a spreadsheet reads it as that number and no formula fits in it.
    /// Numbers we compute are written as numbers, so a genuine minus sign
    /// always survives.
    public static func csv(_ s: String, guardFormulas: Bool = true) -> String {
        var value = s
        var mustQuote = false
        if guardFormulas, startsLikeFormula(s), !isPlainNumber(s) {
            value = "'" + s
            mustQuote = true
        }
        if !mustQuote { mustQuote = value.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 } }
        guard mustQuote else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Appends one CSV field to a byte buffer, exactly as `csv(_:guardFormulas:)`
    /// would write it (for writers that build their output as bytes).
    public static func appendCSV(_ s: String, guardFormulas: Bool = true, to buffer: inout [UInt8]) {
        let plain = !s.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        if plain, !(guardFormulas && startsLikeFormula(s)) {
            buffer.append(contentsOf: s.utf8)
        } else {
            buffer.append(contentsOf: csv(s, guardFormulas: guardFormulas).utf8)
        }
    }

    /// Whether the first character, or the first after leading spaces, is a
    /// formula trigger (some spreadsheets skip leading spaces).
    static func startsLikeFormula(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first(where: { $0 != " " && $0 != "\u{A0}" }) else { return false }
        return formulaTriggers.contains(first)
    }

    /// A plain decimal number in ASCII: an optional sign, digits with at most
    /// one decimal point, an optional exponent (`-12`, `+0.5`, `.5`, `2E-3`).
    public static func isPlainNumber(_ s: String) -> Bool {
        var bytes = s.utf8[...]
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0, point = false
        while let b = bytes.first, b != UInt8(ascii: "e") && b != UInt8(ascii: "E") {
            if b >= 48 && b <= 57 { digits += 1 } else if b == UInt8(ascii: "."), !point { point = true } else { return false }
            bytes = bytes.dropFirst()
        }
        guard digits > 0 else { return false }
        guard !bytes.isEmpty else { return true }
        bytes = bytes.dropFirst()
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
