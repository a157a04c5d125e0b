import Foundation

/// A report as a list of blocks, rendered twice: to Markdown (charts as
/// linked SVG files) and to one self-contained HTML file (charts inlined).
/// Keeping the structure separate from the output format means both say
/// exactly the same thing.
public struct ReportDocument: Sendable {
    public enum Block: Sendable {
        case heading(level: Int, text: String)
        case paragraph(String)
        case bullets([String])
        case table(ReportTable)
        /// A chart: file name (without extension), SVG text and a caption stating its definition.
        case chart(name: String, svg: String, caption: String)
        /// A note in smaller print (definitions, caveats).
        case note(String)
    }

    public var title: String
    public var language: ReportLanguage
    public var blocks: [Block]

    public init(title: String, language: ReportLanguage, blocks: [Block] = []) {
        self.title = title
        self.language = language
        self.blocks = blocks
    }

    public mutating func heading(_ text: String, level: Int = 2) { blocks.append(.heading(level: level, text: text)) }
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    public mutating func bullets(_ items: [String]) { blocks.append(.bullets(items)) }
    public mutating func table(_ t: ReportTable) { blocks.append(.table(t)) }
    public mutating func chart(_ name: String, _ svg: String, caption: String) { blocks.append(.chart(name: name, svg: svg, caption: caption)) }
    public mutating func note(_ text: String) { blocks.append(.note(text)) }

    /// The tables of the document (each is also written as CSV).
    public var tables: [ReportTable] {
        blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }
}

/// A table of a report: display cells (formatted for the reader, "<10" for
/// suppressed counts) and the same content as machine-readable CSV cells
/// (dot decimals, empty when suppressed).
public struct ReportTable: Sendable {
    public var name: String
    public var caption: String
    public var header: [String]
    public var rows: [[String]]
    /// Machine-readable header and rows for the CSV copy.
    public var csvHeader: [String]
    public var csvRows: [[String]]

    public init(name: String, caption: String, header: [String], rows: [[String]], csvHeader: [String], csvRows: [[String]]) {
        self.name = name
        self.caption = caption
        self.header = header
        self.rows = rows
        self.csvHeader = csvHeader
        self.csvRows = csvRows
    }

    /// The CSV copy (RFC 4180).
    public var csv: String {
        func q(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([csvHeader] + csvRows).map { $0.map(q).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
