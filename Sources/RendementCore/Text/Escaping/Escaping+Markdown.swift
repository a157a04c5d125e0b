extension Escaping {
    /// ASCII punctuation that Markdown (CommonMark, GitHub Flavored Markdown)
    /// can read as markup inside a line: emphasis, code, links and images,
    /// raw HTML and entities, table cells, strike-through, math, headings,
    /// and the backslash itself. Each is written with a backslash in front,
    /// which CommonMark defines for every ASCII punctuation character.
    static let markdownSpecial: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#", "$"]

    /// Text for Markdown: one line (control characters and line breaks
    /// become spaces, so a value never breaks a table row or starts a block),
    /// every markup character backslash-escaped, and the shapes GitHub turns
    /// into links by itself broken up (`http\://`, `www\.`, and `name@host`
    /// with an invisible U+2060 WORD JOINER after the `@`), so
    /// no raw HTML, image, link or formatting can come from data.
    /// Use `markdownLineStart` for text that begins a line.
    public static func markdown(_ s: String) -> String {
        let line = Array(singleLine(s).unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, u) in line.enumerated() {
            let next = i + 1 < line.count ? line[i + 1] : nil
            let escape = markdownSpecial.contains(u)
                || (u == ":" && next == "/")                                     // scheme autolinks (http://, https://)
                || (u == "." && i >= 3 && line[(i - 3)..<i].map { Character($0).lowercased() }.joined() == "www") // www. autolinks
            if escape { out.append("\\") }
            out.append(u)
            // GitHub finds e-mail addresses after escapes are resolved: an
            // invisible WORD JOINER after `@` keeps `name@host` from becoming a link.
            if u == "@" { out.append("\u{2060}") }
        }
        return String(out)
    }

    /// Escapes what only matters at the start of a line of Markdown whose
    /// text went through `markdown(_:)` (which already escapes `*`, `#` and
    /// `>`, so a leading `**` is bold that the renderer wrote): a list marker
    /// (`-`, `+`, `1.`, `1)`), a setext underline (`=`), or leading spaces
    /// that would make an indented code block.
    public static func markdownLineStart(_ rendered: String) -> String {
        var s = Substring(rendered)
        while s.first == " " { s = s.dropFirst() }
        guard let first = s.first else { return String(s) }
        if first == "-" || first == "+" || first == "=" { return "\\" + s }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = s.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + s.dropFirst(digits.count)
        }
        return String(s)
    }

    /// A Markdown code span holding `s` literally: fenced with one backtick
    /// more than the longest run inside, padded with a space when the text
    /// starts or ends with a backtick; one line. In a table cell, `|` must
    /// still be escaped (`inTable`), as GitHub splits cells before it reads
    /// code spans.
    public static func markdownCode(_ s: String, inTable: Bool = false) -> String {
        var text = singleLine(s)
        if inTable { text = text.replacingOccurrences(of: "|", with: "\\|") }
        var longest = 0, run = 0
        for c in text { if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 } }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") || text.isEmpty ? " " : ""
        return fence + pad + text + pad + fence
    }
}
