/// Whether an estimate of the matched design can be read as an effect: the
/// `credible` flag and reason codes of `effects.csv`. Credible means every
/// diagnostic that applies could be computed and none rejects at the stated
/// level (Bonferroni: each of the k checks at `level` / k, so a sound design
/// keeps `credible` in about 95% of samples):
///
/// - the pre-trend test (`PreTrendTest`): clients and controls move in
///   parallel before the baseline;
/// - the placebo (`PlaceboEstimate`): no "effect" at a pseudo-intake a year
///   earlier;
/// - when the not-yet-treated comparison ran as well (`--design both`) and
///   estimated the same scope and age band: its pre-trend test (the joint
///   Wald test of the months before the anticipation months,
///   `StaggeredComparison.preTrendMonths`) -- clients move in parallel with
///   clients who enter later, a check that does not rest on the matched
///   controls at all (docs/staggered.md).
///
/// The first two always apply: when one cannot be computed (too few sets,
/// no events) the estimate is not credible -- what cannot be checked is not
/// claimed. The third applies only where the second comparison has an
/// unsuppressed estimate; `checks` names the checks used for the row.
public struct Credibility: Sendable, Codable, Equatable {
    /// One reason the estimate is not credible.
    public enum Concern: String, Sendable, Codable, CaseIterable {
        case preTrendFailed = "pretrend_failed"
        case placeboFailed = "placebo_failed"
        case preTrendUnavailable = "pretrend_unavailable"
        case placeboUnavailable = "placebo_unavailable"
        case staggeredPreTrendFailed = "staggered_pretrend_failed"
    }

    /// One check the judgement used.
    public enum Check: String, Sendable, Codable, CaseIterable {
        case preTrend = "pretrend"
        case placebo
        case staggeredPreTrend = "staggered_pretrend"
    }

    public var concerns: [Concern]
    /// The level at which the checks together were judged.
    public var level: Double
    /// The p-value of the not-yet-treated comparison's pre-trend test, when that check was used.
    public var staggeredPreTrendP: Double?

    /// The checks used: pre-trend and placebo, and the second comparison's pre-trend test when its p is there.
    public var checks: [Check] { staggeredPreTrendP == nil ? [.preTrend, .placebo] : [.preTrend, .placebo, .staggeredPreTrend] }

    public var credible: Bool { concerns.isEmpty }

    /// The concerns as the `credibility_reason` column: codes joined by `;`.
    public var code: String { concerns.map(\.rawValue).joined(separator: ";") }

    /// The checks as the `credibility_checks` column: codes joined by `;`.
    public var checksCode: String { checks.map(\.rawValue).joined(separator: ";") }

    /// Judges one estimate by its pre-trend test and placebo, and by the
    /// not-yet-treated comparison's pre-trend p-value when one is given.
    public static func judge(preTrend: PreTrendTest, placebo: PlaceboEstimate, staggeredPreTrendP: Double? = nil,
                             level: Double) -> Credibility {
        let each = level / Double(staggeredPreTrendP == nil ? 2 : 3)
        var concerns: [Concern] = []
        if let p = preTrend.pValue { if p < each { concerns.append(.preTrendFailed) } } else { concerns.append(.preTrendUnavailable) }
        if let p = placebo.pValue { if p < each { concerns.append(.placeboFailed) } } else { concerns.append(.placeboUnavailable) }
        if let p = staggeredPreTrendP, p < each { concerns.append(.staggeredPreTrendFailed) }
        return Credibility(concerns: concerns, level: level, staggeredPreTrendP: staggeredPreTrendP)
    }
}
