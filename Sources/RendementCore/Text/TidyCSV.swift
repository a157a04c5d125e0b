import Foundation

/// Builds machine-readable CSV for researchers: comma-separated, RFC 4180
/// quoting, dot decimals with the shortest representation that reads back to
/// the same double, ISO dates, UTF-8, and an empty cell for "not available".
public struct TidyCSV: Sendable {
    public let columns: [String]
    public private(set) var text: String

    public init(columns: [String]) {
        self.columns = columns
        self.text = columns.map(TidyCSV.quote).joined(separator: ",") + "\n"
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
        text += cells.map(TidyCSV.render).joined(separator: ",") + "\n"
    }

    static func render(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return quote(s)
        case .int(let i): return String(i)
        case .number(let x): return x.isFinite ? "\(x)" : ""
        case .flag(let b): return b ? "true" : "false"
        case .missing: return ""
        }
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension TidyCSV.Cell {
    /// A number or `missing` when nil or not finite.
    public static func optional(_ x: Double?) -> TidyCSV.Cell {
        guard let x, x.isFinite else { return .missing }
        return .number(x)
    }
}
