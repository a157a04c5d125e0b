/// Why a meta-analysis was refused.
public enum MetaAnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Effects, variances (and moderators) of different lengths, or too few studies.
    case dimensionMismatch(String)
    /// A sampling variance that is not strictly positive and finite.
    case invalidVariance(index: Int, value: Double)
    /// The moderator is constant, so the slope is not identified.
    case constantModerator

    public var description: String {
        switch self {
        case let .dimensionMismatch(s): return "dimension mismatch: \(s)"
        case let .invalidVariance(i, v): return "variance[\(i)] = \(v) must be positive and finite"
        case .constantModerator: return "the moderator is constant across studies; the meta-regression slope is not identified"
        }
    }
}
