/// The outcome of matching: one set per matched client, and the reason for
/// every client left out.
public struct MatchResult: Sendable {
    /// A client and its 1..k controls (indices into the arrays given to the matcher).
    public struct MatchedSet: Sendable, Equatable {
        public var client: Int
        public var controls: [Int]
        /// Distance of each control, in the units of the chosen distance.
        public var distances: [Double]
        /// The round of staged matching that matched it (1: the strict rules).
        public var round: Int

        public init(client: Int, controls: [Int], distances: [Double], round: Int = 1) {
            self.client = client
            self.controls = controls
            self.distances = distances
            self.round = round
        }
    }

    public var sets: [MatchedSet]
    public var unmatched: [(client: Int, reason: UnmatchedReason)]
    /// The caliper actually applied, in score units (SD times `caliperSD`).
    public var caliper: Double?
}
