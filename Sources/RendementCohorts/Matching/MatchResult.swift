/// The outcome of matching: one set per matched client, and the reason for
/// every client left out.
public struct MatchResult: Sendable {
    /// A client and its 1..k controls (indices into the arrays given to the matcher).
    public struct MatchedSet: Sendable, Equatable {
        public var client: Int
        public var controls: [Int]
        /// Distance of each control, in the units of the chosen distance.
        public var distances: [Double]
    }

    public var sets: [MatchedSet]
    public var unmatched: [(client: Int, reason: UnmatchedReason)]
    /// The caliper actually applied, in score units (SD times `caliperSD`).
    public var caliper: Double?
}
