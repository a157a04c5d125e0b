import RendementCore

/// Which police register an outcome is counted in: BVH police contacts or HKS
/// police reports (offences).
public enum OutcomeSource: String, Sendable, Codable, CaseIterable {
    case bvh, hks

    /// The event days of this source in a history.
    public func days(_ history: PoliceHistory) -> SortedDays {
        switch self {
        case .bvh: history.bvh
        case .hks: history.hks
        }
    }
}
