/// Outcome of the separation check of `LogisticRegression` (Albert & Anderson
/// 1984, "On the existence of maximum likelihood estimates in logistic
/// regression models", Biometrika 71:1-10).
public enum SeparationStatus: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The MLE exists (no separation found).
    case none
    /// Complete separation: a direction d exists with (2y_i - 1) x_i'd > 0 for
    /// every observation; every fitted probability goes to 0 or 1.
    case complete(separatedObservations: Int)
    /// Quasi-complete separation: (2y_i - 1) x_i'd >= 0 for all i with equality
    /// for some; `separatedObservations` fitted probabilities go to 0 or 1.
    case quasiComplete(separatedObservations: Int)

    /// The status in words.
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
