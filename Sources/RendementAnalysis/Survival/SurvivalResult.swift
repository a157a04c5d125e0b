import RendementCore

/// What the tables and reports show of a `TimeToFirstEvent` analysis, as
/// stored with the run: each curve read at the reporting days
/// (`survival.csv`) and weekly over the first year (the chart), the number
/// of sets still followed on the days of the chart's risk table, and the
/// summaries (log-rank, hazard ratios, medians).
public struct SurvivalResult: Sendable, Codable, Equatable {
    /// The number of sets one curve still rests on at a day.
    public struct RiskCount: Sendable, Codable, Equatable {
        public var source: OutcomeSource
        public var group: EventStudy.Group
        public var day: Double
        public var sets: Int
    }

    /// Curves at `TimeToFirstEvent.reportingDays`.
    public var reported: [SurvivalCurvePoint]
    /// Curves at days 7, 14, ..., 364.
    public var weekly: [SurvivalCurvePoint]
    /// Sets followed at `riskDays`, per curve.
    public var riskTable: [RiskCount]
    public var summaries: [SurvivalSummary]

    /// The days of the chart's risk table.
    public static let riskDays: [Double] = [0, 91, 183, 274, 365]
    /// The days of the chart's weekly points.
    public static let weeks: [Double] = stride(from: 7.0, through: 365, by: 7).map { $0 }

    public init(_ analysis: TimeToFirstEvent) {
        reported = analysis.curves.flatMap { TimeToFirstEvent.read($0, at: TimeToFirstEvent.reportingDays) }
        weekly = analysis.curves.flatMap { TimeToFirstEvent.read($0, at: Self.weeks) }
        riskTable = analysis.curves.flatMap { c in
            Self.riskDays.map { RiskCount(source: c.source, group: c.group, day: $0, sets: c.sets(atRiskJustBefore: $0)) }
        }
        summaries = analysis.summaries
    }

    /// The weekly points of one curve.
    public func weekly(_ source: OutcomeSource, _ group: EventStudy.Group) -> [SurvivalCurvePoint] {
        weekly.filter { $0.source == source && $0.group == group }
    }

    /// The summary of one source.
    public func summary(_ source: OutcomeSource) -> SurvivalSummary? { summaries.first { $0.source == source } }
}
