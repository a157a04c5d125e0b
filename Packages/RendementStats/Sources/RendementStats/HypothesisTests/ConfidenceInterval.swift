import Foundation

/// A two-sided confidence interval at `level` (e.g. 0.95).
public struct ConfidenceInterval: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let level: Double
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }
}
