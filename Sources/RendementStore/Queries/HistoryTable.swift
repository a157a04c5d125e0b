import RendementCore

/// Every person's police record in columnar form (flat arrays with per-person
/// offsets), read once from the store in person order:
/// - BVH police contacts: distinct `registratienummer` in which the person has
///   one of the counted roles, dated by the earliest pleegdatum;
/// - BVH suspect incidents (role verdachte): the dates that can make a
///   control candidate's index date;
/// - HKS police reports: distinct `pv_nummer` (optionally only offences of the
///   chosen categories and severities), dated by the earliest pleegdatum of
///   its counted offences, with the BVH incident it is linked to.
/// Incident and report numbers become stable `IncidentKey`s.
public struct HistoryTable: Sendable {
    /// Which events count as outcomes.
    public struct Filter: Sendable, Equatable {
        public var bvhRoles: Set<BVHRole>
        public var hksCategories: Set<OffenceCategory>?
        /// Minimum severity (1 licht, 2 ernstig, 3 zeer ernstig); offences of unknown severity count only when nil.
        public var hksMinimumSeverity: Int?

        public init(bvhRoles: Set<BVHRole> = [.verdachte, .betrokkene], hksCategories: Set<OffenceCategory>? = nil,
                    hksMinimumSeverity: Int? = nil) {
            self.bvhRoles = bvhRoles
            self.hksCategories = hksCategories
            self.hksMinimumSeverity = hksMinimumSeverity
        }
    }

    public private(set) var persons: [Int64] = []
    private var position: [Int64: Int] = [:]
    private var bvhOffsets: [Int] = [0], bvhDays: [Int32] = [], bvhKeys: [Int64] = []
    private var suspectOffsets: [Int] = [0], suspectDays: [Int32] = [], suspectKeys: [Int64] = []
    private var hksOffsets: [Int] = [0], hksDays: [Int32] = [], hksLinks: [Int64?] = []

    /// Number of persons with any record.
    public var count: Int { persons.count }

    /// The person's outcome history (empty when the person has no record).
    public func history(of person: Int64) -> PoliceHistory {
        guard let i = position[person] else { return PoliceHistory() }
        let b = bvhOffsets[i]..<bvhOffsets[i + 1], h = hksOffsets[i]..<hksOffsets[i + 1]
        return PoliceHistory(bvh: b.map { (day: bvhDays[$0], incident: bvhKeys[$0]) },
                             hks: h.map { (day: hksDays[$0], incident: hksLinks[$0]) })
    }

    /// The person's BVH incidents as suspect: (day, incident key), by day.
    public func suspectIncidents(of person: Int64) -> [(day: Int32, incident: Int64)] {
        guard let i = position[person] else { return [] }
        return (suspectOffsets[i]..<suspectOffsets[i + 1]).map { (suspectDays[$0], suspectKeys[$0]) }
    }

    public func contains(_ person: Int64) -> Bool { position[person] != nil }

    /// Reads the live BVH and HKS rows of the store.
    public static func load(from store: Store, filter: Filter = Filter()) throws -> HistoryTable {
        var table = HistoryTable()
        let db = store.database
        let bvhImports = try store.liveImports(.bvh).map { String($0.id) }.joined(separator: ",")
        let hksImports = try store.liveImports(.hks).map { String($0.id) }.joined(separator: ",")
        let bvhRows = try db.prepare("""
            SELECT person_key, pleeg_day, role, registratienummer FROM bvh_events INDEXED BY bvh_events_by_person
            WHERE import_id IN (\(bvhImports)) ORDER BY person_key, pleeg_day
            """)
        let hksRows = try db.prepare("""
            SELECT person_key, pleeg_day, pv_nummer, registratienummer, category, severity FROM hks_offences INDEXED BY hks_offences_by_person
            WHERE import_id IN (\(hksImports)) ORDER BY person_key, pleeg_day
            """)
        try bvhRows.bind([]); try hksRows.bind([])
        var bvhHas = try bvhRows.step(), hksHas = try hksRows.step()
        let contactRoles = Set(filter.bvhRoles.map(\.code))
        let suspectCode = BVHRole.verdachte.code
        while bvhHas || hksHas {
            let person = min(bvhHas ? bvhRows.int(0) : .max, hksHas ? hksRows.int(0) : .max)
            var seenContacts = Set<Int64>(), seenSuspects = Set<Int64>()
            while bvhHas && bvhRows.int(0) == person {
                let day = Int32(bvhRows.int(1)), role = Int(bvhRows.int(2))
                let key = IncidentKey.of(bvhRows.text(3) ?? "")
                if contactRoles.contains(role), seenContacts.insert(key).inserted { table.bvhDays.append(day); table.bvhKeys.append(key) }
                if role == suspectCode, seenSuspects.insert(key).inserted { table.suspectDays.append(day); table.suspectKeys.append(key) }
                bvhHas = try bvhRows.step()
            }
            var seenReports = [Int64: Int]()
            while hksHas && hksRows.int(0) == person {
                let category = OffenceCategory(code: Int(hksRows.int(4)))
                let severity = Int(hksRows.int(5))
                let counted = (filter.hksCategories.map { category.map($0.contains) ?? false } ?? true)
                    && (filter.hksMinimumSeverity.map { severity >= $0 } ?? true)
                if counted {
                    let pv = IncidentKey.of(hksRows.text(2) ?? "")
                    let link = hksRows.text(3).flatMap { $0.isEmpty ? nil : IncidentKey.of($0) }
                    if let at = seenReports[pv] {
                        if table.hksLinks[at] == nil { table.hksLinks[at] = link }
                    } else {
                        seenReports[pv] = table.hksDays.count
                        table.hksDays.append(Int32(hksRows.int(1)))
                        table.hksLinks.append(link)
                    }
                }
                hksHas = try hksRows.step()
            }
            table.position[person] = table.persons.count
            table.persons.append(person)
            table.bvhOffsets.append(table.bvhDays.count)
            table.suspectOffsets.append(table.suspectDays.count)
            table.hksOffsets.append(table.hksDays.count)
        }
        bvhRows.reset(); hksRows.reset()
        return table
    }
}
