import Foundation

/// Fisher–Snedecor F distribution with numerator and denominator degrees of freedom.
///
/// `cdf = I_{d₁x/(d₁x+d₂)}(d₁/2, d₂/2)` and `sf = I_{d₂/(d₁x+d₂)}(d₂/2, d₁/2)`,
/// both computed directly. Matches `scipy.stats.f`.
public struct FDistribution: Sendable {
    public let numeratorDF: Double
    public let denominatorDF: Double

    /// Creates F(d₁, d₂); both must be positive.
    public init(numeratorDF: Double, denominatorDF: Double) {
        self.numeratorDF = numeratorDF
        self.denominatorDF = denominatorDF
    }

    private var valid: Bool { numeratorDF > 0 && denominatorDF > 0 && numeratorDF.isFinite && denominatorDF.isFinite }

    /// (d₁x/(d₁x+d₂), d₂/(d₁x+d₂)), each formed without overflow or cancellation.
    private func xy(_ x: Double) -> (Double, Double) {
        let ratio = numeratorDF / denominatorDF
        if x * ratio > 1 {
            let r = (denominatorDF / numeratorDF) / x
            return (1 / (1 + r), r / (1 + r))
        }
        let r = ratio * x
        return (r / (1 + r), 1 / (1 + r))
    }

    /// Probability density at `x`.
    public func pdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x < 0 || x == .infinity { return 0 }
        if x == 0 {
            if numeratorDF < 2 { return .infinity }
            return numeratorDF == 2 ? 1 : 0
        }
        return Foundation.exp(logpdf(x))
    }

    /// Log density at `x > 0`.
    public func logpdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return Foundation.log(pdf(x)) }
        let (u, v) = xy(x)
        return SpecialFunctions.logBetaPrefix(numeratorDF / 2, denominatorDF / 2, u, v) - Foundation.log(x)
    }

    /// P(X <= x).
    public func cdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        let (u, v) = xy(x)
        return SpecialFunctions.incompleteBeta(u, v, numeratorDF / 2, denominatorDF / 2).lower
    }

    /// P(X > x), computed directly in the upper tail.
    public func sf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        let (u, v) = xy(x)
        return SpecialFunctions.incompleteBeta(u, v, numeratorDF / 2, denominatorDF / 2).upper
    }

    /// log P(X > x).
    public func logsf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        let (u, v) = xy(x)
        return SpecialFunctions.logIncompleteBeta(u, v, numeratorDF / 2, denominatorDF / 2, upperTail: true)
    }

    /// log P(X <= x).
    public func logcdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return -.infinity }
        let (u, v) = xy(x)
        return SpecialFunctions.logIncompleteBeta(u, v, numeratorDF / 2, denominatorDF / 2, upperTail: false)
    }

    /// Quantile function: the `x` with P(X <= x) = p.
    public func quantile(_ p: Double) -> Double {
        guard valid, !p.isNaN, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let lower = p <= 0.5
        let tau = min(p, 1 - p)
        return QuantileSolver.solvePositive(
            increasing: lower, logTarget: Foundation.log(tau), guess: 1,
            logTail: { lower ? self.logcdf($0) : self.logsf($0) },
            logDensity: { self.logpdf($0) })
    }

    /// Inverse survival function: the `x` with P(X > x) = q.
    public func inverseSurvival(_ q: Double) -> Double {
        guard valid, !q.isNaN, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        let upper = q <= 0.5
        let tau = min(q, 1 - q)
        return QuantileSolver.solvePositive(
            increasing: !upper, logTarget: Foundation.log(tau), guess: 1,
            logTail: { upper ? self.logsf($0) : self.logcdf($0) },
            logDensity: { self.logpdf($0) })
    }
}
