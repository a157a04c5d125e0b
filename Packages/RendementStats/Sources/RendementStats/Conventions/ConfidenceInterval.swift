import Foundation

/// A two-sided confidence interval at `level` (e.g. 0.95): the one interval
/// type of the library. Bounds are NaN where the interval is undefined (as
/// R's NA).
///
/// ```swift
/// let fit = try PoissonRegression.fit(design, y: counts)
/// let rateRatio = fit.coefficients["treated"]!.confidenceInterval().map(exp)
/// print(rateRatio.lower, rateRatio.upper, rateRatio.level)
/// ```
public struct ConfidenceInterval: Sendable, Equatable, Hashable, Codable {
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double
    /// The confidence level, in (0, 1).
    public let level: Double

    /// An interval from its bounds and level.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// An interval with both bounds undefined (NaN).
    public static func undefined(level: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: .nan, upper: .nan, level: level)
    }

    /// The Wald interval `estimate -/+ q * standardError` for a critical value `q`.
    public static func wald(estimate: Double, standardError: Double, criticalValue q: Double, level: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: estimate - q * standardError, upper: estimate + q * standardError, level: level)
    }

    /// The interval with both bounds sent through an increasing function,
    /// e.g. `map(exp)` from a log hazard ratio to a hazard ratio.
    ///
    /// - Parameter transform: an increasing function.
    /// - Returns: `[transform(lower), transform(upper)]` at the same level.
    public func map(_ transform: (Double) -> Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: transform(lower), upper: transform(upper), level: level)
    }

    /// Whether both bounds are defined (not NaN).
    public var isDefined: Bool { !lower.isNaN && !upper.isNaN }

    /// Whether `value` lies inside the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
