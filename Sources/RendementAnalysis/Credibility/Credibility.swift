/// Whether an estimate of the matched design can be read as an effect: the
/// `credible` flag and reason codes of `effects.csv`. Credible means both
/// diagnostics could be computed and neither rejects at the stated level
/// (Bonferroni: each at half of `level`, so a sound design keeps `credible`
/// in about 95% of samples):
///
/// - the pre-trend test (`PreTrendTest`): clients and controls move in
///   parallel before the baseline;
/// - the placebo (`PlaceboEstimate`): no "effect" at a pseudo-intake a year
///   earlier.
///
/// A diagnostic that cannot be computed (too few sets, no events) leaves the
/// estimate not credible: what cannot be checked is not claimed.
public struct Credibility: Sendable, Codable, Equatable {
    /// One reason the estimate is not credible.
    public enum Concern: String, Sendable, Codable, CaseIterable {
        case preTrendFailed = "pretrend_failed"
        case placeboFailed = "placebo_failed"
        case preTrendUnavailable = "pretrend_unavailable"
        case placeboUnavailable = "placebo_unavailable"
    }

    public var concerns: [Concern]
    /// The level at which the two tests together were judged.
    public var level: Double

    public var credible: Bool { concerns.isEmpty }

    /// The concerns as the `credibility_reason` column: codes joined by `;`.
    public var code: String { concerns.map(\.rawValue).joined(separator: ";") }

    /// Judges one estimate by its pre-trend test and placebo.
    public static func judge(preTrend: PreTrendTest, placebo: PlaceboEstimate, level: Double) -> Credibility {
        var concerns: [Concern] = []
        let each = level / 2
        if let p = preTrend.pValue { if p < each { concerns.append(.preTrendFailed) } } else { concerns.append(.preTrendUnavailable) }
        if let p = placebo.pValue { if p < each { concerns.append(.placeboFailed) } } else { concerns.append(.placeboUnavailable) }
        return Credibility(concerns: concerns, level: level)
    }
}
