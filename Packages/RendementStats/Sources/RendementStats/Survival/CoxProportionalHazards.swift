import Foundation

/// The Cox proportional-hazards model fitted by Newton-Raphson on the partial
/// likelihood with Efron's (default, as R coxph and lifelines) or Breslow's
/// handling of tied event times, optional strata, and step halving when the
/// log partial likelihood decreases (as R coxph, Therneau & Grambsch 2000,
/// ch. 3). Matches R `coxph(Surv(t, e) ~ x + strata(s), ties = "efron")` and
/// lifelines `CoxPHFitter`.
///
/// Efron (1977) contribution at an event time with tied set D (size d), risk
/// set R: sum_{i in D} eta_i - sum_{l=0}^{d-1} log(S0_R - (l/d) S0_D), with
/// matching score and information. Covariates are centred internally (as R),
/// which leaves the partial likelihood unchanged. Work per iteration is
/// O(n p^2) after one sort; nothing n x n is formed.
public struct CoxProportionalHazards: Sendable {
    /// Tie handling.
    public enum Ties: Sendable, Equatable { case efron, breslow }

    /// Coefficients (log hazard ratios), SEs from the inverse observed
    /// information, z statistics, normal reference distribution.
    public let coefficients: RegressionCoefficients
    /// exp(coefficients).
    public var hazardRatios: [Double] { coefficients.estimates.map { Foundation.exp($0) } }
    /// Log partial likelihood at the estimate.
    public let logPartialLikelihood: Double
    /// Log partial likelihood at beta = 0 (null model).
    public let nullLogPartialLikelihood: Double
    /// Likelihood-ratio statistic 2 (l(beta) - l(0)), p degrees of freedom.
    public var likelihoodRatioStatistic: Double { 2 * (logPartialLikelihood - nullLogPartialLikelihood) }
    /// Wald statistic beta' I(beta) beta.
    public let waldStatistic: Double
    /// Score (log-rank) statistic U(0)' I(0)^{-1} U(0).
    public let scoreStatistic: Double
    /// Newton iterations used.
    public let iterations: Int
    /// Number of events.
    public let eventCount: Int

    /// Hazard-ratio confidence intervals exp(b -/+ z SE).
    public func hazardRatioIntervals(level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        coefficients.confidenceIntervals(level: level).map { (lower: Foundation.exp($0.lower), upper: Foundation.exp($0.upper)) }
    }

    /// p-value of the likelihood-ratio test against the null model.
    public var likelihoodRatioPValue: Double { ChiSquared(degreesOfFreedom: Double(coefficients.estimates.count)).sf(likelihoodRatioStatistic) }
    /// p-value of the Wald test.
    public var waldPValue: Double { ChiSquared(degreesOfFreedom: Double(coefficients.estimates.count)).sf(waldStatistic) }
    /// p-value of the score test.
    public var scorePValue: Double { ChiSquared(degreesOfFreedom: Double(coefficients.estimates.count)).sf(scoreStatistic) }

    /// Sorted, centred data for the partial-likelihood evaluations.
    struct Data {
        let x: Matrix           // centred covariates, rows in stratum, descending-time order
        let time: [Double]
        let event: [Bool]
        let stratum: [Int]
        let ties: Ties
    }

    /// Log partial likelihood, score and information at beta.
    static func evaluate(_ d: Data, _ beta: [Double], derivatives: Bool = true) -> (Double, [Double], Matrix) {
        let n = d.x.rows, p = d.x.columns
        var ll = 0.0
        var u = [Double](repeating: 0, count: p)
        var info = Matrix(rows: p, columns: p)
        var s0 = 0.0
        var s1 = [Double](repeating: 0, count: p)
        var s2 = Matrix(rows: p, columns: p)
        var i = 0
        while i < n {
            if i == 0 || d.stratum[i] != d.stratum[i - 1] {
                s0 = 0; s1 = [Double](repeating: 0, count: p); s2 = Matrix(rows: p, columns: p)
            }
            // Block of equal time within the stratum.
            var j = i
            var e0 = 0.0, dCount = 0.0
            var e1 = [Double](repeating: 0, count: p)
            var e2 = Matrix(rows: p, columns: p)
            while j < n && d.stratum[j] == d.stratum[i] && d.time[j] == d.time[i] {
                let eta = d.x.rowDot(j, beta)
                let w = Foundation.exp(eta)
                let base = j * p
                s0 += w
                for a in 0..<p { s1[a] += w * d.x.values[base + a] }
                if derivatives { s2.addOuterProduct(ofRow: j, of: d.x, weight: w) }
                if d.event[j] {
                    dCount += 1
                    ll += eta
                    e0 += w
                    for a in 0..<p { e1[a] += w * d.x.values[base + a]; u[a] += d.x.values[base + a] }
                    if derivatives && d.ties == .efron { e2.addOuterProduct(ofRow: j, of: d.x, weight: w) }
                }
                j += 1
            }
            if dCount > 0 {
                let m = Int(dCount)
                for l in 0..<m {
                    let f = d.ties == .efron ? Double(l) / dCount : 0
                    let den = s0 - f * e0
                    ll -= Foundation.log(den)
                    if derivatives {
                        var mean = [Double](repeating: 0, count: p)
                        for a in 0..<p { mean[a] = (s1[a] - f * e1[a]) / den; u[a] -= mean[a] }
                        for a in 0..<p {
                            for b in 0..<p {
                                info[a, b] += (s2[a, b] - f * e2[a, b]) / den - mean[a] * mean[b]
                            }
                        }
                    }
                }
            }
            i = j
        }
        return (ll, u, info)
    }

    /// Fits the model. `covariates` is n x p (no intercept column: the
    /// baseline hazard absorbs it); `strata` optional labels.
    public init(times: [Double], events: [Bool], covariates: Matrix, strata: [Int]? = nil, ties: Ties = .efron,
                maxIterations: Int = 50, tolerance: Double = 1e-12) throws {
        let n = times.count, p = covariates.columns
        guard events.count == n, covariates.rows == n, strata?.count ?? n == n, n > 0, p > 0 else {
            throw SurvivalError.dimensionMismatch("times \(n), events \(events.count), covariates \(covariates.rows)x\(p), strata \(strata?.count ?? n)")
        }
        if let bad = times.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) { throw SurvivalError.invalidTime(index: bad, value: times[bad]) }
        let s = strata ?? [Int](repeating: 0, count: n)
        let order = (0..<n).sorted { s[$0] != s[$1] ? s[$0] < s[$1] : times[$0] > times[$1] }
        var means = [Double](repeating: 0, count: p)
        for i in 0..<n { for a in 0..<p { means[a] += covariates[i, a] } }
        for a in 0..<p { means[a] /= Double(n) }
        var xc = Matrix(rows: n, columns: p)
        for (r, i) in order.enumerated() { for a in 0..<p { xc[r, a] = covariates[i, a] - means[a] } }
        let data = Data(x: xc, time: order.map { times[$0] }, event: order.map { events[$0] }, stratum: order.map { s[$0] }, ties: ties)

        var beta = [Double](repeating: 0, count: p)
        var (ll, u, info) = CoxProportionalHazards.evaluate(data, beta)
        let ll0 = ll
        let score0: Double
        do { let c = try Cholesky(info); score0 = dot(c.solve(u), u) } catch let e as LinearAlgebraError { throw SurvivalError.singularInformation(e) }
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            let step: [Double]
            do { step = try Cholesky(info).solve(u) } catch let e as LinearAlgebraError { throw SurvivalError.singularInformation(e) }
            var t = 1.0
            var newBeta = beta
            var newLL = -Double.infinity
            for _ in 0..<40 {
                for a in 0..<p { newBeta[a] = beta[a] + t * step[a] }
                newLL = CoxProportionalHazards.evaluate(data, newBeta, derivatives: false).0
                if newLL.isFinite && newLL >= ll - 1e-12 * (1 + abs(ll)) { break }
                t /= 2
            }
            iterations += 1
            var maxDelta = 0.0
            for a in 0..<p { maxDelta = max(maxDelta, abs(newBeta[a] - beta[a]) / (1 + abs(beta[a]))) }
            let llChange = abs(newLL - ll) / (1 + abs(newLL))
            beta = newBeta
            (ll, u, info) = CoxProportionalHazards.evaluate(data, beta)
            if llChange < tolerance && maxDelta < tolerance.squareRoot() { converged = true; break }
        }
        if !converged { throw SurvivalError.notConverged(iterations: iterations) }
        let cov: Matrix
        do { cov = try info.inverseSymmetricPositiveDefinite() } catch let e as LinearAlgebraError { throw SurvivalError.singularInformation(e) }
        self.coefficients = RegressionCoefficients(estimates: beta, covariance: cov, distribution: .normal, covarianceKind: .modelBased)
        self.logPartialLikelihood = ll
        self.nullLogPartialLikelihood = ll0
        self.waldStatistic = dot(info.multiply(beta), beta)
        self.scoreStatistic = score0
        self.iterations = iterations
        self.eventCount = events.filter { $0 }.count
    }
}
