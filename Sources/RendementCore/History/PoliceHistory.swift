/// One person's police record in columnar form, ready for window counts:
/// the days of their BVH police contacts (distinct incidents in which they
/// had a counted role, dated by pleegdatum) and of their HKS police reports
/// (distinct pv's, dated by the earliest pleegdatum), each with the key of
/// the BVH incident it belongs to, so a control's index incident -- and every
/// pv linked to it -- can be left out of the outcome windows.
public struct PoliceHistory: Sendable, Equatable {
    /// BVH contact days, ascending.
    public var bvh: SortedDays
    /// Incident key of each entry of `bvh` (same order).
    public var bvhIncidents: [Int64]
    /// HKS police report days, ascending.
    public var hks: SortedDays
    /// Linked BVH incident key of each entry of `hks` (same order), or `nil`
    /// when the extract does not link the pv.
    public var hksIncidents: [Int64?]

    public init(bvh: [(day: Int32, incident: Int64)] = [], hks: [(day: Int32, incident: Int64?)] = []) {
        let b = bvh.sorted { ($0.day, $0.incident) < ($1.day, $1.incident) }
        let h = hks.sorted { ($0.day, $0.incident ?? -1) < ($1.day, $1.incident ?? -1) }
        self.bvh = SortedDays(presorted: b.map(\.day))
        self.bvhIncidents = b.map(\.incident)
        self.hks = SortedDays(presorted: h.map(\.day))
        self.hksIncidents = h.map(\.incident)
    }

    /// Whether the person appears in the police extracts at all.
    public var isEmpty: Bool { bvh.isEmpty && hks.isEmpty }

    /// The same history without one incident and the pv's linked to it
    /// (a control's index event is not an outcome).
    public func removing(incident: Int64) -> PoliceHistory {
        PoliceHistory(
            bvh: zip(bvh.days, bvhIncidents).filter { $0.1 != incident }.map { (day: $0.0, incident: $0.1) },
            hks: zip(hks.days, hksIncidents).filter { $0.1 != incident }.map { (day: $0.0, incident: $0.1) })
    }
}
