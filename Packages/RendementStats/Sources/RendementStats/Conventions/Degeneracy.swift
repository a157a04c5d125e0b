/// Why valid data could not support an estimate: the reason a result carries
/// in its `degeneracy` property when its figures are NaN (see the "Failure
/// conventions" article). The raw value is a stable snake_case reason code,
/// suitable for a `reason` column of a results table.
///
/// ```swift
/// let r = HypothesisTests.mcNemar(try TwoByTwoTable(a: 5, b: 0, c: 0, d: 7))
/// r.degeneracy          // .noDiscordantPairs
/// r.pValue.isNaN        // true: no evidence either way, never "significant"
/// r.degeneracy?.rawValue // "no_discordant_pairs"
/// ```
public enum Degeneracy: String, Sendable, Codable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    /// Fewer observations than the procedure needs (e.g. n < 2 for a t test).
    case tooFewObservations = "too_few_observations"
    /// The variance estimate is zero, so the statistic is 0/0 or x/0.
    case zeroVariance = "zero_variance"
    /// A row or column total of a contingency table is zero.
    case emptyMargin = "empty_margin"
    /// McNemar: no discordant pairs (b = c = 0), so the pairs carry no information.
    case noDiscordantPairs = "no_discordant_pairs"
    /// No events (in any stratum), so there is nothing to compare.
    case noEvents = "no_events"
    /// Only one group is present, so there is nothing to compare it with.
    case singleGroup = "single_group"
    /// The iterative fit did not converge (for Cox: often a monotone likelihood,
    /// a covariate that orders the events perfectly, so a coefficient is infinite).
    case notConverged = "not_converged"
    /// Logistic regression: complete or quasi-complete separation, the maximum
    /// likelihood estimate does not exist (Albert & Anderson 1984).
    case separation
    /// The design or information matrix is singular: collinear covariates, or a
    /// covariate constant within every risk set.
    case singularDesign = "singular_design"
    /// Negative binomial: the dispersion went to its boundary 0 (no overdispersion).
    case noOverdispersion = "no_overdispersion"
    /// A cluster-robust covariance needs at least two clusters.
    case tooFewClusters = "too_few_clusters"
    /// Meta-regression: the moderator is constant across studies.
    case constantModerator = "constant_moderator"

    /// The reason in words (English).
    public var description: String {
        switch self {
        case .tooFewObservations: return "too few observations"
        case .zeroVariance: return "no variation in the data"
        case .emptyMargin: return "a row or column of the table is empty"
        case .noDiscordantPairs: return "no discordant pairs"
        case .noEvents: return "no events"
        case .singleGroup: return "only one group"
        case .notConverged: return "the model did not converge (a coefficient may be infinite)"
        case .separation: return "the outcome is perfectly separated by the covariates"
        case .singularDesign: return "the covariates are collinear"
        case .noOverdispersion: return "no overdispersion (use a Poisson model)"
        case .tooFewClusters: return "fewer than two clusters"
        case .constantModerator: return "the moderator does not vary"
        }
    }
}
