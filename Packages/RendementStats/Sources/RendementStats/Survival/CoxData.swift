import Foundation

/// The subjects of a Cox fit sorted for the risk-set sums: by stratum, then by
/// descending time, with covariates centred at their weighted means (as R
/// coxph, which leaves the partial likelihood unchanged).
struct CoxData: Sendable {
    /// Centred covariates, rows in sorted order.
    let x: Matrix
    let time: [Double]
    let event: [Bool]
    let weight: [Double]
    let stratum: [Int]
    /// Original index of each sorted row.
    let order: [Int]
    let ties: CoxProportionalHazards.Ties
    /// Subjects with an event (unweighted, positive weight).
    let eventCount: Int

    init(times: [Double], events: [Bool], covariates: Matrix, weights: [Double]?, strata: [Int]?, ties: CoxProportionalHazards.Ties) {
        let n = times.count, p = covariates.columns
        let w = weights ?? [Double](repeating: 1, count: n)
        let s = strata ?? [Int](repeating: 0, count: n)
        let order = (0..<n).sorted { s[$0] != s[$1] ? s[$0] < s[$1] : times[$0] > times[$1] }
        var means = [Double](repeating: 0, count: p)
        let totalWeight = w.reduce(0, +)
        for i in 0..<n { for a in 0..<p { means[a] += w[i] * covariates[i, a] } }
        for a in 0..<p { means[a] = totalWeight > 0 ? means[a] / totalWeight : 0 }
        var xc = Matrix(rows: n, columns: p)
        for (r, i) in order.enumerated() { for a in 0..<p { xc[r, a] = covariates[i, a] - means[a] } }
        self.x = xc
        self.time = order.map { times[$0] }
        self.event = order.map { events[$0] }
        self.weight = order.map { w[$0] }
        self.stratum = order.map { s[$0] }
        self.order = order
        self.ties = ties
        self.eventCount = (0..<n).filter { events[$0] && w[$0] > 0 }.count
    }

    var rows: Int { x.rows }
    var columns: Int { x.columns }

    /// The rows `i..<j` of equal time within one stratum, starting at row `i`.
    func tiedBlock(from i: Int) -> Range<Int> {
        var j = i
        while j < rows && stratum[j] == stratum[i] && time[j] == time[i] { j += 1 }
        return i..<j
    }

    /// Whether row `i` starts a new stratum.
    func startsStratum(_ i: Int) -> Bool { i == 0 || stratum[i] != stratum[i - 1] }

    /// Σ w e^eta over the tied deaths of a block and their count and mean weight.
    struct Deaths {
        var count = 0
        var weightSum = 0.0
        var meanWeight: Double { count > 0 ? weightSum / Double(count) : 0 }
    }

    /// The fractions f_l = l/d (Efron) or 0 (Breslow) of a block with d deaths.
    func fractions(_ d: Int) -> [Double] {
        (0..<d).map { ties == .efron ? Double($0) / Double(d) : 0 }
    }

    /// Log partial likelihood, score and information at beta (weighted Efron or Breslow).
    func evaluate(_ beta: [Double], derivatives: Bool = true) -> (Double, [Double], Matrix) {
        let n = rows, p = columns
        var ll = 0.0
        var u = [Double](repeating: 0, count: p)
        var info = Matrix(rows: p, columns: p)
        var s0 = 0.0
        var s1 = [Double](repeating: 0, count: p)
        var s2 = Matrix(rows: p, columns: p)
        var i = 0
        while i < n {
            if startsStratum(i) { s0 = 0; s1 = [Double](repeating: 0, count: p); s2 = Matrix(rows: p, columns: p) }
            let block = tiedBlock(from: i)
            var e0 = 0.0, deaths = Deaths()
            var e1 = [Double](repeating: 0, count: p)
            var e2 = Matrix(rows: p, columns: p)
            for j in block {
                let eta = x.rowDot(j, beta)
                let r = weight[j] * Foundation.exp(eta)
                let base = j * p
                s0 += r
                for a in 0..<p { s1[a] += r * x.values[base + a] }
                if derivatives { s2.addOuterProduct(ofRow: j, of: x, weight: r) }
                if event[j] && weight[j] > 0 {
                    deaths.count += 1; deaths.weightSum += weight[j]
                    ll += weight[j] * eta
                    e0 += r
                    for a in 0..<p { e1[a] += r * x.values[base + a]; u[a] += weight[j] * x.values[base + a] }
                    if derivatives && ties == .efron { e2.addOuterProduct(ofRow: j, of: x, weight: r) }
                }
            }
            let m = deaths.meanWeight
            for f in fractions(deaths.count) {
                let den = s0 - f * e0
                ll -= m * Foundation.log(den)
                guard derivatives else { continue }
                var mean = [Double](repeating: 0, count: p)
                for a in 0..<p { mean[a] = (s1[a] - f * e1[a]) / den; u[a] -= m * mean[a] }
                for a in 0..<p {
                    for b in 0..<p { info[a, b] += m * ((s2[a, b] - f * e2[a, b]) / den - mean[a] * mean[b]) }
                }
            }
            i = block.upperBound
        }
        return (ll, u, info)
    }
}

/// Newton-Raphson with step halving on the partial likelihood.
enum CoxNewton {
    struct Result {
        var beta: [Double]
        var logLikelihood: Double
        var nullLogLikelihood: Double
        var scoreStatistic: Double
        var covariance: Matrix?
        var iterations: Int
        var degeneracy: Degeneracy?
    }

    static func run(_ data: CoxData, maxIterations: Int, tolerance: Double) -> Result {
        let p = data.columns
        var beta = [Double](repeating: 0, count: p)
        var (ll, u, info) = data.evaluate(beta)
        var result = Result(beta: beta, logLikelihood: ll, nullLogLikelihood: ll, scoreStatistic: .nan, covariance: nil,
                            iterations: 0, degeneracy: nil)
        guard data.eventCount > 0 else { result.degeneracy = .noEvents; return result }
        // Singular at beta = 0: collinear covariates, or one constant within every risk set.
        guard let start = info.choleskyIfPositiveDefinite() else { result.degeneracy = .singularDesign; return result }
        result.scoreStatistic = dot(start.solve(u), u)
        var converged = false
        while result.iterations < maxIterations {
            // Singular away from 0: the information vanishes as a coefficient runs off to infinity.
            guard let chol = info.choleskyIfPositiveDefinite() else { break }
            let step = chol.solve(u)
            var t = 1.0
            var newBeta = beta
            var newLL = -Double.infinity
            for _ in 0..<40 {
                for a in 0..<p { newBeta[a] = beta[a] + t * step[a] }
                newLL = data.evaluate(newBeta, derivatives: false).0
                if newLL.isFinite && newLL >= ll - 1e-12 * (1 + abs(ll)) { break }
                t /= 2
            }
            result.iterations += 1
            var maxDelta = 0.0
            for a in 0..<p { maxDelta = max(maxDelta, abs(newBeta[a] - beta[a]) / (1 + abs(beta[a]))) }
            let llChange = abs(newLL - ll) / (1 + abs(newLL))
            beta = newBeta
            (ll, u, info) = data.evaluate(beta)
            if llChange < tolerance && maxDelta < tolerance.squareRoot() { converged = true; break }
        }
        guard converged, let covariance = info.inverseIfPositiveDefinite() else { result.degeneracy = .notConverged; return result }
        result.beta = beta
        result.logLikelihood = ll
        result.covariance = covariance
        return result
    }
}
