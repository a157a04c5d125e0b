import Foundation
import RendementStats

/// The propensity score: a logistic regression of client status on the
/// matching covariates (Rosenbaum & Rubin 1983; MatchIt `distance = "glm"`),
/// used through its linear predictor, the logit of the score (Austin 2011).
///
/// Features (all from the matching history, `MatchingCovariates`):
/// intercept, age, age^2/100, man, BVH contacts in its 12 months (as
/// log(1 + n) and n/10) and in its later 6 months (log(1 + n)), HKS reports
/// in its 12 months (log(1 + n)) and 5 years (log(1 + n) and n/10), and the
/// time known to the police (years and log(1 + months)): the log and linear
/// terms together let the score follow the skewed counts. Identical covariate rows are pooled with a frequency weight
/// before fitting -- exact for the maximum-likelihood estimates -- so a
/// national pool of millions of person-dates fits in seconds.
public struct PropensityModel: Sendable {
    /// Feature names in coefficient order.
    public static let featureNames = ["intercept", "age", "age_squared_per_100", "man", "log1p_bvh_history_12m",
                                      "bvh_history_12m_per_10", "log1p_bvh_history_recent_6m", "log1p_hks_history_12m",
                                      "log1p_hks_history_60m", "hks_history_60m_per_10", "years_known", "log1p_months_known"]

    /// Coefficients per feature (0 for a feature left out because it did not vary).
    public let coefficients: [Double]
    public let standardErrors: [Double]
    /// Features left out of the fit because they were constant or a linear
    /// combination of earlier features (e.g. no HKS extract imported).
    public let constantFeatures: [String]
    /// Distinct covariate patterns the model was fitted on.
    public let patterns: Int

    static func features(_ c: MatchingCovariates) -> [Double] {
        let age = Double(c.age)
        return [1, age, age * age / 100, c.sex == .man ? 1 : 0, log1p(Double(c.bvhHistory12)), Double(c.bvhHistory12) / 10,
                log1p(Double(c.bvhHistoryRecent6)), log1p(Double(c.hksHistory12)), log1p(Double(c.hksHistory60)),
                Double(c.hksHistory60) / 10, Double(c.monthsKnown) / 12, log1p(Double(c.monthsKnown))]
    }

    /// Why the propensity model cannot be estimated.
    public struct FitFailure: Error, CustomStringConvertible {
        public var reason: Degeneracy
        public var separation: SeparationStatus
        public var description: String {
            "the propensity model cannot be estimated: " + (reason == .separation ? separation.description : reason.description)
        }
    }

    /// Fits on clients (y = 1) and candidates (y = 0); throws `FitFailure` when the
    /// data cannot support the model (e.g. separation).
    public static func fit(clients: [MatchingCovariates], candidates: [MatchingCovariates]) throws -> PropensityModel {
        // Pooled on the integer covariates the features are made of (one feature vector per key, see `Pattern`).
        var weights: [Pattern: (clients: Double, candidates: Double)] = [:]
        for c in clients { weights[Pattern(c), default: (0, 0)].clients += 1 }
        for c in candidates { weights[Pattern(c), default: (0, 0)].candidates += 1 }
        let keys = weights.keys.sorted()
        let patterns = keys.map { features($0.covariates) }
        let kept = independentFeatures(patterns, weights: keys.map { weights[$0]!.clients + weights[$0]!.candidates })
        var rows: [[Double]] = [], y: [Double] = [], w: [Double] = []
        for (key, f) in zip(keys, patterns) {
            let (nc, nk) = weights[key]!
            let x = kept.map { f[$0] }
            if nc > 0 { rows.append(x); y.append(1); w.append(nc) }
            if nk > 0 { rows.append(x); y.append(0); w.append(nk) }
        }
        let fit = try LogisticRegression.fit(rows: rows, y: y, names: kept.map { featureNames[$0] }, weights: w)
        if let reason = fit.degeneracy { throw FitFailure(reason: reason, separation: fit.separation) }
        var beta = [Double](repeating: 0, count: featureNames.count), se = beta
        for (k, j) in kept.enumerated() { beta[j] = fit.coefficients.estimates[k]; se[j] = fit.coefficients.standardErrors[k] }
        return PropensityModel(coefficients: beta, standardErrors: se,
                               constantFeatures: featureNames.indices.filter { !kept.contains($0) }.map { featureNames[$0] },
                               patterns: weights.count)
    }

    /// The features, in order, that are not (numerically) a linear combination
    /// of the ones kept before them: modified Gram-Schmidt on the weighted
    /// pattern matrix, dropping a column whose residual norm falls below
    /// 1e-9 of its original norm. A constant or collinear feature would make
    /// the design singular.
    static func independentFeatures(_ patterns: [[Double]], weights: [Double]) -> [Int] {
        let root = weights.map { $0.squareRoot() }
        var basis: [[Double]] = []
        var kept: [Int] = []
        for j in featureNames.indices {
            var v = patterns.indices.map { patterns[$0][j] * root[$0] }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            for b in basis {
                let dot = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
                for i in v.indices { v[i] -= dot * b[i] }
            }
            let residual = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard residual > 1e-9 * norm else { continue }
            basis.append(v.map { $0 / residual })
            kept.append(j)
        }
        return kept
    }

    /// The logit of the propensity score: the sum of coefficient x feature in
    /// feature order (the order of `features`, written out so that millions
    /// of candidates need no array each).
    public func logit(_ c: MatchingCovariates) -> Double {
        let b = coefficients, age = Double(c.age)
        var sum = 0.0
        sum += b[0] * 1
        sum += b[1] * age
        sum += b[2] * (age * age / 100)
        sum += b[3] * (c.sex == .man ? 1 : 0)
        sum += b[4] * log1p(Double(c.bvhHistory12))
        sum += b[5] * (Double(c.bvhHistory12) / 10)
        sum += b[6] * log1p(Double(c.bvhHistoryRecent6))
        sum += b[7] * log1p(Double(c.hksHistory12))
        sum += b[8] * log1p(Double(c.hksHistory60))
        sum += b[9] * (Double(c.hksHistory60) / 10)
        sum += b[10] * (Double(c.monthsKnown) / 12)
        sum += b[11] * log1p(Double(c.monthsKnown))
        return sum
    }

    /// A covariate pattern as the integers its features are made of. Two
    /// covariates have equal features exactly when their patterns are equal
    /// (each feature is a one-to-one function of one of these integers; the
    /// sex only as man or not), and patterns sort as their feature vectors
    /// sort lexicographically (each first feature of an integer increases with it).
    struct Pattern: Hashable, Comparable {
        var age: Int, man: Bool, bvh12: Int, recent6: Int, hks12: Int, hks60: Int, monthsKnown: Int

        init(_ c: MatchingCovariates) {
            age = c.age; man = c.sex == .man; bvh12 = c.bvhHistory12; recent6 = c.bvhHistoryRecent6
            hks12 = c.hksHistory12; hks60 = c.hksHistory60; monthsKnown = c.monthsKnown
        }

        /// Covariates with these features (a non-man as woman).
        var covariates: MatchingCovariates {
            MatchingCovariates(age: age, sex: man ? .man : .vrouw, bvhHistory12: bvh12, bvhHistoryRecent6: recent6,
                               hksHistory12: hks12, hksHistory60: hks60, monthsKnown: monthsKnown)
        }

        static func < (a: Pattern, b: Pattern) -> Bool {
            let x = (a.age, a.man ? 1 : 0, a.bvh12, a.recent6, a.hks12, a.hks60), y = (b.age, b.man ? 1 : 0, b.bvh12, b.recent6, b.hks12, b.hks60)
            return x != y ? x < y : a.monthsKnown < b.monthsKnown
        }
    }

    /// The propensity score itself.
    public func score(_ c: MatchingCovariates) -> Double { 1 / (1 + exp(-logit(c))) }
}
