/// Why a client got no matched set.
public enum UnmatchedReason: String, Sendable, CaseIterable, Codable {
    /// No candidate at all in the client's exact-matching stratum.
    case noCandidateInStratum = "no_candidate_in_stratum"
    /// The client's score is outside the range of the candidates' scores.
    case outsideCommonSupport = "outside_common_support"
    /// Candidates exist, but none within the caliper.
    case noCandidateWithinCaliper = "no_candidate_within_caliper"
    /// Every candidate within the caliper was already used by other clients.
    case candidatesUsedUp = "candidates_used_up"
}
