/// Why a survival analysis was refused.
public enum SurvivalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Inputs of inconsistent length or no observations.
    case dimensionMismatch(String)
    /// A negative or non-finite time.
    case invalidTime(index: Int, value: Double)
    /// The Cox information matrix is singular (collinear covariates, or a
    /// covariate constant within all risk sets).
    case singularInformation(LinearAlgebraError)
    /// Newton-Raphson did not converge (often: monotone likelihood, a
    /// covariate that perfectly orders the events, so a coefficient diverges).
    case notConverged(iterations: Int)

    public var description: String {
        switch self {
        case let .dimensionMismatch(s): return "dimension mismatch: \(s)"
        case let .invalidTime(i, v): return "time[\(i)] = \(v) is not a non-negative finite number"
        case let .singularInformation(e): return "singular information matrix: \(e)"
        case let .notConverged(n): return "Cox partial likelihood did not converge after \(n) iterations (monotone likelihood: a coefficient may be infinite)"
        }
    }
}
