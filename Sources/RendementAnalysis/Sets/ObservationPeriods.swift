import RendementCore

/// The observation period of each police source: follow-up outside it is
/// unknown, not zero, so a window only counts when it lies inside.
public struct ObservationPeriods: Sendable, Equatable, Codable {
    public var bvh: ClosedRange<Day>?
    public var hks: ClosedRange<Day>?

    public init(bvh: ClosedRange<Day>?, hks: ClosedRange<Day>?) {
        self.bvh = bvh
        self.hks = hks
    }

    public subscript(source: OutcomeSource) -> ClosedRange<Day>? {
        switch source {
        case .bvh: bvh
        case .hks: hks
        }
    }
}
