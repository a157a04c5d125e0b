import Foundation
import RendementCore
import RendementStore

/// The store stage of a police import, on both cores: a worker thread reads
/// the spilled rows bucket group by bucket group, brings each person's rows
/// together (counting sort on the person key), drops exact duplicate rows
/// and encodes per person the packed history (`EventBlock`) with the
/// person's observed attributes (`AttributeBlock`); this thread inserts the
/// encoded rows, in person order.
final class HistoryWriter: @unchecked Sendable {
    /// Rows loaded at once (64 bytes each: 64 MiB, twice for the sort).
    static let groupRows = 1 << 20

    let kind: InputKind
    let importID: Int64
    /// Rows of `*_histories` and of `person_resolved`, many per statement step.
    private let insertHistories: MultiRowInsert
    private let insertResolved: MultiRowInsert
    /// Persons with this key or higher are new in this import: their
    /// attributes come from this import only and are resolved right here.
    let firstNewPerson: Int64

    @exclusivity(unchecked) private(set) var rowsImported = 0
    @exclusivity(unchecked) private(set) var duplicates = 0
    /// Rows without a value, per optional column (imports.field_gaps).
    @exclusivity(unchecked) private(set) var gaps: [String: Int] = [:]
    /// Persons of earlier imports with an observed birth date or sex (to be
    /// resolved against their other observations).
    @exclusivity(unchecked) private(set) var observed = Set<Int64>()
    /// Conflicts among the new persons resolved here (birth, sex, either).
    @exclusivity(unchecked) private(set) var conflicts = (birth: 0, sex: 0, persons: 0)
    /// Called with the fraction of rows written.
    @exclusivity(unchecked) var progress: ((Double) -> Void)?

    init(kind: InputKind, database: Database, importID: Int64, firstNewPerson: Int64) throws {
        self.kind = kind
        self.importID = importID
        self.firstNewPerson = firstNewPerson
        insertResolved = try MultiRowInsert(database, head: """
            INSERT OR REPLACE INTO person_resolved(person_key, birth_day, birth_precision, sex, birth_conflict, sex_conflict) VALUES
            """, tuple: "(?, ?, ?, ?, ?, ?)", parameters: 6)
        insertHistories = try MultiRowInsert(database, head: """
            INSERT INTO \(Store.historyTable(kind)!)(person_key, import_id, n_events, attributes, events) VALUES
            """, tuple: "(?, \(importID), ?, ?, ?)", parameters: 4)
    }

    /// The encoded histories of one group of persons.
    final class EncodedGroup: @unchecked Sendable {
        var persons: [Int64] = [], events: [Int32] = []
        var attributeEnds: [Int] = [], attributeBytes: [UInt8] = []
        var eventEnds: [Int] = [], eventBytes: [UInt8] = []
        var rows = 0, spilledRows = 0, duplicates = 0
        var gaps = [Int](repeating: 0, count: 3)
        var observed: [Int64] = []
        /// New persons resolved by the worker: birth (`SpilledEvent.noBirth` when none), precision, sex (-1 none), conflicts.
        var resolved: [(person: Int64, birth: Int32, precision: Int, sex: Int, birthConflict: Bool, sexConflict: Bool)] = []
    }

    func write(_ spill: EventSpill) throws {
        // Two encoded groups in flight between the worker and this thread.
        let queue = BoundedQueue<EncodedGroup>(depth: 2)
        let worker = Thread { [self] in
            do {
                try encodeGroups(spill, queue)
            } catch {
                queue.fail(error)
            }
            queue.finish()
        }
        worker.stackSize = 8 << 20
        worker.start()
        var gapCounts = [Int](repeating: 0, count: 3)
        var done = 0
        let cpu = Importer.threadCPUSeconds()
        defer { Importer.threadCPU("storing histories", since: cpu) }
        do {
            while let group = try queue.take() {
                try group.attributeBytes.withUnsafeBufferPointer { attributes in
                    try group.eventBytes.withUnsafeBufferPointer { events in
                        try insertHistories.insert(count: group.persons.count) { s, p, at in
                            let a0 = p == 0 ? 0 : group.attributeEnds[p - 1], e0 = p == 0 ? 0 : group.eventEnds[p - 1]
                            s.bindInt(group.persons[p], at: at)
                            s.bindInt(Int64(group.events[p]), at: at + 1)
                            s.bindBlobNoCopy(UnsafeBufferPointer(rebasing: attributes[a0..<group.attributeEnds[p]]), at: at + 2)
                            s.bindBlobNoCopy(UnsafeBufferPointer(rebasing: events[e0..<group.eventEnds[p]]), at: at + 3)
                        }
                    }
                }
                try insertResolved.insert(count: group.resolved.count) { r, i, at in
                    let x = group.resolved[i]
                    r.bindInt(x.person, at: at)
                    if x.birth == SpilledEvent.noBirth { r.bindNull(at: at + 1); r.bindNull(at: at + 2) }
                    else { r.bindInt(Int64(x.birth), at: at + 1); r.bindInt(Int64(x.precision), at: at + 2) }
                    if x.sex < 0 { r.bindNull(at: at + 3) } else { r.bindInt(Int64(x.sex), at: at + 3) }
                    r.bindInt(x.birthConflict ? 1 : 0, at: at + 4)
                    r.bindInt(x.sexConflict ? 1 : 0, at: at + 5)
                }
                for x in group.resolved {
                    if x.birthConflict { conflicts.birth += 1 }
                    if x.sexConflict { conflicts.sex += 1 }
                    if x.birthConflict || x.sexConflict { conflicts.persons += 1 }
                }
                rowsImported += group.rows
                duplicates += group.duplicates
                for i in 0..<3 { gapCounts[i] += group.gaps[i] }
                observed.formUnion(group.observed)
                done += group.spilledRows
                progress?(Double(done) / Double(max(1, spill.count)))
            }
        } catch {
            queue.cancel()
            queue.waitUntilFinished()
            throw error
        }
        let names = kind == .bvh ? ["registratiedatum", "gemeente"] : ["feitcode", "registratienummer", "ernst"]
        for (i, name) in names.enumerated() { gaps[name] = gapCounts[i] }
    }

    /// The worker: groups of whole buckets of at most `groupRows` rows
    /// (a bucket larger than that is a group of its own).
    private func encodeGroups(_ spill: EventSpill, _ queue: BoundedQueue<EncodedGroup>) throws {
        let shift = EventSpill.bucketShift
        // Plain rows, written before read: no initialisation needed.
        var loaded = UnsafeMutableBufferPointer<SpilledEvent>.allocate(capacity: 0)
        var sorted = UnsafeMutableBufferPointer<SpilledEvent>.allocate(capacity: 0)
        defer { loaded.deallocate(); sorted.deallocate() }
        var scratch = Scratch()
        var start: [Int] = []
        let cpu = Importer.threadCPUSeconds()
        defer { Importer.threadCPU("encoding histories", since: cpu) }
        var bucket = 0
        while bucket < spill.bucketCount {
            var end = bucket + 1
            var rows = spill.rows(inBucket: bucket)
            while end < spill.bucketCount, rows + spill.rows(inBucket: end) <= Self.groupRows {
                rows += spill.rows(inBucket: end)
                end += 1
            }
            if loaded.count < rows {
                loaded.deallocate()
                sorted.deallocate()
                loaded = .allocate(capacity: rows)
                sorted = .allocate(capacity: rows)
            }
            var filled = 0
            for b in bucket..<end {
                try spill.read(bucket: b, into: loaded.baseAddress! + filled)
                filled += spill.rows(inBucket: b)
            }
            // Counting sort by person key within the group: rows per person, then where each person's rows start.
            let lo = bucket << shift, hi = end << shift
            start.removeAll(keepingCapacity: true)
            start.append(contentsOf: repeatElement(0, count: hi - lo + 1))
            for e in loaded[0..<rows] {
                let i = Int(e.person) - lo
                guard i >= 0 && i < hi - lo else { throw ImportSpillError("the import's temporary file holds a row in the wrong bucket") }
                start[i + 1] += 1
            }
            for i in 0..<(hi - lo) { start[i + 1] += start[i] }
            var next = start
            for e in loaded[0..<rows] {
                let i = Int(e.person) - lo
                sorted[next[i]] = e
                next[i] += 1
            }
            let group = EncodedGroup()
            group.spilledRows = rows
            for p in lo..<hi where start[p - lo + 1] > start[p - lo] {
                let rows = UnsafeMutableBufferPointer(rebasing: sorted[start[p - lo]..<start[p - lo + 1]])
                encodePerson(Int64(p), rows, into: group, &scratch)
            }
            guard queue.put(group) else { return }
            bucket = end
        }
    }

    /// Buffers reused from person to person (no allocation per person).
    private struct Scratch {
        var events: [PoliceEvent] = []
        var births: [(day: Int32, precision: UInt8, n: Int)] = []
        var sexes: [(sex: UInt8, n: Int)] = []
        var observations: [AttributeObservation] = []
        var birthObservations: [PersonResolver.Birth] = []
        var sexObservations: [PersonResolver.SexObs] = []
    }

    /// The order rows are brought in: by event (the history's order), then
    /// by row hash, so exact duplicates (same hash, same event) end up side by side.
    @inline(__always)
    private static func before(_ a: SpilledEvent, _ b: SpilledEvent) -> Bool {
        if PoliceEvent.precedes(a.event, b.event) { return true }
        if PoliceEvent.precedes(b.event, a.event) { return false }
        return a.rowHash < b.rowHash
    }

    /// Sorts one person's rows with `before`: insertion sort for the usual
    /// few rows (linear when the extract is in date order, as extracts
    /// are), the library sort for many.
    @inline(__always)
    private static func sortRows(_ rows: UnsafeMutableBufferPointer<SpilledEvent>) {
        let n = rows.count
        if n > 32 {
            var all = rows
            all.sort(by: before)
            return
        }
        var i = 1
        while i < n {
            let x = rows[i]
            var j = i
            while j > 0 && before(x, rows[j - 1]) {
                rows[j] = rows[j - 1]
                j -= 1
            }
            if j != i { rows[j] = x }
            i += 1
        }
    }

    private func encodePerson(_ person: Int64, _ rowsIn: UnsafeMutableBufferPointer<SpilledEvent>, into group: EncodedGroup,
                              _ scratch: inout Scratch) {
        // Exact duplicates have equal row hashes and equal events (and the same person).
        let rows = rowsIn
        if rows.count > 1 { Self.sortRows(rows) }
        scratch.events.removeAll(keepingCapacity: true)
        scratch.births.removeAll(keepingCapacity: true)
        scratch.sexes.removeAll(keepingCapacity: true)
        scratch.observations.removeAll(keepingCapacity: true)
        for k in rows.indices {
            let r = rows[k]
            if k > 0 && r.rowHash == rows[k - 1].rowHash && r.event == rows[k - 1].event { group.duplicates += 1; continue }
            scratch.events.append(r.event)
            if r.birth != SpilledEvent.noBirth {
                if let i = scratch.births.firstIndex(where: { $0.day == r.birth && $0.precision == r.birthPrecision }) { scratch.births[i].n += 1 }
                else { scratch.births.append((r.birth, r.birthPrecision, 1)) }
            }
            if r.sex != SpilledEvent.noSex {
                if let i = scratch.sexes.firstIndex(where: { $0.sex == r.sex }) { scratch.sexes[i].n += 1 } else { scratch.sexes.append((r.sex, 1)) }
            }
            if kind == .bvh {
                if r.event.aux == PoliceEvent.noDay { group.gaps[0] += 1 }
                if r.event.place == 0 { group.gaps[1] += 1 }
            } else {
                if r.event.code == 0 { group.gaps[0] += 1 }
                if r.event.link == 0 { group.gaps[1] += 1 }
                if r.event.severity == 0 { group.gaps[2] += 1 }
            }
        }
        group.rows += scratch.events.count

        if scratch.births.count > 1 { scratch.births.sort { ($0.day, $0.precision) < ($1.day, $1.precision) } }
        for b in scratch.births {
            scratch.observations.append(AttributeObservation(isBirth: true, precision: b.precision, value: b.day, rows: UInt32(b.n)))
        }
        if scratch.sexes.count > 1 { scratch.sexes.sort { $0.sex < $1.sex } }
        for x in scratch.sexes {
            scratch.observations.append(AttributeObservation(isBirth: false, value: Int32(x.sex), rows: UInt32(x.n)))
        }
        AttributeBlock.append(scratch.observations, to: &group.attributeBytes)
        group.persons.append(person)
        group.events.append(Int32(scratch.events.count))
        group.attributeEnds.append(group.attributeBytes.count)
        scratch.events.withUnsafeBufferPointer { EventBlock.append($0, to: &group.eventBytes) }
        group.eventEnds.append(group.eventBytes.count)
        if !scratch.observations.isEmpty {
            if person >= firstNewPerson {
                // Only this import has seen the person: resolve by the same rule, now.
                let p = PersonResolver.priority(kind.rawValue)
                scratch.birthObservations.removeAll(keepingCapacity: true)
                scratch.sexObservations.removeAll(keepingCapacity: true)
                for b in scratch.births {
                    scratch.birthObservations.append(PersonResolver.Birth(priority: p, day: b.day, precision: Int(b.precision), count: b.n, firstImport: importID))
                }
                for x in scratch.sexes {
                    scratch.sexObservations.append(PersonResolver.SexObs(priority: p, sex: Int(x.sex), count: x.n, firstImport: importID))
                }
                let (birth, birthConflict) = PersonResolver.resolveBirth(scratch.birthObservations)
                let (sex, sexConflict) = PersonResolver.resolveSex(scratch.sexObservations)
                group.resolved.append((person, birth?.day ?? SpilledEvent.noBirth, birth?.precision ?? 0, sex ?? -1, birthConflict, sexConflict))
            } else {
                group.observed.append(person)
            }
        }
    }
}
