/// Why a regression fit was refused. Every case names the problem in words
/// (`description`) so that callers can show it instead of meaningless numbers.
public enum RegressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Inputs of inconsistent length or an empty design.
    case dimensionMismatch(String)
    /// A response value outside the model's support (e.g. y not in [0, 1] for
    /// logistic regression, negative counts for Poisson).
    case invalidResponse(String)
    /// The design (or the information matrix) is singular: collinear columns.
    case singularDesign(LinearAlgebraError)
    /// The iterative fit did not converge within the iteration limit.
    case notConverged(iterations: Int, lastChange: Double)
    /// Logistic regression: the maximum likelihood estimate does not exist
    /// because the outcome is completely or quasi-completely separated by a
    /// linear combination of the covariates (Albert & Anderson 1984).
    case perfectSeparation(SeparationStatus)
    /// Too few clusters for a cluster-robust covariance (needs at least 2).
    case tooFewClusters(Int)
    /// Negative binomial: the dispersion alpha went to its boundary 0 (the
    /// counts are not overdispersed), where the NB2 likelihood has no interior
    /// maximum and the information matrix degenerates; fit a Poisson model.
    case dispersionAtBoundary(alpha: Double)

    public var description: String {
        switch self {
        case let .dimensionMismatch(s): return "dimension mismatch: \(s)"
        case let .invalidResponse(s): return "invalid response: \(s)"
        case let .singularDesign(e): return "singular design: \(e)"
        case let .notConverged(it, ch): return "did not converge after \(it) iterations (last change \(ch))"
        case let .perfectSeparation(s): return s.description
        case let .tooFewClusters(g): return "cluster-robust covariance needs at least 2 clusters, got \(g)"
        case let .dispersionAtBoundary(a):
            return "negative binomial dispersion alpha = \(a) is at its boundary 0: no overdispersion, the NB2 maximum likelihood estimate is on the boundary; use PoissonRegression"
        }
    }
}

/// Outcome of the separation check of `LogisticRegression` (Albert & Anderson
/// 1984, "On the existence of maximum likelihood estimates in logistic
/// regression models", Biometrika 71:1-10).
public enum SeparationStatus: Sendable, Equatable, CustomStringConvertible {
    /// The MLE exists (no separation found).
    case none
    /// Complete separation: a direction d exists with (2y_i - 1) x_i'd > 0 for
    /// every observation; every fitted probability goes to 0 or 1.
    case complete(separatedObservations: Int)
    /// Quasi-complete separation: (2y_i - 1) x_i'd >= 0 for all i with equality
    /// for some; `separatedObservations` fitted probabilities go to 0 or 1.
    case quasiComplete(separatedObservations: Int)

    public var description: String {
        switch self {
        case .none: return "no separation"
        case let .complete(n):
            return "complete separation: a linear combination of the covariates predicts the outcome perfectly for all \(n) observations; the maximum likelihood estimate does not exist (coefficients diverge)"
        case let .quasiComplete(n):
            return "quasi-complete separation: a linear combination of the covariates predicts the outcome perfectly for \(n) observations; the maximum likelihood estimate does not exist (some coefficients diverge)"
        }
    }
}
