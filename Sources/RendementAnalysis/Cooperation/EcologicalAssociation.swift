import RendementCore
import RendementStats

/// EXPLORATORY and ECOLOGICAL, not causal: across Veiligheidshuizen and
/// quarters, does a quarter's mean Stappenmeter total go with that
/// quarter's cohort effect (the difference in differences of the clients
/// with intake in that quarter, BVH, the headline window, all ages)? One
/// point per Veiligheidshuis and quarter where both are published (at
/// least the threshold of questionnaires, and an effect that is not
/// suppressed); the ordinary least squares slope of the effect on the
/// score with its t interval and p-value, and Pearson's r
/// (scipy `linregress`). Houses that score higher may differ in many other
/// ways; an association between group means says nothing about what the
/// cooperation does for a client.
public struct EcologicalAssociation: Sendable, Codable, Equatable {
    /// One Veiligheidshuis and quarter.
    public struct Point: Sendable, Codable, Equatable {
        public var veiligheidshuis: String
        public var quarter: Quarter
        public var meanScore: Double
        public var questionnaires: Int
        public var did: Double
        public var clients: Int
    }

    public var source: String
    public var windowMonths: Int
    public var points: [Point]
    /// Change of the effect per point of the mean score; nil with `reason`.
    public var slope: Double?
    public var ci: ConfidenceInterval?
    public var pValue: Double?
    public var pearsonR: Double?
    /// `too_few_points` (fewer than 3 Veiligheidshuis-quarters with both figures), `no_variation`, `fit_failed`.
    public var reason: String?

    /// The association of `points`.
    static func fit(_ points: [Point], source: String, windowMonths: Int) -> EcologicalAssociation {
        var out = EcologicalAssociation(source: source, windowMonths: windowMonths, points: points)
        guard points.count >= 3 else { out.reason = "too_few_points"; return out }
        let x = points.map(\.meanScore), y = points.map(\.did)
        guard Set(x).count > 1, Set(y).count > 1 else { out.reason = "no_variation"; return out }
        do {
            let fit = try OrdinaryLeastSquares.fit(rows: x.map { [1, $0] }, y: y, names: ["Intercept", "score"])
            guard fit.degeneracy == nil, let b = fit.coefficients["score"], b.estimate.isFinite else { out.reason = "no_variation"; return out }
            out.slope = b.estimate
            out.ci = b.standardError.isFinite ? b.confidenceInterval() : nil
            out.pValue = b.standardError.isFinite ? b.pValue : nil
            out.pearsonR = (b.estimate < 0 ? -1 : 1) * fit.rSquared.squareRoot()
        } catch {
            out.reason = "fit_failed"
        }
        return out
    }

    init(source: String, windowMonths: Int, points: [Point]) {
        self.source = source
        self.windowMonths = windowMonths
        self.points = points
    }
}
