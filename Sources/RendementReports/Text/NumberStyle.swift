import Foundation
import RendementCore

/// Formats numbers for readers of a report: a decimal comma and a dot (or
/// thin space) for thousands in Dutch, the English conventions in English;
/// p-values as "p = 0,003" or "p < 0,001"; suppressed counts as "<10".
/// (CSV files never use this: they keep dot decimals.)
public struct NumberStyle: Sendable {
    public var language: ReportLanguage

    public init(_ language: ReportLanguage) { self.language = language }

    private var decimal: Character { language == .nl ? "," : "." }
    private var grouping: Character { language == .nl ? "." : "," }

    /// A whole number with thousands grouping: 12.345 (nl), 12,345 (en).
    public func count(_ n: Int) -> String { DigitGrouping.format(n, separator: grouping) }

    /// The mark of a count hidden by disclosure control (as Statistics
    /// Netherlands marks confidential cells): fewer persons than the
    /// threshold, or hidden so that such a number cannot be worked out.
    public static let hidden = "×"

    /// A count, or "<threshold" when it is positive and below the threshold.
    public func count(_ n: Int, threshold: Int) -> String {
        n > 0 && n < threshold ? "<" + count(threshold) : count(n)
    }

    /// A decimal number with a fixed number of digits.
    public func decimal(_ x: Double, digits: Int = 2) -> String {
        guard x.isFinite else { return "–" }
        let s = String(format: "%.\(digits)f", x)
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int(parts[0]) ?? 0
        var out = parts[0].hasPrefix("-") && whole == 0 ? "-0" : count(whole)
        if parts.count > 1 { out.append(decimal); out += parts[1] }
        return out
    }

    /// A share as a percentage: 0.381 -> "38%" / "38,1%".
    public func percent(_ share: Double, digits: Int = 0) -> String {
        guard share.isFinite else { return "–" }
        return decimal(share * 100, digits: digits) + "%"
    }

    /// A non-breaking space: "p < 0,001" never breaks over two lines.
    public static let nbsp = "\u{00A0}"

    /// "p = 0,003", "p < 0,001", "p = 0,42" (with non-breaking spaces).
    public func pValue(_ p: Double) -> String {
        let s = Self.nbsp
        guard p.isFinite else { return "p\(s)=\(s)–" }
        if p < 0.001 { return "p\(s)<\(s)" + decimal(0.001, digits: 3) }
        // Three decimals below 0.1, so that a p just under 0.05 never reads as "0,05".
        return "p\(s)=\(s)" + decimal(p, digits: p < 0.1 ? 3 : 2)
    }
}
