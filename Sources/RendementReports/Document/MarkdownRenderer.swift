import Foundation
import RendementCore

/// Renders a report document to Markdown; charts become `![caption](PREFIX-name.svg)`
/// links and tables get a link to `PREFIX-name.csv`, files the caller writes
/// next to the page. Text is parsed as report markup and written back with
/// every piece escaped (`Escaping.markdown`): no raw HTML, no link but the
/// document's own, and no line break inside a heading, item or table row.
public enum MarkdownRenderer {
    public static func render(_ doc: ReportDocument, filePrefix: String) -> String {
        func line(_ markup: String) -> String { Escaping.markdownLineStart(inline(markup, links: doc.links)) }
        func cell(_ markup: String) -> String { inline(markup, links: doc.links, inTable: true) }
        var out = "# \(line(doc.title))\n"
        for block in doc.blocks {
            out += "\n"
            switch block {
            case let .heading(level, text):
                out += String(repeating: "#", count: min(6, max(2, level))) + " " + line(text) + "\n"
            case .paragraph(let text):
                out += line(text) + "\n"
            case .bullets(let items):
                out += items.map { "- " + line($0) }.joined(separator: "\n") + "\n"
            case .table(let t):
                out += "| " + t.header.map(cell).joined(separator: " | ") + " |\n"
                out += "|" + t.header.map { _ in "---" }.joined(separator: "|") + "|\n"
                for row in t.rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
                out += "\n*" + inline(t.caption, links: doc.links) + "* ([CSV](\(filePrefix)-\(t.name).csv))\n"
            case let .chart(name, _, caption):
                let alt = Escaping.markdown(ReportMarkup.plainText(ReportMarkup.parse(caption)))
                out += "![\(alt)](\(filePrefix)-\(name).svg)\n\n*\(inline(caption, links: doc.links))*\n"
            case .note(let text):
                out += "> " + line(text) + "\n"
            }
        }
        return out
    }

    /// Report markup as Markdown, each piece escaped; links only to the
    /// document's own (already percent-encoded) targets.
    static func inline(_ markup: String, links: Set<String>, inTable: Bool = false) -> String {
        ReportMarkup.parse(markup, links: links).map { span in
            switch span {
            case .text(let s): Escaping.markdown(s)
            case .strong(let s): "**" + Escaping.markdown(s.trimmingCharacters(in: .whitespaces)) + "**" + (s.hasSuffix(" ") ? " " : "")
            case .code(let s): Escaping.markdownCode(s, inTable: inTable)
            case let .link(text, target): "[" + Escaping.markdown(text) + "](" + target + ")"
            }
        }.joined()
    }
}
