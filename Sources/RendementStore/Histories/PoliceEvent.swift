/// One police row as the store keeps it inside a person's packed history
/// (`bvh_histories` / `hks_histories`): integers only. Text fields are
/// interned in the `texts` table (id 0 = empty) and incident and report
/// numbers are kept as their `IncidentKey` (0 = empty).
///
/// Meaning per kind:
/// - BVH: `day` pleegdatum, `key` registratienummer, `aux` registratiedatum
///   (`PoliceEvent.noDay` when empty), `code` incidentcode, `place` gemeente,
///   `type` role code;
/// - HKS: `day` pleegdatum, `key` pv_nummer, `link` registratienummer,
///   `code` feitcode, `type` offence category code, `severity` (0 unknown).
public struct PoliceEvent: Sendable, Equatable, Hashable {
    public static let noDay = Int32.min

    public var day: Int32
    public var key: Int64
    public var link: Int64
    public var aux: Int32
    public var code: UInt32
    public var place: UInt32
    public var type: UInt8
    public var severity: UInt8

    public init(day: Int32, key: Int64, link: Int64 = 0, aux: Int32 = PoliceEvent.noDay, code: UInt32 = 0,
                place: UInt32 = 0, type: UInt8 = 0, severity: UInt8 = 0) {
        self.day = day
        self.key = key
        self.link = link
        self.aux = aux
        self.code = code
        self.place = place
        self.type = type
        self.severity = severity
    }

    /// The order of events inside a history: by day, then by the other fields
    /// (a total order, so a history's bytes do not depend on input order).
    @inline(__always)
    public static func precedes(_ a: PoliceEvent, _ b: PoliceEvent) -> Bool {
        if a.day != b.day { return a.day < b.day }
        if a.key != b.key { return a.key < b.key }
        if a.type != b.type { return a.type < b.type }
        if a.link != b.link { return a.link < b.link }
        if a.aux != b.aux { return a.aux < b.aux }
        if a.code != b.code { return a.code < b.code }
        if a.place != b.place { return a.place < b.place }
        return a.severity < b.severity
    }
}
