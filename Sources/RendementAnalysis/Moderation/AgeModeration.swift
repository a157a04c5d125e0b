import Foundation
import RendementStats

/// Age as a continuous moderator of the effect, per source and window, on
/// two scales:
/// - `difference`: the least-squares slope of the set-level difference d on
///   the client's age at intake (OLS with model-based standard errors, t
///   with n - 2 df, as statsmodels `OLS(d, [1, age]).fit()`);
/// - `log_rate_ratio`: the age x group x period interaction of a Poisson GLM
///   over the four rows per set of `effects.csv`'s rate ratio (client before
///   and after, mean of the set's qualifying controls before and after) with
///   the client's age as the set's moderator and CR1 standard errors robust
///   to the set (statsmodels `GLM(..., Poisson()).fit(cov_type='cluster')`):
///   the change in log rate ratio per year of age. On this scale a slope is
///   not an artefact of younger clients' higher baseline rates.
/// A positive slope means the drop is larger the younger the client (the
/// first-month hypothesis of the pilot).
public struct AgeModeration: Sendable {
    /// The scale a slope is on.
    public enum Scale: String, Sendable, Codable, CaseIterable {
        case difference
        case logRateRatio = "log_rate_ratio"
    }

    /// One row of `age_moderation.csv`.
    public struct Row: Sendable, Codable, Equatable {
        public var source: OutcomeSource
        public var windowMonths: Int
        public var scale: Scale
        /// Sets entering the window (= clients).
        public var sets: Int
        /// Their qualifying controls.
        public var controls: Int
        /// Change in d (difference) or in log rate ratio per year of age.
        public var slope: Double?
        public var slopeCI: ConfidenceInterval?
        public var pValue: Double?
        /// d (or log rate ratio) at age 0, for drawing the line.
        public var intercept: Double?
        /// Why the slope is missing.
        public var reason: EstimateReason?
    }

    public static func estimate(_ sets: [AnalysisSet], counter: WindowCounter, windows: [Int]) -> [Row] {
        var rows: [Row] = []
        for source in OutcomeSource.allCases {
            for w in windows {
                var ages: [Double] = [], counts: [SetCounts] = []
                for s in sets {
                    guard let c = counter.counts(s, source: source, months: w) else { continue }
                    ages.append(Double(s.client.age))
                    counts.append(c)
                }
                let base = Row(source: source, windowMonths: w, scale: .difference, sets: counts.count,
                               controls: counts.reduce(0) { $0 + $1.controlCount })
                rows.append(differenceSlope(base, ages: ages, counts: counts))
                var ratio = base
                ratio.scale = .logRateRatio
                rows.append(rateRatioSlope(ratio, ages: ages, counts: counts))
            }
        }
        return rows
    }

    /// OLS of d on [1, age].
    static func differenceSlope(_ row: Row, ages: [Double], counts: [SetCounts]) -> Row {
        let d = counts.map(\.difference)
        let run = LibraryCall.run { () throws(StatsError) in
            try OrdinaryLeastSquares.fit(rows: ages.map { [1, $0] }, y: d, names: ["Intercept", "age"])
        }
        return filled(row, run.map { fit in (fit.degeneracy, fit.coefficients["Intercept"], fit.coefficients["age"]) })
    }

    /// Poisson GLM over four rows per set with age x group x period, cluster-robust by set.
    static func rateRatioSlope(_ row: Row, ages: [Double], counts: [SetCounts]) -> Row {
        guard counts.count >= 2 else { return filled(row, .failure(.tooFewSets)) }
        var rows: [[Double]] = [], y: [Double] = [], clusters: [Int] = []
        var cellTotals = [Double](repeating: 0, count: 4)
        for (k, s) in counts.enumerated() {
            let m = Double(s.controlCount), a = ages[k]
            let cells: [(Double, Double, Double)] = [
                (1, 0, Double(s.clientBefore)), (1, 1, Double(s.clientAfter)),
                (0, 0, Double(s.controlsBefore.reduce(0, +)) / m), (0, 1, Double(s.controlsAfter.reduce(0, +)) / m),
            ]
            for (g, p, count) in cells {
                rows.append([1, g, p, g * p, a, a * g, a * p, a * g * p])
                y.append(count)
                clusters.append(k)
                cellTotals[Int(g) * 2 + Int(p)] += count
            }
        }
        guard cellTotals.allSatisfy({ $0 > 0 }) else { return filled(row, .failure(.noEvents)) }
        let names = ["Intercept", "client", "after", "client:after", "age", "client:age", "after:age", "client:after:age"]
        let run = LibraryCall.run { () throws(StatsError) in try PoissonRegression.fit(rows: rows, y: y, names: names, clusters: clusters) }
        return filled(row, run.map { fit in (fit.degeneracy, fit.coefficients["client:after"], fit.coefficients["client:after:age"]) })
    }

    /// The row with the slope and intercept of a fit, or the reason they are missing.
    static func filled(_ row: Row, _ fit: Result<(Degeneracy?, Coefficient?, Coefficient?), EstimateReason>) -> Row {
        var r = row
        switch fit {
        case let .failure(reason): r.reason = reason
        case let .success((degeneracy?, _, _)): r.reason = EstimateReason(degeneracy)
        case let .success((nil, intercept?, slope?)) where slope.standardError > 0:
            r.slope = slope.estimate
            r.slopeCI = slope.confidenceInterval()
            r.pValue = slope.pValue
            r.intercept = intercept.estimate
        case .success: r.reason = .noVariation
        }
        return r
    }
}
