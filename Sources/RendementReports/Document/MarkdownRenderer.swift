/// Renders a report document to Markdown; charts become `![caption](PREFIX-name.svg)`
/// links and tables get a link to `PREFIX-name.csv`, files the caller writes
/// next to the page.
public enum MarkdownRenderer {
    public static func render(_ doc: ReportDocument, filePrefix: String) -> String {
        var out = "# \(doc.title)\n"
        for block in doc.blocks {
            out += "\n"
            switch block {
            case let .heading(level, text):
                out += String(repeating: "#", count: min(6, max(2, level))) + " " + text + "\n"
            case .paragraph(let text):
                out += text + "\n"
            case .bullets(let items):
                out += items.map { "- " + $0 }.joined(separator: "\n") + "\n"
            case .table(let t):
                out += "| " + t.header.map(escape).joined(separator: " | ") + " |\n"
                out += "|" + t.header.map { _ in "---" }.joined(separator: "|") + "|\n"
                for row in t.rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
                out += "\n*" + t.caption + "* ([CSV](\(filePrefix)-\(t.name).csv))\n"
            case let .chart(name, _, caption):
                out += "![\(caption)](\(filePrefix)-\(name).svg)\n\n*\(caption)*\n"
            case .note(let text):
                out += "> " + text.replacingOccurrences(of: "\n", with: "\n> ") + "\n"
            }
        }
        return out
    }

    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
