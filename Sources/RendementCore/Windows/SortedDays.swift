/// Event days of one person in ascending order (duplicates allowed), with
/// counting by binary search: the columnar form the cohorts and analysis use
/// instead of a query per person.
public struct SortedDays: Sendable, Equatable {
    public private(set) var days: [Int32]

    /// Sorts the given days.
    public init(_ days: [Int32]) {
        self.days = days.sorted()
    }

    /// Wraps days already in ascending order.
    public init(presorted days: [Int32]) {
        assert(zip(days, days.dropFirst()).allSatisfy { $0 <= $1 }, "days must be sorted")
        self.days = days
    }

    /// Number of events with `range.lowerBound <= day < range.upperBound`.
    public func count(in range: Range<Int32>) -> Int {
        guard !range.isEmpty else { return 0 }
        return lowerBound(range.upperBound) - lowerBound(range.lowerBound)
    }

    /// The first event day `>= day`, if any.
    public func first(onOrAfter day: Int32) -> Int32? {
        let i = lowerBound(day)
        return i < days.count ? days[i] : nil
    }

    /// The first event day overall.
    public var first: Int32? { days.first }

    public var isEmpty: Bool { days.isEmpty }

    /// Index of the first element `>= value`.
    public func lowerBound(_ value: Int32) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if days[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
