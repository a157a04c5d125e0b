/// Which comparisons `analyze` makes (`--design`, configuration key
/// `comparisonDesign`): the matched controls (people never discussed in a
/// Veiligheidshuis, matched on their history), the clients who have not entered
/// yet (staggered difference-in-differences, `StaggeredComparison`), or both.
public enum ComparisonDesign: String, Sendable, Codable, CaseIterable, Equatable {
    case matched, staggered, both

    /// Whether the matched-control estimates are made.
    public var includesMatched: Bool { self != .staggered }
    /// Whether the not-yet-treated estimates are made.
    public var includesStaggered: Bool { self != .matched }
}
