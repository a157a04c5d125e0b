/// A hidden count that a reader can narrow too far, and the rule it breaks.
///
/// **The protection rule** (docs/privacy.md): for every hidden count of
/// persons, the interval a reader can derive from everything published
/// (`AttackerIntervals`: the published cells, the sums between them, and
/// that counts are never negative) must be at least `threshold` wide --
/// its upper bound at least `threshold` above its lower bound, so the reader
/// can never tell whether the count is 0 or `threshold`, nor pin it down to
/// fewer than `threshold` possible values. A hidden count that can only be
/// zero (upper bound 0) reveals nobody and is not a finding.
public struct DisclosureFinding: Sendable, Equatable, CustomStringConvertible {
    public var cell: String
    public var low: Double
    public var high: Double
    public var threshold: Int

    public var description: String {
        "\(cell): a reader can derive that it lies between \(Self.format(low)) and \(Self.format(high)) (narrower than \(threshold))"
    }

    static func format(_ x: Double) -> String {
        let r = x.rounded()
        return abs(x - r) < 1e-6 ? String(Int(r)) : String(format: "%.2f", x)
    }

    /// The findings of the protection rule over `problem`'s protected cells,
    /// in the order of the cells.
    public static func audit(_ problem: AttackerIntervals, threshold: Int) -> [DisclosureFinding] {
        problem.intervals().compactMap { i in
            guard let high = i.high, high > 1e-6, high - i.low < Double(threshold) - 1e-6 else { return nil }
            return DisclosureFinding(cell: problem.cells[i.cell].name, low: i.low, high: high, threshold: threshold)
        }
    }
}
