import RendementStats

/// Why an estimate of a result table is missing: the code written in the
/// table's `reason` column (empty when the estimate is there) and shown in
/// words by the reports. The set is small and documented in
/// `data-schema/outputs.md`; the statistical reasons come from the statistics
/// library's `Degeneracy`.
public enum EstimateReason: String, Sendable, Codable, Equatable, Hashable, CaseIterable, Error {
    /// Fewer matched sets than the estimate needs (2 for a t interval, 3 for a slope).
    case tooFewSets = "too_few_sets"
    /// Fewer Veiligheidshuizen than pooling (2) or a meta-regression (3) needs.
    case tooFewHouses = "too_few_houses"
    /// No member of the sets could be followed after the index date.
    case noFollowUp = "no_follow_up"
    /// No variation (e.g. every set-level difference equal, or every age the same).
    case zeroVariance = "zero_variance"
    /// No events in a group or period.
    case noEvents = "no_events"
    /// Only one group has events at risk (nothing to compare).
    case singleGroup = "single_group"
    /// The model did not converge (a coefficient may be infinite).
    case notConverged = "not_converged"
    /// The model's covariates are collinear (e.g. one age for every set).
    case singularDesign = "singular_design"
    /// Fewer than two clusters (sets) for a cluster-robust standard error.
    case tooFewClusters = "too_few_clusters"
    /// The moderator of a meta-regression does not vary.
    case constantModerator = "constant_moderator"
    /// Logistic separation (not used by the current tables).
    case separation
    /// Negative binomial without overdispersion (not used by the current tables).
    case noOverdispersion = "no_overdispersion"
    /// A survival curve never reaches the quantile (e.g. fewer than half have an event).
    case notReached = "not_reached"
    /// Left out by disclosure control: it rests on fewer persons than the threshold.
    case suppressed
    /// The analysis handed the statistics library input it refused: a defect
    /// of this program, never a property of the data.
    case invalidInput = "invalid_input"

    /// The reason for a degenerate library result; `tooFewObservations` counts sets here.
    public init(_ degeneracy: Degeneracy) {
        switch degeneracy {
        case .tooFewObservations: self = .tooFewSets
        case .zeroVariance, .emptyMargin, .noDiscordantPairs: self = .zeroVariance
        case .noEvents: self = .noEvents
        case .singleGroup: self = .singleGroup
        case .notConverged: self = .notConverged
        case .separation: self = .separation
        case .singularDesign: self = .singularDesign
        case .noOverdispersion: self = .noOverdispersion
        case .tooFewClusters: self = .tooFewClusters
        case .constantModerator: self = .constantModerator
        }
    }

    /// The reason in English words (reports translate the code themselves).
    public var words: String {
        switch self {
        case .tooFewSets: return "too few matched sets"
        case .tooFewHouses: return "too few Veiligheidshuizen"
        case .noFollowUp: return "nobody could be followed"
        case .zeroVariance: return "no variation"
        case .noEvents: return "no events"
        case .singleGroup: return "only one group"
        case .notConverged: return "the model did not converge"
        case .singularDesign: return "the covariates do not vary independently"
        case .tooFewClusters: return "fewer than two sets"
        case .constantModerator: return "the moderator does not vary"
        case .separation: return "the outcome is perfectly predicted"
        case .noOverdispersion: return "no overdispersion"
        case .notReached: return "the curve does not reach it"
        case .suppressed: return "hidden: too few persons"
        case .invalidInput: return "the statistics library refused the input (a program defect)"
        }
    }
}

/// A call into the statistics library on input the analysis assembled itself:
/// the result, or -- if the library refused that input -- `.invalidInput`
/// (a defect of this program, reported in the table rather than hidden).
enum LibraryCall {
    static func run<T>(_ body: () throws(StatsError) -> T) -> Result<T, EstimateReason> {
        do { return .success(try body()) } catch { return .failure(.invalidInput) }
    }
}
