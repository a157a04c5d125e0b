import Foundation

/// Why a test could not produce a finite statistic.
public enum TestDegeneracy: String, Sendable {
    /// Fewer observations than the test needs (e.g. n < 2 for a t test).
    case tooFewObservations
    /// The variance estimate is zero, so the statistic is undefined (0/0 or x/0).
    case zeroVariance
    /// A table margin or expected count is zero.
    case emptyMargin
}
