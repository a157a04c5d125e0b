/// Why an estimate is not given: the reason code of the `reason` columns of
/// the result tables (documented in data-schema/outputs.md) and, in words, of
/// the reports. An empty estimate never goes without one.
public enum EstimateReason: String, Error, Sendable, Codable, CaseIterable, Equatable {
    /// Fewer matched sets (or clusters) than the method needs.
    case tooFewSets = "too_few_sets"
    /// A group or period without any event: a rate ratio or log mean is undefined.
    case noEvents = "no_events"
    /// No variation in the differences (a t test or covariance is degenerate).
    case noVariation = "no_variation"
    /// The model's iterations did not converge.
    case notConverged = "not_converged"
    /// Perfect separation in a model of a binary outcome.
    case separation
    /// Hidden by disclosure control (too few persons).
    case suppressed
    /// No set has enough follow-up (or history) inside the observation period.
    case noFollowUp = "no_follow_up"
    /// The placebo's pseudo-intake leaves no room before the anticipation months.
    case noRoom = "no_room"
}
