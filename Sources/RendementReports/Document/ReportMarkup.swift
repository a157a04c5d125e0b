import RendementCore

/// The inline language of every text in a `ReportDocument`: a small part of
/// Markdown that the renderers parse, never pass through.
///
/// - `**bold**`, `` `code` ``, and `[text](target)` for a link;
/// - a backslash makes the next character literal (also inside code).
///
/// Data (a Veiligheidshuis name, a region, a file name, a code) enters a
/// text only through `literal(_:)` -- or `code(_:)` for a code span -- so it
/// is shown exactly as it is and can never become markup. A link is made
/// only by `ReportDocument.link(_:to:)`, which records its target: any other
/// `[text](target)` -- say a name `[klik](javascript:...)` that was not
/// escaped -- is shown as the text it is. The renderers then write each
/// piece through the escaper of their format (`Escaping.html`,
/// `Escaping.markdown`), so no text, escaped or not, can carry raw HTML, a
/// script, an image or a line break into a page.
public enum ReportMarkup {
    /// A piece of inline text.
    public enum Span: Equatable, Sendable {
        case text(String)
        case strong(String)
        case code(String)
        case link(text: String, target: String)
    }

    /// Characters with a meaning in report markup.
    static let special: Set<Character> = ["\\", "*", "`", "[", "]"]

    /// Data as literal report text: markup characters escaped, on one line
    /// (control characters and line breaks become spaces).
    public static func literal(_ data: String) -> String {
        var out = ""
        for c in Escaping.singleLine(data) {
            if special.contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Data as a code span (`` `...` ``), shown literally in a fixed font.
    public static func code(_ data: String) -> String {
        var out = "`"
        for c in Escaping.singleLine(data) {
            if c == "\\" || c == "`" { out.append("\\") }
            out.append(c)
        }
        return out + "`"
    }

    /// The form a link target takes in markup and in the rendered pages:
    /// percent-encoded (RFC 3986) except unreserved characters and `/`, so
    /// it holds no space, parenthesis, quote or angle bracket. Nil when the
    /// target is not one we link to: only a relative path inside the report
    /// set (no `..`, no leading `/`, no scheme) or an http(s) address.
    static func encodedTarget(_ target: String) -> String? {
        var prefix = "", rest = Substring(target)
        if let scheme = target.range(of: "://"), ["http", "https"].contains(target[..<scheme.lowerBound].lowercased()) {
            prefix = target[..<scheme.upperBound].lowercased()
            rest = target[scheme.upperBound...]
            guard !rest.isEmpty else { return nil }
        } else {
            guard !target.isEmpty, !target.hasPrefix("/"), !target.contains(":"), !target.contains("\\"),
                  !target.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0.isEmpty }) else { return nil }
        }
        var out = prefix
        for byte in rest.utf8 {
            let ascii = byte < 0x80 ? Character(Unicode.Scalar(byte)) : nil
            if let ascii, ascii.isLetter || ascii.isNumber || "-._~/".contains(ascii) {
                out.append(ascii)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Parses markup into spans. A `[text](target)` becomes a link only when
    /// `target` is one of `links`; otherwise it stays text, bracket by bracket.
    public static func parse(_ markup: String, links: Set<String> = []) -> [Span] {
        let chars = Array(markup)
        var spans: [Span] = []
        var text = ""
        func flush() { if !text.isEmpty { spans.append(.text(text)); text = "" } }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                text.append(chars[i + 1]); i += 2
            } else if c == "`", let (inner, end) = scan(chars, from: i + 1, until: ["`"]) {
                flush(); spans.append(.code(inner)); i = end + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let (inner, end) = scan(chars, from: i + 2, until: ["*", "*"]) {
                flush(); spans.append(.strong(inner)); i = end + 2
            } else if c == "[", let (label, close) = scan(chars, from: i + 1, until: ["]"]), close + 1 < chars.count, chars[close + 1] == "(",
                      let (target, end) = scan(chars, from: close + 2, until: [")"]), links.contains(target) {
                flush(); spans.append(.link(text: label, target: target)); i = end + 1
            } else {
                text.append(c); i += 1
            }
        }
        flush()
        return spans
    }

    /// Reads from `start` up to the first unescaped occurrence of `closing`;
    /// returns the unescaped text and where `closing` starts (nil: not closed).
    private static func scan(_ chars: [Character], from start: Int, until closing: [Character]) -> (String, Int)? {
        var out = ""
        var i = start
        while i < chars.count {
            if chars[i] == "\\", i + 1 < chars.count { out.append(chars[i + 1]); i += 2; continue }
            if i + closing.count <= chars.count, Array(chars[i..<(i + closing.count)]) == closing { return (out, i) }
            out.append(chars[i]); i += 1
        }
        return nil
    }

    /// The spans' text without markup (for alternative texts).
    public static func plainText(_ spans: [Span]) -> String {
        spans.map { span in
            switch span {
            case .text(let s), .strong(let s), .code(let s): s
            case .link(let text, _): text
            }
        }.joined()
    }
}
