import RendementStats

/// What the not-yet-treated comparison produced, stored with the analysis run.
public struct StaggeredResults: Sendable, Codable, Equatable {
    /// The event-time curve of all clients for one source; `eventTime` of its
    /// points counts months from the intake month (0).
    public struct EventStudy: Sendable, Codable, Equatable {
        public var source: OutcomeSource
        public var study: StaggeredEventStudy
    }

    public var anticipationMonths: Int
    public var rows: [StaggeredRow]
    public var eventStudies: [EventStudy]
    /// Multiplier-bootstrap draws and seed of the uniform bands.
    public var draws: Int
    public var seed: UInt64

    /// No rows: the tables of a run whose design leaves the comparison out.
    static func none(_ settings: AnalysisSettings) -> StaggeredResults {
        StaggeredResults(anticipationMonths: settings.anticipationMonths, rows: [], eventStudies: [], draws: 0, seed: StaggeredComparison.seed)
    }

    /// The row of a scope, band, source and window.
    public func row(_ scope: Scope, ageBand: String = "all", source: OutcomeSource, months: Int) -> StaggeredRow? {
        rows.first { $0.scope == scope && $0.ageBand == ageBand && $0.source == source && $0.windowMonths == months }
    }

    /// The event-time curve of all clients for a source.
    public func eventStudy(_ source: OutcomeSource) -> StaggeredEventStudy? { eventStudies.first { $0.source == source }?.study }
}
