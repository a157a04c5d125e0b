import RendementCore

/// A client or control in a matched set as the analysis sees it: the index
/// date, age at that date and the outcome history. For a control the index
/// incident and the pv's linked to it are already removed from `history`.
public struct SetMember: Sendable {
    public var person: Int64
    public var index: Day
    public var age: Int
    public var history: PoliceHistory
    /// The resolved birth date (nil when unknown).
    public var birth: Day?

    public init(person: Int64, index: Day, age: Int, history: PoliceHistory, birth: Day? = nil) {
        self.person = person
        self.index = index
        self.age = age
        self.history = history
        self.birth = birth
    }
}
