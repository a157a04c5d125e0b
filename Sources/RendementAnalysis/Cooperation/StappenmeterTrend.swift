import RendementCore
import RendementStats

/// The trend of a Stappenmeter score over the quarters, per Veiligheidshuis
/// (and for all, nil), for each step and the total: the ordinary least
/// squares slope of the questionnaires' scores on the quarter of completion
/// (counted 0, 1, 2, ... from the first quarter), with its t interval and
/// the t test of a zero slope (statsmodels `OLS(score ~ quarter)`). Across
/// Veiligheidshuizen (nil) the questionnaires are pooled.
public struct StappenmeterTrend: Sendable, Codable, Equatable {
    public var veiligheidshuis: String?
    /// The step id; nil for the total.
    public var step: String?
    /// Questionnaires in the fit.
    public var n: Int
    /// Distinct quarters with a questionnaire.
    public var quarters: Int
    public var firstQuarter: Quarter
    public var lastQuarter: Quarter
    /// Change of the mean score per quarter; nil with `reason`.
    public var slopePerQuarter: Double?
    public var ci: ConfidenceInterval?
    public var pValue: Double?
    /// Why there is no slope: `too_few_quarters` (fewer than 3), `no_variation` (every score the same) or `fit_failed` (the
    /// least squares fit refused the data).
    public var reason: String?

    /// The trend of `points` (quarter, score).
    static func fit(house: String?, step: String?, _ points: [(Quarter, Double)]) -> StappenmeterTrend {
        let qs = points.map { $0.0 }
        let first = qs.min()!, last = qs.max()!
        let distinct = Set(qs).count
        var out = StappenmeterTrend(veiligheidshuis: house, step: step, n: points.count, quarters: distinct, firstQuarter: first, lastQuarter: last)
        guard distinct >= 3 else { out.reason = "too_few_quarters"; return out }
        let x = points.map { Double(($0.0.year - first.year) * 4 + $0.0.quarter - first.quarter) }
        let y = points.map { $0.1 }
        guard Set(y).count > 1 else { out.reason = "no_variation"; return out }
        do {
            let fit = try OrdinaryLeastSquares.fit(rows: x.map { [1, $0] }, y: y, names: ["Intercept", "quarter"])
            guard fit.degeneracy == nil, let slope = fit.coefficients["quarter"], slope.estimate.isFinite, slope.standardError.isFinite else {
                out.reason = "no_variation"; return out
            }
            out.slopePerQuarter = slope.estimate
            out.ci = slope.confidenceInterval()
            out.pValue = slope.pValue
        } catch {
            out.reason = "fit_failed"
        }
        return out
    }

    init(veiligheidshuis: String?, step: String?, n: Int, quarters: Int, firstQuarter: Quarter, lastQuarter: Quarter) {
        self.veiligheidshuis = veiligheidshuis
        self.step = step
        self.n = n
        self.quarters = quarters
        self.firstQuarter = firstQuarter
        self.lastQuarter = lastQuarter
    }
}
