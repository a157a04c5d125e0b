import Foundation

/// Builds machine-readable CSV for researchers: comma-separated, RFC 4180
/// quoting, dot decimals with the shortest representation that reads back to
/// the same double, ISO dates, UTF-8, and an empty cell for "not available".
/// Texts go through `Escaping.csv`: with `guardFormulas` (the default) a
/// text that would start a spreadsheet formula gets a leading apostrophe;
/// numbers are `.int`/`.number` cells and are written as numbers.
public struct TidyCSV: Sendable {
    public let columns: [String]
    public private(set) var text: String
    /// Whether texts that look like formulas are neutralised (off only for a
    /// file that must keep every value as it came, for rendement to read).
    public let guardFormulas: Bool

    public init(columns: [String], guardFormulas: Bool = true) {
        self.columns = columns
        self.guardFormulas = guardFormulas
        self.text = columns.map { Escaping.csv($0, guardFormulas: guardFormulas) }.joined(separator: ",") + "\n"
    }

    /// A cell value.
    public enum Cell: Sendable {
        case text(String)
        case int(Int)
        case number(Double)
        case flag(Bool)
        case missing
    }

    public mutating func append(_ cells: [Cell]) {
        precondition(cells.count == columns.count, "row has \(cells.count) cells for \(columns.count) columns")
        text += cells.map(render).joined(separator: ",") + "\n"
    }

    func render(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return Escaping.csv(s, guardFormulas: guardFormulas)
        case .int(let i): return String(i)
        case .number(let x): return x.isFinite ? "\(x)" : ""
        case .flag(let b): return b ? "true" : "false"
        case .missing: return ""
        }
    }
}

extension TidyCSV.Cell {
    /// A number or `missing` when nil or not finite.
    public static func optional(_ x: Double?) -> TidyCSV.Cell {
        guard let x, x.isFinite else { return .missing }
        return .number(x)
    }
}
