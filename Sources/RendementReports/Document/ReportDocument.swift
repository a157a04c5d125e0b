import Foundation
import RendementCore

/// A report as a list of blocks, rendered twice: to Markdown (charts as
/// linked SVG files) and to one self-contained HTML file (charts inlined).
/// Keeping the structure separate from the output format means both say
/// exactly the same thing. Every text (title, headings, paragraphs, items,
/// table cells, captions) is report markup (`ReportMarkup`): data enters it
/// through `ReportMarkup.literal`, links only through `link(_:to:)`.
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
    /// The link targets this document made itself (`link(_:to:)`); the
    /// renderers link nothing else.
    public private(set) var links: Set<String> = []

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

    /// Markup for a link with `text` (data, shown literally) to `target`, a
    /// page of the report set (relative path) or an http(s) address; the
    /// target is recorded so that the renderers make it a link. A target of
    /// any other kind gives the text without a link.
    public mutating func link(_ text: String, to target: String) -> String {
        guard let encoded = ReportMarkup.encodedTarget(target) else { return ReportMarkup.literal(text) }
        links.insert(encoded)
        return "[" + ReportMarkup.literal(text) + "](" + encoded + ")"
    }

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

    /// The CSV copy: RFC 4180, every cell through `Escaping.csv` (a text
    /// that would start a formula gets a leading apostrophe; numbers, which
    /// the tables write in plain decimal form, stay numbers).
    public var csv: String {
        ([csvHeader] + csvRows).map { $0.map { Escaping.csv($0) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
