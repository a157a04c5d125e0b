/// How big a synthetic extract is: `small` for tests and the demo, `medium`
/// for recovery checks, `national` for benchmarks.
public enum SynthScale: String, CaseIterable, Sendable, Codable {
    case small, medium, national

    /// Persons known to the police (each has at least one candidate event rate).
    public var persons: Int {
        switch self { case .small: 20_000; case .medium: 200_000; case .national: 2_000_000 }
    }

    /// Target share of persons who become Veiligheidshuis clients.
    public var clientShare: Double { 0.05 }
}
