import Foundation

/// Safeguarded Newton iteration used to invert continuous distribution functions.
///
/// Works on `u = log x` for `x > 0` and solves `log T(e^u) = log τ`, where `T` is
/// the lower tail (cdf, increasing) or upper tail (sf, decreasing) and `τ <= ½` the
/// target tail probability. Working with logs of the tail keeps the iteration
/// well-conditioned down to `τ ≈ 1e-300`; a bracket is kept and bisection (in `u`)
/// is used whenever the Newton step leaves it, so the iteration always converges.
/// Quantiles beyond [1e-304, 1e304] are returned as 0 / +inf.
enum QuantileSolver {
    static func solvePositive(
        increasing: Bool,
        logTarget: Double,
        guess: Double,
        logTail: (Double) -> Double,
        logDensity: (Double) -> Double
    ) -> Double {
        func g(_ u: Double) -> Double { logTail(Foundation.exp(u)) - logTarget }
        func slope(_ u: Double, _ gu: Double) -> Double {
            let x = Foundation.exp(u)
            let s = Foundation.exp(u + logDensity(x) - (gu + logTarget))
            return increasing ? s : -s
        }
        var u = (guess.isFinite && guess > 0) ? Foundation.log(guess) : 0
        var gu = g(u)
        if gu == 0 { return Foundation.exp(u) }
        // Root lies at larger u when the tail is still below the target (increasing)
        // or still above it (decreasing).
        let rootRight = increasing ? (gu < 0) : (gu > 0)
        var lo = u, hi = u
        var step = 1.0
        // Search range x ∈ [e^-700, e^700] ≈ [1e-304, 1e304], where every tail function is
        // evaluated on normal (non-subnormal, non-overflowing) doubles. A quantile outside it
        // is returned as 0 or +inf (it is not representable to useful precision anyway).
        let uMin = -700.0, uMax = 700.0
        if rootRight {
            while true {
                let next = min(hi + step, uMax)
                let gn = g(next)
                if gn.isNaN { break }
                if (increasing ? gn >= 0 : gn <= 0) { lo = hi; hi = next; break }
                hi = next; lo = next
                if next >= uMax { return .infinity }
                step *= 2
            }
        } else {
            while true {
                let next = max(lo - step, uMin)
                let gn = g(next)
                if gn.isNaN { break }
                if (increasing ? gn <= 0 : gn >= 0) { hi = lo; lo = next; break }
                lo = next; hi = next
                if next <= uMin { return 0 }
                step *= 2
            }
        }
        // g is increasing in u if `increasing`, else decreasing; sign at lo:
        let signLo: Double = increasing ? -1 : 1
        u = 0.5 * (lo + hi)
        gu = g(u)
        for _ in 0..<300 {
            if gu == 0 { break }
            if (gu > 0) == (signLo > 0) { lo = u } else { hi = u }
            var next = u - gu / slope(u, gu)
            if !next.isFinite || next <= lo || next >= hi {
                next = 0.5 * (lo + hi)
            }
            let tol = 1e-16 * max(1, abs(u))
            if abs(next - u) <= tol || hi - lo <= tol {
                u = next
                break
            }
            u = next
            gu = g(u)
        }
        return Foundation.exp(u)
    }
}
