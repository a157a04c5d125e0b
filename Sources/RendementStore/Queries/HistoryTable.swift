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

    /// Reads the live BVH and HKS histories of the store (one packed block
    /// per person and import, see `EventBlock`), in person order.
    public static func load(from store: Store, filter: Filter = Filter()) throws -> HistoryTable {
        var table = HistoryTable()
        let db = store.database
        let bvhImports = try store.liveImports(.bvh).map { String($0.id) }.joined(separator: ",")
        let hksImports = try store.liveImports(.hks).map { String($0.id) }.joined(separator: ",")
        let bvhRows = try db.prepare("""
            SELECT person_key, events FROM bvh_histories
            WHERE import_id IN (\(bvhImports)) ORDER BY person_key, import_id
            """)
        let hksRows = try db.prepare("""
            SELECT person_key, events FROM hks_histories
            WHERE import_id IN (\(hksImports)) ORDER BY person_key, import_id
            """)
        try bvhRows.bind([]); try hksRows.bind([])
        defer { bvhRows.reset(); hksRows.reset() }
        var bvhHas = try bvhRows.step(), hksHas = try hksRows.step()
        let contactRoles = Set(filter.bvhRoles.map { UInt8($0.code) })
        let suspectCode = UInt8(BVHRole.verdachte.code)
        var bvh: [PoliceEvent] = [], hks: [PoliceEvent] = []
        var seenContacts = Set<Int64>(), seenSuspects = Set<Int64>(), seenReports = [Int64: Int]()
        while bvhHas || hksHas {
            let person = min(bvhHas ? bvhRows.int(0) : .max, hksHas ? hksRows.int(0) : .max)
            bvh.removeAll(keepingCapacity: true); hks.removeAll(keepingCapacity: true)
            var bvhBlocks = 0, hksBlocks = 0
            while bvhHas && bvhRows.int(0) == person {
                try EventBlock.decode(bvhRows.blob(1), appendingTo: &bvh)
                bvhBlocks += 1
                bvhHas = try bvhRows.step()
            }
            while hksHas && hksRows.int(0) == person {
                try EventBlock.decode(hksRows.blob(1), appendingTo: &hks)
                hksBlocks += 1
                hksHas = try hksRows.step()
            }
            // Each block is sorted; several imports of a person are merged.
            if bvhBlocks > 1 { bvh.sort(by: PoliceEvent.precedes) }
            if hksBlocks > 1 { hks.sort(by: PoliceEvent.precedes) }
            seenContacts.removeAll(keepingCapacity: true); seenSuspects.removeAll(keepingCapacity: true)
            for e in bvh {
                if contactRoles.contains(e.type), seenContacts.insert(e.key).inserted { table.bvhDays.append(e.day); table.bvhKeys.append(e.key) }
                if e.type == suspectCode, seenSuspects.insert(e.key).inserted { table.suspectDays.append(e.day); table.suspectKeys.append(e.key) }
            }
            seenReports.removeAll(keepingCapacity: true)
            for e in hks {
                let category = OffenceCategory(code: Int(e.type))
                let severity = Int(e.severity)
                let counted = (filter.hksCategories.map { category.map($0.contains) ?? false } ?? true)
                    && (filter.hksMinimumSeverity.map { severity >= $0 } ?? true)
                guard counted else { continue }
                let link: Int64? = e.link == 0 ? nil : e.link
                if let at = seenReports[e.key] {
                    if table.hksLinks[at] == nil { table.hksLinks[at] = link }
                } else {
                    seenReports[e.key] = table.hksDays.count
                    table.hksDays.append(e.day)
                    table.hksLinks.append(link)
                }
            }
            table.position[person] = table.persons.count
            table.persons.append(person)
            table.bvhOffsets.append(table.bvhDays.count)
            table.suspectOffsets.append(table.suspectDays.count)
            table.hksOffsets.append(table.hksDays.count)
        }
        return table
    }
}
