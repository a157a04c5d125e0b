import Foundation

extension RegressionCoefficients {
    /// Two-sided p-values 2 * P(|T| > |statistic|) under `distribution`
    /// (statsmodels `pvalues`).
    public var pValues: [Double] {
        statistics.map { s in
            guard s.isFinite else { return .nan }
            switch distribution {
            case .normal: return 2 * Normal.standard.sf(abs(s))
            case let .studentT(df): return 2 * StudentT(degreesOfFreedom: df).sf(abs(s))
            }
        }
    }

    /// The critical value q_{1 - (1 - level)/2} of `distribution`.
    public func criticalValue(level: Double = 0.95) -> Double {
        let p = 1 - (1 - level) / 2
        switch distribution {
        case .normal: return Normal.standard.quantile(p)
        case let .studentT(df): return StudentT(degreesOfFreedom: df).quantile(p)
        }
    }

    /// Wald confidence intervals estimate -/+ q * SE (statsmodels `conf_int`).
    public func confidenceIntervals(level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        let q = criticalValue(level: level)
        return zip(estimates, standardErrors).map { (lower: $0 - q * $1, upper: $0 + q * $1) }
    }
}
