import Foundation
import RendementCore
import RendementStats

/// The survival comparison of clients and controls for one source: the
/// numbers behind it and one row per estimate (`survival_summary.csv`).
public struct SurvivalSummary: Sendable, Codable, Equatable {
    /// What one estimate row is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Log-rank test stratified by set, weighted (statistic = chi-square, 1 df).
        case logRank = "logrank"
        /// Cox hazard ratio of being a client, weighted, standard errors robust to the set (reported).
        case hazardRatio = "hazard_ratio"
        /// The same, stratified by set (conditional hazard ratio), robust to the set.
        case hazardRatioStratified = "hazard_ratio_stratified"
        /// The same, pooling every person as if independent (model-based standard errors).
        case hazardRatioPooled = "hazard_ratio_pooled"
        /// The reported model adjusted for age at the index date.
        case hazardRatioAgeAdjusted = "hazard_ratio_age_adjusted"
        /// Median days to the first event, clients (log-log CI).
        case medianClients = "median_days_clients"
        /// Median days to the first event, controls (weighted; log-log CI).
        case medianControls = "median_days_controls"
    }

    /// One estimate with its interval and test, or the reason it is missing.
    public struct Estimate: Sendable, Codable, Equatable {
        public var kind: Kind
        public var value: Double?
        public var confidenceInterval: ConfidenceInterval?
        /// z (Cox) or chi-square (log-rank).
        public var statistic: Double?
        public var pValue: Double?
        public var reason: EstimateReason?

        static func missing(_ kind: Kind, _ reason: EstimateReason) -> Estimate {
            Estimate(kind: kind, value: nil, confidenceInterval: nil, statistic: nil, pValue: nil, reason: reason)
        }
    }

    public var source: OutcomeSource
    /// Sets with a followed client and at least one followed control.
    public var sets: Int
    public var clients: Int
    public var controls: Int
    public var clientEvents: Int
    public var controlEvents: Int
    public var estimates: [Estimate]

    /// The estimate of `kind`.
    public subscript(kind: Kind) -> Estimate {
        estimates.first { $0.kind == kind } ?? .missing(kind, .noFollowUp)
    }

    init(_ sample: SurvivalSample, source: OutcomeSource, curves: [TimeToFirstEvent.Curve]) {
        let clientIdx = sample.members(clients: true), controlIdx = sample.members(clients: false)
        self.source = source
        sets = sample.setCount
        clients = clientIdx.count
        controls = controlIdx.count
        clientEvents = clientIdx.filter { sample.events[$0] }.count
        controlEvents = controlIdx.filter { sample.events[$0] }.count
        guard !sample.isEmpty else {
            estimates = Kind.allCases.map { .missing($0, .noFollowUp) }
            return
        }
        estimates = [Self.logRank(sample)] + SurvivalCoxModel.allCases.map { $0.estimate(sample) }
            + [Self.median(curves.first { $0.group == .clients }, .medianClients), Self.median(curves.first { $0.group == .controls }, .medianControls)]
    }

    /// The weighted log-rank test stratified by set.
    static func logRank(_ s: SurvivalSample) -> Estimate {
        let run = LibraryCall.run { () throws(StatsError) in
            try LogRankTest(times: s.times, events: s.events, groups: s.groups, weights: s.weights, strata: s.sets)
        }
        guard case let .success(test) = run else { return .missing(.logRank, .invalidInput) }
        if let d = test.degeneracy { return .missing(.logRank, EstimateReason(d)) }
        return Estimate(kind: .logRank, value: nil, confidenceInterval: nil, statistic: test.chiSquared, pValue: test.pValue, reason: nil)
    }

    /// The median of a curve with its log-log interval (empty bounds where a confidence curve never reaches 0.5).
    static func median(_ curve: TimeToFirstEvent.Curve?, _ kind: Kind) -> Estimate {
        guard let curve else { return .missing(kind, .noFollowUp) }
        let m = curve.kaplanMeier.median(transform: TimeToFirstEvent.transform)
        guard !m.estimate.isNaN else { return .missing(kind, .notReached) }
        return Estimate(kind: kind, value: m.estimate, confidenceInterval: m.confidenceInterval, statistic: nil, pValue: nil, reason: nil)
    }
}

/// The Cox models of the survival summary.
enum SurvivalCoxModel: CaseIterable {
    case robust, stratified, pooled, ageAdjusted

    var kind: SurvivalSummary.Kind {
        switch self {
        case .robust: return .hazardRatio
        case .stratified: return .hazardRatioStratified
        case .pooled: return .hazardRatioPooled
        case .ageAdjusted: return .hazardRatioAgeAdjusted
        }
    }

    /// exp(coefficient of `client`) with its Wald CI and p.
    func estimate(_ s: SurvivalSample) -> SurvivalSummary.Estimate {
        let client = s.isClient.map { $0 ? 1.0 : 0.0 }
        let columns: [(name: String, values: [Double])] = self == .ageAdjusted ? [("client", client), ("age", s.ages)] : [("client", client)]
        let run = LibraryCall.run { () throws(StatsError) in
            try CoxProportionalHazards(times: s.times, events: s.events, design: DesignMatrix(columns: columns), weights: s.weights,
                                       strata: self == .stratified ? s.sets : nil, clusters: self == .pooled ? nil : s.sets)
        }
        guard case let .success(fit) = run else { return .missing(kind, .invalidInput) }
        if let d = fit.degeneracy { return .missing(kind, EstimateReason(d)) }
        guard let c = fit.coefficients["client"] else { return .missing(kind, .invalidInput) }
        return SurvivalSummary.Estimate(kind: kind, value: exp(c.estimate), confidenceInterval: c.confidenceInterval().map(exp),
                                        statistic: c.statistic, pValue: c.pValue, reason: nil)
    }
}
