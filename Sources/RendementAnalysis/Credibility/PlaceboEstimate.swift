/// The placebo of the matched design: the same comparison around a
/// pseudo-intake `placeboShiftMonths` before the real one, over windows of
/// W' = min(W, S - M) months (`WindowDesign.placeboWindows`). Nothing
/// happened at the pseudo-intake, so a design that works finds a rate ratio
/// near 1; a clear "effect" there means the real one may be an artefact too
/// (regression to the mean, a crisis longer than the anticipation window,
/// selection on recent history).
public struct PlaceboEstimate: Sendable, Codable {
    /// W' (nil when the shift leaves no room).
    public var windowMonths: Int?
    /// The estimate over the placebo windows (nil with a `reason`).
    public var estimate: DifferenceInDifferences?
    public var reason: EstimateReason?

    /// The placebo for window W from the sets' placebo counts.
    public init(windowMonths: Int?, counts: [SetCounts]) {
        self.windowMonths = windowMonths
        guard windowMonths != nil else { reason = .noRoom; return }
        guard counts.count >= 2 else { reason = counts.isEmpty ? .noFollowUp : .tooFewSets; return }
        let e = DifferenceInDifferences(counts, rateRatioOnly: true)
        estimate = e
        if e.rateRatio == nil { reason = e.rateRatioReason ?? .noEvents }
    }

    /// The p-value of the placebo rate ratio, the test `Credibility` uses.
    public var pValue: Double? { estimate?.pRateRatio }
}
