import Foundation

/// Score residuals of a Cox fit and the cluster-robust covariance built from
/// them (Lin & Wei 1989; Therneau & Grambsch 2000, sec. 7.2).
///
/// Subject i's residual is U_i = delta_i (x_i - xbar_D(t_i)) - e^eta_i
/// sum_{event times t <= t_i} sum_l c_il h_l (x_i - xbar_l), where at an
/// event time with d tied deaths of mean weight m the Efron sub-steps
/// l = 0..d-1 have denominator S0 - (l/d) E0, hazard increment h_l =
/// m / denominator and mean xbar_l; c_il = 1 - l/d for the tied deaths and 1
/// for everybody else at risk, xbar_D = the mean of the xbar_l (R's Efron
/// `dfbeta` residuals; Breslow: one step with l = 0). The score is
/// sum_i w_i U_i; the robust covariance is V (sum_g s_g s_g') V with
/// s_g = sum_{i in g} w_i U_i.
enum CoxScoreResiduals {
    /// Per event time: the sums needed for the residuals of the subjects at risk.
    struct Step {
        var hazard = 0.0            // sum_l h_l
        var hazardMean: [Double]    // sum_l h_l xbar_l
        var deathHazard = 0.0       // sum_l (1 - f_l) h_l
        var deathHazardMean: [Double]
        var deathMean: [Double]     // (1/d) sum_l xbar_l
        init(p: Int) {
            hazardMean = [Double](repeating: 0, count: p)
            deathHazardMean = hazardMean
            deathMean = hazardMean
        }
    }

    /// Residuals U_i (unweighted), in the data's sorted order.
    static func residuals(_ data: CoxData, beta: [Double]) -> [[Double]] {
        let n = data.rows, p = data.columns
        let eta = (0..<n).map { Foundation.exp(data.x.rowDot($0, beta)) }
        var steps = [Step?](repeating: nil, count: n)   // indexed by a block's first row
        var s0 = 0.0
        var s1 = [Double](repeating: 0, count: p)
        var blocks: [Range<Int>] = []
        var i = 0
        while i < n {
            if data.startsStratum(i) { s0 = 0; s1 = [Double](repeating: 0, count: p) }
            let block = data.tiedBlock(from: i)
            blocks.append(block)
            var e0 = 0.0, deaths = CoxData.Deaths()
            var e1 = [Double](repeating: 0, count: p)
            for j in block {
                let r = data.weight[j] * eta[j]
                s0 += r
                for a in 0..<p { s1[a] += r * data.x[j, a] }
                if data.event[j] && data.weight[j] > 0 {
                    deaths.count += 1; deaths.weightSum += data.weight[j]
                    e0 += r
                    for a in 0..<p { e1[a] += r * data.x[j, a] }
                }
            }
            if deaths.count > 0 {
                var step = Step(p: p)
                let fractions = data.fractions(deaths.count)
                for f in fractions {
                    let den = s0 - f * e0
                    let h = deaths.meanWeight / den
                    step.hazard += h
                    step.deathHazard += (1 - f) * h
                    for a in 0..<p {
                        let mean = (s1[a] - f * e1[a]) / den
                        step.hazardMean[a] += h * mean
                        step.deathHazardMean[a] += (1 - f) * h * mean
                        step.deathMean[a] += mean / Double(fractions.count)
                    }
                }
                steps[block.lowerBound] = step
            }
            i = block.upperBound
        }
        // Ascending time within each stratum: cumulative hazard sums of earlier event times.
        var out = [[Double]](repeating: [Double](repeating: 0, count: p), count: n)
        var cumHazard = 0.0
        var cumMean = [Double](repeating: 0, count: p)
        for block in blocks.reversed() {
            if block.upperBound == n || data.startsStratum(block.upperBound) { cumHazard = 0; cumMean = [Double](repeating: 0, count: p) }
            let step = steps[block.lowerBound]
            for j in block {
                let dies = data.event[j] && data.weight[j] > 0
                var h = cumHazard, hm = cumMean
                if let step {
                    h += dies ? step.deathHazard : step.hazard
                    for a in 0..<p { hm[a] += dies ? step.deathHazardMean[a] : step.hazardMean[a] }
                }
                for a in 0..<p {
                    var r = -eta[j] * (data.x[j, a] * h - hm[a])
                    if dies, let step { r += data.x[j, a] - step.deathMean[a] }
                    out[j][a] = r
                }
            }
            if let step {
                cumHazard += step.hazard
                for a in 0..<p { cumMean[a] += step.hazardMean[a] }
            }
        }
        return out
    }

    /// V (sum_g s_g s_g') V, s_g = sum over cluster g of w_i U_i (no small-sample factor).
    static func robustCovariance(_ data: CoxData, beta: [Double], bread v: Matrix, clusters: [Int]) -> Matrix {
        let u = residuals(data, beta: beta)
        var sums: [Int: [Double]] = [:]
        for (r, i) in data.order.enumerated() {
            let w = data.weight[r]
            let score = u[r].map { $0 * w }
            if let s = sums[clusters[i]] { sums[clusters[i]] = zip(s, score).map(+) } else { sums[clusters[i]] = score }
        }
        var meat = Matrix(rows: data.columns, columns: data.columns)
        for key in sums.keys.sorted() { meat.addOuterProduct(sums[key]!) }
        return v.sandwich(meat)
    }
}
