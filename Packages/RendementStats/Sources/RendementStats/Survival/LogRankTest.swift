import Foundation

/// The log-rank test of equal survival in k >= 2 groups, optionally
/// stratified, as R `survival::survdiff(Surv(time, event) ~ group + strata(s))`
/// (rho = 0; Mantel 1966, Peto & Peto 1972) and lifelines
/// `multivariate_logrank_test` (unstratified).
///
/// Within each stratum, at every distinct event time with n at risk and d
/// events, group j contributes O_j += d_j, E_j += d n_j / n and
/// V_jl += d (n - d)/(n - 1) * n_j/n * (delta_jl - n_l/n). The statistic is
/// (O - E)' V^- (O - E) over the groups with E > 0 after dropping the first of
/// them, referred to chi-square with (number of such groups - 1) df -- exactly
/// survdiff's handling of empty groups.
public struct LogRankTest: Sendable {
    /// Group labels, ascending (R orders factor levels).
    public let groups: [Int]
    /// Observed events per group (summed over strata).
    public let observed: [Double]
    /// Expected events per group under the null.
    public let expected: [Double]
    /// Variance-covariance matrix of O - E (k x k).
    public let variance: Matrix
    /// Chi-square statistic.
    public let chiSquared: Double
    /// Degrees of freedom.
    public let degreesOfFreedom: Int
    /// Upper-tail chi-square p-value (NaN when degreesOfFreedom is 0).
    public var pValue: Double {
        degreesOfFreedom > 0 ? ChiSquared(degreesOfFreedom: Double(degreesOfFreedom)).sf(chiSquared) : .nan
    }

    /// Runs the test. `strata` (optional, one label per subject) restricts
    /// risk sets to subjects in the same stratum.
    public init(times: [Double], events: [Bool], groups g: [Int], strata: [Int]? = nil) throws {
        let n = times.count
        guard events.count == n, g.count == n, strata?.count ?? n == n, n > 0 else {
            throw SurvivalError.dimensionMismatch("times \(n), events \(events.count), groups \(g.count), strata \(strata?.count ?? n)")
        }
        if let bad = times.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) { throw SurvivalError.invalidTime(index: bad, value: times[bad]) }
        let labels = Array(Set(g)).sorted()
        let k = labels.count
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let s = strata ?? [Int](repeating: 0, count: n)
        var obs = [Double](repeating: 0, count: k), exp = [Double](repeating: 0, count: k)
        var v = Matrix(rows: k, columns: k)
        for stratum in Set(s).sorted() {
            let members = (0..<n).filter { s[$0] == stratum }.sorted { times[$0] > times[$1] }
            // Walk times in descending order, growing the risk set.
            var atRisk = [Double](repeating: 0, count: k)
            var pos = 0
            var blocks: [(nj: [Double], dj: [Double])] = []
            while pos < members.count {
                let t = times[members[pos]]
                var dj = [Double](repeating: 0, count: k)
                while pos < members.count && times[members[pos]] == t {
                    let i = members[pos]
                    atRisk[index[g[i]]!] += 1
                    if events[i] { dj[index[g[i]]!] += 1 }
                    pos += 1
                }
                if dj.contains(where: { $0 > 0 }) { blocks.append((atRisk, dj)) }
            }
            for (nj, dj) in blocks {
                let nTot = nj.reduce(0, +), d = dj.reduce(0, +)
                for j in 0..<k {
                    obs[j] += dj[j]
                    exp[j] += d * nj[j] / nTot
                }
                guard nTot > 1 else { continue }
                let f = d * (nTot - d) / (nTot - 1)
                for j in 0..<k {
                    for l in 0..<k {
                        v[j, l] += f * nj[j] / nTot * ((j == l ? 1 : 0) - nj[l] / nTot)
                    }
                }
            }
        }
        let keep = (0..<k).filter { exp[$0] > 0 }
        var chi = 0.0
        if keep.count >= 2 {
            let used = Array(keep.dropFirst())
            let m = used.count
            var vv = Matrix(rows: m, columns: m)
            for (a, ja) in used.enumerated() { for (b, jb) in used.enumerated() { vv[a, b] = v[ja, jb] } }
            let diff = used.map { obs[$0] - exp[$0] }
            do {
                let sol = try Cholesky(vv, relativeTolerance: 1e-10).solve(diff)
                chi = dot(sol, diff)
            } catch let e as LinearAlgebraError {
                throw SurvivalError.singularInformation(e)
            }
        }
        self.groups = labels; self.observed = obs; self.expected = exp; self.variance = v
        self.chiSquared = chi; self.degreesOfFreedom = max(keep.count - 1, 0)
    }
}
