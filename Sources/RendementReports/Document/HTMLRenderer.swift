import Foundation

/// Renders a report document to one self-contained HTML file: styles inline,
/// charts inlined as SVG, no scripts, fonts or anything else from the network.
public enum HTMLRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var body = "<h1>\(escape(doc.title))</h1>\n"
        for block in doc.blocks {
            switch block {
            case let .heading(level, text):
                let l = min(6, max(2, level))
                body += "<h\(l)>\(escape(text))</h\(l)>\n"
            case .paragraph(let text):
                body += "<p>\(inline(text))</p>\n"
            case .bullets(let items):
                body += "<ul>\n" + items.map { "<li>\(inline($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
            case .table(let t):
                body += "<figure class=\"table\"><table>\n<thead><tr>" + t.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for row in t.rows {
                    body += "<tr>" + row.enumerated().map { i, c in i == 0 ? "<th scope=\"row\">\(inline(c))</th>" : "<td>\(inline(c))</td>" }.joined() + "</tr>\n"
                }
                body += "</tbody></table><figcaption>\(escape(t.caption))</figcaption></figure>\n"
            case let .chart(_, svg, caption):
                body += "<figure class=\"chart\">\(svg)<figcaption>\(escape(caption))</figcaption></figure>\n"
            case .note(let text):
                body += "<aside>\(inline(text))</aside>\n"
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="\(doc.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(doc.title))</title>
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

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Escapes text and turns Markdown links `[text](target)` and `**bold**` into HTML.
    static func inline(_ s: String) -> String {
        var out = escape(s)
        while let open = out.range(of: "**"), let close = out.range(of: "**", range: open.upperBound..<out.endIndex) {
            let inner = out[open.upperBound..<close.lowerBound]
            out.replaceSubrange(open.lowerBound..<close.upperBound, with: "<strong>\(inner)</strong>")
        }
        var result = "", rest = Substring(out)
        while let lb = rest.firstIndex(of: "["), let rb = rest[lb...].firstIndex(of: "]"),
              rest.index(after: rb) < rest.endIndex, rest[rest.index(after: rb)] == "(",
              let rp = rest[rb...].firstIndex(of: ")") {
            result += rest[..<lb]
            let text = rest[rest.index(after: lb)..<rb]
            var target = String(rest[rest.index(rb, offsetBy: 2)..<rp])
            if target.hasSuffix(".md") { target = String(target.dropLast(3)) + ".html" }
            result += "<a href=\"\(target)\">\(text)</a>"
            rest = rest[rest.index(after: rp)...]
        }
        return result + rest
    }
}
