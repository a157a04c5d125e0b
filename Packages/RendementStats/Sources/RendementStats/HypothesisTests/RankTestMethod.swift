import Foundation

/// How a rank test's p-value was obtained.
public enum RankTestMethod: String, Sendable {
    /// Exact null distribution of the statistic (no ties, no zeros).
    case exact
    /// Exact enumeration of all 2ⁿ sign flips (Wilcoxon with ties/zeros and n <= 13, as scipy).
    case permutation
    /// Normal approximation with tie correction.
    case asymptotic
}
