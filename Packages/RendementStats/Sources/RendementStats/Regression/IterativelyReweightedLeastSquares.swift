import Foundation

/// The canonical-link GLM families fitted by `IterativelyReweightedLeastSquares`.
enum CanonicalFamily: Sendable {
    /// Binomial with logit link (y in [0, 1]).
    case binomialLogit
    /// Poisson with log link (y >= 0).
    case poissonLog

    @inline(__always) func mean(_ eta: Double) -> Double {
        switch self {
        case .binomialLogit: return eta >= 0 ? 1 / (1 + Foundation.exp(-eta)) : Foundation.exp(eta) / (1 + Foundation.exp(eta))
        case .poissonLog: return Foundation.exp(eta)
        }
    }

    /// Per-observation log-likelihood (without prior weight); for the
    /// binomial the binomial coefficient term is omitted (0 for binary y).
    @inline(__always) func logLikelihood(y: Double, eta: Double) -> Double {
        switch self {
        case .binomialLogit:
            // y*eta - log(1 + e^eta), computed without overflow.
            let softplus = eta > 0 ? eta + Foundation.log1p(Foundation.exp(-eta)) : Foundation.log1p(Foundation.exp(eta))
            return y * eta - softplus
        case .poissonLog:
            return y * eta - Foundation.exp(eta) - Foundation.lgamma(y + 1)
        }
    }

    /// Working weight d mu / d eta (= variance for canonical links).
    @inline(__always) func variance(_ mu: Double) -> Double {
        switch self {
        case .binomialLogit: return mu * (1 - mu)
        case .poissonLog: return mu
        }
    }

    /// Starting mean as statsmodels' GLM (family.starting_mu).
    @inline(__always) func startingMean(y: Double, ybar: Double) -> Double {
        switch self {
        case .binomialLogit: return (y + 0.5) / 2
        case .poissonLog: return (y + ybar) / 2
        }
    }

    @inline(__always) func link(_ mu: Double) -> Double {
        switch self {
        case .binomialLogit: return Foundation.log(mu / (1 - mu))
        case .poissonLog: return Foundation.log(mu)
        }
    }
}

/// Newton-Raphson (identical to Fisher scoring / IRLS for canonical links,
/// McCullagh & Nelder 1989, sec. 2.5) with step halving on the log-likelihood.
/// X'WX is accumulated row by row, so memory is O(p^2) beyond the data.
struct IterativelyReweightedLeastSquares {
    let x: Matrix
    let y: [Double]
    let offset: [Double]
    let weights: [Double]
    let family: CanonicalFamily

    struct State {
        var beta: [Double]
        var logLikelihood: Double
        var iterations: Int
        var converged: Bool
        var lastChange: Double
        var history: [[Double]]
        /// Set when the information matrix became singular during the iterations.
        var singular = false
    }

    func linearPredictor(_ beta: [Double], _ i: Int) -> Double {
        var s = offset[i]
        let base = i * x.columns
        for j in 0..<x.columns { s += x.values[base + j] * beta[j] }
        return s
    }

    func logLikelihood(_ beta: [Double]) -> Double {
        var ll = 0.0
        for i in 0..<x.rows where weights[i] != 0 {
            ll += weights[i] * family.logLikelihood(y: y[i], eta: linearPredictor(beta, i))
        }
        return ll
    }

    /// Score X'W(y - mu) and information X' diag(w v) X at beta.
    func scoreAndInformation(_ beta: [Double]) -> ([Double], Matrix) {
        let p = x.columns
        var score = [Double](repeating: 0, count: p)
        var info = Matrix(rows: p, columns: p)
        for i in 0..<x.rows where weights[i] != 0 {
            let mu = family.mean(linearPredictor(beta, i))
            let u = weights[i] * (y[i] - mu)
            let base = i * p
            for j in 0..<p { score[j] += x.values[base + j] * u }
            info.addOuterProduct(ofRow: i, of: x, weight: weights[i] * family.variance(mu))
        }
        return (score, info)
    }

    /// Weighted least-squares start on the link scale (statsmodels' IRLS start).
    func startingValues() -> [Double] {
        let p = x.columns
        var sw = 0.0, swy = 0.0
        for i in 0..<x.rows { sw += weights[i]; swy += weights[i] * y[i] }
        let ybar = sw > 0 ? swy / sw : 0.5
        var xtwx = Matrix(rows: p, columns: p)
        var xtwz = [Double](repeating: 0, count: p)
        for i in 0..<x.rows where weights[i] != 0 {
            let mu = family.startingMean(y: y[i], ybar: ybar)
            let z = family.link(mu) - offset[i]
            let w = weights[i] * family.variance(mu)
            xtwx.addOuterProduct(ofRow: i, of: x, weight: w)
            let base = i * p
            for j in 0..<p { xtwz[j] += x.values[base + j] * w * z }
        }
        // A singular start system only means a poorer start (zeros); the Newton iterations decide.
        if let c = xtwx.choleskyIfPositiveDefinite(), case let b = c.solve(xtwz), b.allSatisfy({ $0.isFinite }) { return b }
        return [Double](repeating: 0, count: p)
    }

    /// Runs Newton iterations until both the relative log-likelihood change is
    /// below `tolerance` and the largest coefficient change is below
    /// `tolerance^(1/2) * (1 + |beta|)`, or `maxIterations` is reached.
    /// `shouldStop` is called after each iteration (used for the separation check).
    func run(maxIterations: Int, tolerance: Double, shouldStop: (State) -> Bool = { _ in false }) -> State {
        var beta = startingValues()
        var ll = logLikelihood(beta)
        if !ll.isFinite { beta = [Double](repeating: 0, count: x.columns); ll = logLikelihood(beta) }
        var state = State(beta: beta, logLikelihood: ll, iterations: 0, converged: false, lastChange: .infinity, history: [beta])
        while state.iterations < maxIterations {
            let (score, info) = scoreAndInformation(state.beta)
            let chol: Cholesky
            do { chol = try Cholesky(info) } catch { state.singular = true; return state }
            let step = chol.solve(score)
            var t = 1.0
            var newBeta = state.beta
            var newLL = -Double.infinity
            for _ in 0..<40 {
                for j in 0..<step.count { newBeta[j] = state.beta[j] + t * step[j] }
                newLL = logLikelihood(newBeta)
                if newLL.isFinite && newLL >= state.logLikelihood - 1e-12 * (1 + abs(state.logLikelihood)) { break }
                t /= 2
            }
            state.iterations += 1
            var maxDelta = 0.0
            for j in 0..<step.count { maxDelta = max(maxDelta, abs(newBeta[j] - state.beta[j]) / (1 + abs(state.beta[j]))) }
            let llChange = abs(newLL - state.logLikelihood) / (1 + abs(newLL))
            state.beta = newBeta
            state.logLikelihood = newLL
            state.lastChange = maxDelta
            state.history.append(newBeta)
            if llChange < tolerance && maxDelta < tolerance.squareRoot() {
                // One more full Newton step has already been taken; at quadratic
                // convergence the coefficients are accurate to ~maxDelta^2.
                state.converged = true
                return state
            }
            if shouldStop(state) { return state }
        }
        return state
    }
}
