/// Event counts of one matched set in one window: the client's before and
/// after counts and those of each qualifying control (a control qualifies
/// when both its windows lie inside the observation period).
public struct SetCounts: Sendable, Equatable {
    public var clientBefore: Int
    public var clientAfter: Int
    public var controlsBefore: [Int]
    public var controlsAfter: [Int]

    public init(clientBefore: Int, clientAfter: Int, controlsBefore: [Int], controlsAfter: [Int]) {
        precondition(controlsBefore.count == controlsAfter.count, "one before and one after count per control")
        self.clientBefore = clientBefore
        self.clientAfter = clientAfter
        self.controlsBefore = controlsBefore
        self.controlsAfter = controlsAfter
    }

    /// Controls that qualified.
    public var controlCount: Int { controlsBefore.count }

    /// Set-level difference-in-differences
    /// `d = (after - before)_client - mean_j (after_j - before_j)`, the unit of
    /// the paired t test and the Wilcoxon test (data-schema/contract.md section 4: every
    /// control of a set of k weighs 1/k).
    /// The same for prevalence: the client's change in having any event
    /// minus the mean change of the controls' indicators.
    public var prevalenceDifference: Double {
        func any(_ n: Int) -> Double { n > 0 ? 1 : 0 }
        let controlChange = zip(controlsAfter, controlsBefore).reduce(0.0) { $0 + any($1.0) - any($1.1) } / Double(controlCount)
        return any(clientAfter) - any(clientBefore) - controlChange
    }

    public var difference: Double {
        let controlChange = zip(controlsAfter, controlsBefore).reduce(0.0) { $0 + Double($1.0 - $1.1) } / Double(controlCount)
        return Double(clientAfter - clientBefore) - controlChange
    }
}
