import Foundation

/// An aggregate of group-time effects: an event-time effect, a cumulative
/// effect over the first periods after treatment, with its analytic standard
/// error and the units it rests on.
public struct AggregateEffect: Sendable, Codable, Equatable {
    /// The aggregate.
    public var estimate: Double
    /// sqrt(sum IF_i^2) / n, with the influence function of the weights included (`did::aggte`).
    public var standardError: Double
    /// Cohorts aggregated.
    public var cohorts: Int
    /// Distinct units of those cohorts that took part in an aggregated cell
    /// (at risk, with comparison units in their stratum).
    public var treated: Int
    /// Distinct units that served as comparison in any aggregated cell.
    public var comparison: Int

    /// The Wald interval estimate -/+ z(1 - (1 - level) / 2) * standardError.
    public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval {
        .wald(estimate: estimate, standardError: standardError, criticalValue: Normal.standard.quantile(1 - (1 - level) / 2), level: level)
    }

    /// Two-sided normal p-value of estimate / standardError (NaN when the standard error is 0).
    public var pValue: Double {
        guard standardError > 0 else { return .nan }
        return 2 * Normal.standard.sf(abs(estimate / standardError))
    }
}

/// A joint Wald test that several estimates are zero: W = theta' V^-1 theta,
/// chi-squared with as many degrees of freedom as estimates.
public struct JointWaldTest: Sendable, Codable, Equatable {
    /// The statistic W.
    public var statistic: Double
    /// Degrees of freedom: the number of estimates tested.
    public var degreesOfFreedom: Int
    /// P(chi2(df) >= W).
    public var pValue: Double
}

extension StaggeredDifferenceInDifferences {
    /// The effect `e` periods after treatment (`did::aggte(type = "dynamic")`):
    /// theta(e) = sum_g P(G = g) ATT(g, g + e) / sum_g P(G = g) over the cohorts
    /// with that cell. Nil when no cohort has it (and for the base period
    /// e = -anticipation - 1, where every ATT is 0 by construction).
    public func eventTime(_ e: Int) -> AggregateEffect? { eventTimeWithInfluence(e)?.effect }

    /// The cumulative effect over the first `w` periods from treatment, e = 0..<w:
    /// for each cohort that has all w cells, ATT_g = sum_e ATT(g, g + e), weighted
    /// by P(G = g) -- w times `did::aggte(type = "dynamic", balance_e = w - 1,
    /// min_e = 0, max_e = w - 1)`'s overall ATT. Nil when no cohort has all cells.
    public func cumulative(periods w: Int) -> AggregateEffect? {
        guard w >= 1 else { return nil }
        var parts: [(g: Int, cells: [Int])] = []
        for g in members.keys.sorted() {
            let ks = (0..<w).compactMap { cellIndex[Pair(g: g, t: g + $0)] }
            if ks.count == w { parts.append((g, ks)) }
        }
        return aggregate(parts)?.effect
    }

    /// The joint Wald test that theta(e) = 0 for every estimated e in `eventTimes`,
    /// with the covariance sum_i IF_i IF_i' / n^2 of the event-time influence functions.
    /// Nil when no event time is estimated or the covariance is singular.
    public func waldTest(eventTimes: ClosedRange<Int>) -> JointWaldTest? {
        let parts = eventTimes.compactMap { eventTimeWithInfluence($0) }
        guard !parts.isEmpty else { return nil }
        let n = Double(panel.units), k = parts.count
        var v = Matrix(rows: k, columns: k)
        for a in 0..<k {
            for b in a..<k {
                var s = 0.0
                for i in 0..<panel.units { s += parts[a].influence[i] * parts[b].influence[i] }
                v[a, b] = s / (n * n); v[b, a] = s / (n * n)
            }
        }
        guard let chol = try? Cholesky(v) else { return nil }
        let theta = parts.map(\.effect.estimate)
        let w = zip(theta, chol.solve(theta)).reduce(0) { $0 + $1.0 * $1.1 }
        return JointWaldTest(statistic: w, degreesOfFreedom: k, pValue: ChiSquared(degreesOfFreedom: Double(k)).sf(w))
    }

    /// theta(e) with its influence function.
    func eventTimeWithInfluence(_ e: Int) -> (effect: AggregateEffect, influence: [Double])? {
        let parts = members.keys.sorted().compactMap { g in cellIndex[Pair(g: g, t: g + e)].map { (g: g, cells: [$0]) } }
        return aggregate(parts)
    }

    /// The P(G = g)-weighted mean over cohorts of each cohort's sum of cells, and
    /// its influence function (`did`'s `get_agg_inf_func` with `wif`): the
    /// weighted cell influence functions plus, for a unit of an aggregated cohort
    /// g, (ATT_g - theta) / S with S = sum_g P(G = g) -- the closed form of
    /// `did`'s weight influence function for weights P(G = g) / S.
    func aggregate(_ parts: [(g: Int, cells: [Int])]) -> (effect: AggregateEffect, influence: [Double])? {
        guard !parts.isEmpty else { return nil }
        let n = panel.units
        let s = parts.reduce(0.0) { $0 + Double(members[$1.g]!.count) } / Double(n)
        let cohortATT = parts.map { p in p.cells.reduce(0.0) { $0 + cells[$1].att } }
        let theta = zip(parts, cohortATT).reduce(0.0) { $0 + Double(members[$1.0.g]!.count) / Double(n) * $1.1 } / s
        var psi = [Double](repeating: 0, count: n), used = [Bool](repeating: false, count: n), usedTreated = used
        for (p, attG) in zip(parts, cohortATT) {
            let cohort = members[p.g]!
            for k in p.cells {
                let c = cells[k], base = c.baseWindow, t = c.period
                // The cell's influence scaled by P(G = g) / S = n_g / (n S): n_g / (S n_g,cell) (change_i - mu0_s - ATT)
                // for its treated units, -n_g / (S n_g,cell) (n_g,s / n_c,s)(change_j - mu0_s) for its comparison units.
                let scale = Double(cohort.count) / (s * Double(c.treated))
                let byStratum = denseComparisons(c)
                for i in treatedUnits(g: p.g, t: t) {
                    guard let st = byStratum[denseStratum[i]] else { continue }
                    psi[i] += scale * (change(i, t, base) - st.mean - c.att)
                    usedTreated[i] = true
                }
                forEachComparison(g: p.g, t: t) { j in
                    guard let st = byStratum[denseStratum[j]] else { return }
                    psi[j] -= scale * Double(st.treated) / Double(st.comparison) * (change(j, t, base) - st.mean)
                    used[j] = true
                }
            }
            for i in cohort { psi[i] += (attG - theta) / s }
        }
        let se = psi.reduce(0) { $0 + $1 * $1 }.squareRoot() / Double(n)
        let treated = usedTreated.lazy.filter { $0 }.count
        let effect = AggregateEffect(estimate: theta, standardError: se, cohorts: parts.count, treated: treated,
                                     comparison: used.lazy.filter { $0 }.count)
        return (effect, psi)
    }
}
