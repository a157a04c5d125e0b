import Foundation
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
    /// per person and import, see `EventBlock`), in person order. A store in
    /// a file is read in two halves of the person keys at once, each on its
    /// own read-only connection (the halves joined in key order: the same table).
    public static func load(from store: Store, filter: Filter = Filter()) throws -> HistoryTable {
        let imports = (bvh: try liveImports(.bvh, store), hks: try liveImports(.hks, store))
        let path = store.database.path
        guard FileManager.default.fileExists(atPath: path),
              let lowest = try store.database.scalar("SELECT min(person_key) FROM persons"),
              let highest = try store.database.scalar("SELECT max(person_key) FROM persons"), highest > lowest else {
            return try load(store.database, imports: imports, keys: Int64.min...Int64.max, filter: filter)
        }
        let middle = lowest + (highest - lowest) / 2
        let halves = ParallelMap.map([Int64.min...middle, (middle + 1)...Int64.max]) { keys -> Result<HistoryTable, Error> in
            Result { try load(Database(path: path, create: false, readOnly: true), imports: imports, keys: keys, filter: filter) }
        }
        var table = try halves[0].get()
        table.append(try halves[1].get())
        return table
    }

    /// The histories of the persons with keys in `keys`, read on `db`.
    private static func load(_ db: Database, imports: (bvh: String, hks: String), keys: ClosedRange<Int64>,
                             filter: Filter) throws -> HistoryTable {
        var table = HistoryTable()
        let bvhRows = try db.prepare("""
            SELECT person_key, events FROM bvh_histories
            WHERE import_id IN (\(imports.bvh)) AND person_key BETWEEN ? AND ? ORDER BY person_key, import_id
            """)
        let hksRows = try db.prepare("""
            SELECT person_key, events FROM hks_histories
            WHERE import_id IN (\(imports.hks)) AND person_key BETWEEN ? AND ? ORDER BY person_key, import_id
            """)
        try bvhRows.bind([keys.lowerBound, keys.upperBound]); try hksRows.bind([keys.lowerBound, keys.upperBound])
        defer { bvhRows.reset(); hksRows.reset() }
        var bvhHas = try bvhRows.step(), hksHas = try hksRows.step()
        var merger = Merger(filter: filter)
        while bvhHas || hksHas {
            let person = min(bvhHas ? bvhRows.int(0) : .max, hksHas ? hksRows.int(0) : .max)
            merger.start()
            while bvhHas && bvhRows.int(0) == person {
                try merger.addBVH(bvhRows.blob(1))
                bvhHas = try bvhRows.step()
            }
            while hksHas && hksRows.int(0) == person {
                try merger.addHKS(hksRows.blob(1))
                hksHas = try hksRows.step()
            }
            merger.finish(person, into: &table)
        }
        return table
    }

    /// Appends the persons of `other`, whose keys all follow this table's.
    private mutating func append(_ other: HistoryTable) {
        let bvhShift = bvhDays.count, suspectShift = suspectDays.count, hksShift = hksDays.count
        for (i, person) in other.persons.enumerated() {
            position[person] = persons.count
            persons.append(person)
            bvhOffsets.append(other.bvhOffsets[i + 1] + bvhShift)
            suspectOffsets.append(other.suspectOffsets[i + 1] + suspectShift)
            hksOffsets.append(other.hksOffsets[i + 1] + hksShift)
        }
        bvhDays += other.bvhDays; bvhKeys += other.bvhKeys
        suspectDays += other.suspectDays; suspectKeys += other.suspectKeys
        hksDays += other.hksDays; hksLinks += other.hksLinks
    }

    /// The same for the given persons only (a person without a record is
    /// left out): each person's blocks are read by key, so an analysis of a
    /// few thousand matched sets does not read a national extract.
    public static func load(from store: Store, filter: Filter = Filter(), persons: Set<Int64>) throws -> HistoryTable {
        var table = HistoryTable()
        let db = store.database
        let bvhRows = try db.prepare("""
            SELECT events FROM bvh_histories WHERE person_key = ? AND import_id IN (\(try liveImports(.bvh, store))) ORDER BY import_id
            """)
        let hksRows = try db.prepare("""
            SELECT events FROM hks_histories WHERE person_key = ? AND import_id IN (\(try liveImports(.hks, store))) ORDER BY import_id
            """)
        var merger = Merger(filter: filter)
        for person in persons.sorted() {
            merger.start()
            try bvhRows.bind([person])
            while try bvhRows.step() { try merger.addBVH(bvhRows.blob(0)) }
            bvhRows.reset()
            try hksRows.bind([person])
            while try hksRows.step() { try merger.addHKS(hksRows.blob(0)) }
            hksRows.reset()
            if merger.blocks > 0 { merger.finish(person, into: &table) }
        }
        return table
    }

    /// The live imports of a kind as an SQL list.
    private static func liveImports(_ kind: InputKind, _ store: Store) throws -> String {
        try store.liveImports(kind).map { String($0.id) }.joined(separator: ",")
    }

    /// One person's blocks merged into the table: several imports of a person
    /// are merged in event order; BVH contacts (counted roles) and suspect
    /// incidents each once per incident; HKS reports once per pv, dated by the
    /// earliest counted offence, with the first link found.
    private struct Merger {
        let contactRoles: Set<UInt8>
        let suspectCode = UInt8(BVHRole.verdachte.code)
        let filter: Filter
        var bvh: [PoliceEvent] = [], hks: [PoliceEvent] = []
        var bvhBlocks = 0, hksBlocks = 0
        var seenContacts = Set<Int64>(), seenSuspects = Set<Int64>(), seenReports = [Int64: Int]()

        var blocks: Int { bvhBlocks + hksBlocks }

        init(filter: Filter) {
            self.filter = filter
            contactRoles = Set(filter.bvhRoles.map { UInt8($0.code) })
        }

        mutating func start() {
            bvh.removeAll(keepingCapacity: true); hks.removeAll(keepingCapacity: true)
            bvhBlocks = 0; hksBlocks = 0
        }

        mutating func addBVH(_ blob: UnsafeRawBufferPointer) throws {
            try EventBlock.decode(blob, appendingTo: &bvh)
            bvhBlocks += 1
        }

        mutating func addHKS(_ blob: UnsafeRawBufferPointer) throws {
            try EventBlock.decode(blob, appendingTo: &hks)
            hksBlocks += 1
        }

        mutating func finish(_ person: Int64, into table: inout HistoryTable) {
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
    }
}
