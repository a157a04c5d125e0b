/// Why an estimate is not given: the reason code of the `reason` columns of
/// the result tables (documented in data-schema/outputs.md) and, in words, of
/// the reports. An empty estimate never goes without one.
public enum EstimateReason: String, Error, Sendable, Codable, CaseIterable, Equatable, Hashable {
    /// Fewer matched sets (or clusters) than the method needs.
    case tooFewSets = "too_few_sets"
    /// Fewer Veiligheidshuizen than pooling (2) or a meta-regression (3) needs.
    case tooFewHouses = "too_few_houses"
    /// A group or period without any event: a rate ratio or log mean is undefined.
    case noEvents = "no_events"
    /// No variation in the differences (a t test or covariance is degenerate).
    case noVariation = "no_variation"
    /// Events at risk in one group only: nothing to compare.
    case singleGroup = "single_group"
    /// The model's iterations did not converge (a coefficient may be infinite).
    case notConverged = "not_converged"
    /// The model's covariates are collinear (e.g. one age for every set).
    case singularDesign = "singular_design"
    /// Perfect separation in a model of a binary outcome.
    case separation
    /// The moderator of a meta-regression does not vary.
    case constantModerator = "constant_moderator"
    /// A survival curve never gets down to the quantile (e.g. its median).
    case notReached = "not_reached"
    /// Hidden by disclosure control (too few persons).
    case suppressed
    /// No set has enough follow-up (or history) inside the observation period.
    case noFollowUp = "no_follow_up"
    /// The placebo's pseudo-intake leaves no room before the anticipation months.
    case noRoom = "no_room"
    /// The statistics library refused input the analysis built: a defect of
    /// this program, never a property of the data.
    case invalidInput = "invalid_input"
}
