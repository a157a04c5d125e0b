import Foundation
import RendementCore

/// Renders a report document to one self-contained HTML file: styles inline,
/// charts inlined as SVG, no scripts, fonts or anything else from the network.
/// Text is parsed as report markup and escaped piece by piece; no text
/// reaches the page raw.
public enum HTMLRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        func inline(_ markup: String) -> String { Self.inline(markup, links: doc.links) }
        var body = "<h1>\(inline(doc.title))</h1>\n"
        for block in doc.blocks {
            switch block {
            case let .heading(level, text):
                let l = min(6, max(2, level))
                body += "<h\(l)>\(inline(text))</h\(l)>\n"
            case .paragraph(let text):
                body += "<p>\(inline(text))</p>\n"
            case .bullets(let items):
                body += "<ul>\n" + items.map { "<li>\(inline($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
            case .table(let t):
                body += "<figure class=\"table\"><table>\n<thead><tr>" + t.header.map { "<th>\(inline($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for row in t.rows {
                    body += "<tr>" + row.enumerated().map { i, c in i == 0 ? "<th scope=\"row\">\(inline(c))</th>" : "<td>\(inline(c))</td>" }.joined() + "</tr>\n"
                }
                body += "</tbody></table><figcaption>\(inline(t.caption))</figcaption></figure>\n"
            case let .chart(_, svg, caption):
                // The SVG is ours (SVGCanvas escapes every text in it).
                body += "<figure class=\"chart\">\(svg)<figcaption>\(inline(caption))</figcaption></figure>\n"
            case .note(let text):
                body += "<aside>\(inline(text))</aside>\n"
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="\(Escaping.html(doc.language.rawValue))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escaping.html(ReportMarkup.plainText(ReportMarkup.parse(doc.title))))</title>
        <style>
        body { font-family: Helvetica, Arial, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.45; }
        h1 { font-size: 1.7rem; border-bottom: 2px solid #111; padding-bottom: .3rem; }
        h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #999; }
        h3 { font-size: 1.1rem; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { border-bottom: 1px solid #ccc; padding: .25rem .5rem; text-align: right; }
        th:first-child, td:first-child, thead th { text-align: left; }
        thead th { border-bottom: 2px solid #111; }
        figure { margin: 1.2rem 0; }
        figcaption { font-size: .85rem; color: #444; margin-top: .3rem; }
        figure.chart svg { max-width: 100%; height: auto; }
        aside { font-size: .85rem; color: #333; border-left: 3px solid #999; padding-left: .8rem; margin: 1rem 0; }
        @media print { body { margin: 0; } h2 { page-break-after: avoid; } figure { page-break-inside: avoid; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// Report markup as HTML: every piece of text through `Escaping.html`;
    /// `<a href>` only for the document's own link targets (a relative `.md`
    /// page becomes its `.html` twin).
    static func inline(_ markup: String, links: Set<String>) -> String {
        ReportMarkup.parse(markup, links: links).map { span in
            switch span {
            case .text(let s): Escaping.html(s)
            case .strong(let s): "<strong>" + Escaping.html(s) + "</strong>"
            case .code(let s): "<code>" + Escaping.html(s) + "</code>"
            case let .link(text, target):
                "<a href=\"" + Escaping.html(htmlTarget(target)) + "\">" + Escaping.html(text) + "</a>"
            }
        }.joined()
    }

    /// A link target in the HTML set: pages are linked as `.html`.
    static func htmlTarget(_ target: String) -> String {
        let web = target.hasPrefix("http://") || target.hasPrefix("https://")
        return !web && target.hasSuffix(".md") ? String(target.dropLast(3)) + ".html" : target
    }
}
