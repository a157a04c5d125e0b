import Foundation
import RendementStore

/// Maps pseudonyms (`persoon_id`) to the store's `person_key`, loading the
/// existing persons lazily once and inserting new ones. Looking a pseudonym
/// up builds no String (`ByteKeyTable`).
final class PersonInterner {
    private let database: Database
    private var table = ByteKeyTable()
    @exclusivity(unchecked) private var loaded = false
    @exclusivity(unchecked) private var nextKey: Int64 = 0
    @exclusivity(unchecked) private var insert: MultiRowInsert?
    /// Persons assigned but not yet written (`insert`, `flushInserts`).
    @exclusivity(unchecked) private var pendingKeys: [Int64] = []
    @exclusivity(unchecked) private var pendingBytes: [UInt8] = []
    @exclusivity(unchecked) private var pendingEnds: [Int] = []
    /// The first key given to a new person since `prepare` (persons from
    /// here on have no observations from earlier imports).
    @exclusivity(unchecked) private(set) var firstNewKey: Int64 = 0
    /// Persons inserted since the last `reset`.
    @exclusivity(unchecked) private(set) var added = 0

    init(database: Database) { self.database = database }

    /// An interner that knows no persons and numbers new ones 0, 1, 2, ...
    /// (local keys of the second half of a split read, mapped later).
    static func local(database: Database) -> PersonInterner {
        let i = PersonInterner(database: database)
        i.loaded = true
        return i
    }

    /// Forgets everything (after a rollback the in-memory map is stale).
    func invalidate() {
        pendingKeys.removeAll()
        pendingBytes.removeAll()
        pendingEnds.removeAll()
        table.removeAll()
        loaded = false
        nextKey = 0
        added = 0
    }

    func resetCount() { added = 0 }

    private func load() throws {
        let count = Int(try database.scalar("SELECT count(*) FROM persons") ?? 0)
        table = ByteKeyTable(capacity: max(1024, count + count / 2))
        let s = try database.prepare("SELECT person_key, persoon_id FROM persons")
        try s.bind([])
        defer { s.reset() }
        while try s.step() {
            var id = s.text(1) ?? ""
            let key = s.int(0)
            id.withUTF8 { table.insert($0, key) }
        }
        loaded = true
    }

    /// Loads the existing persons (once); call before `assign`.
    /// Reloads when another process has added persons since.
    func prepare() throws {
        if loaded, (try database.scalar("SELECT count(*) FROM persons") ?? 0) != Int64(table.count) { invalidate() }
        if !loaded { try load() }
        nextKey = (try database.scalar("SELECT coalesce(max(person_key), 0) FROM persons") ?? 0) + 1
        firstNewKey = nextKey
    }

    /// The person key of a (valid) pseudonym and whether it is new; new
    /// persons get the next key here and are inserted by `insert(key:_:)`.
    /// In memory only, so it can run on the reading thread.
    @inline(__always)
    func assign(_ b: UnsafeBufferPointer<UInt8>) -> (Int64, Bool) { assign(b, hash: ByteKeyTable.hash(b)) }

    /// Starts loading the table memory that `assign` of a pseudonym with
    /// this hash will read (the table is large and probed at random).
    @inline(__always)
    func prefetch(hash: UInt64) { table.prefetch(hash: hash) }

    /// `assign` with the pseudonym's hash (`ByteKeyTable.hash`) at hand.
    @inline(__always)
    func assign(_ b: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (Int64, Bool) {
        if let k = table.value(b, hash: hash) { return (k, false) }
        let k = nextKey
        nextKey += 1
        table.insert(b, k)
        added += 1
        return (k, true)
    }

    /// Inserts a person assigned by `assign`: queued, and written
    /// `MultiRowInsert.standardRowsPerStep` at a time (one statement step for many rows); call
    /// `flushInserts` when a batch of rows is done.
    @inline(__always)
    func insert(key: Int64, _ b: UnsafeBufferPointer<UInt8>) throws {
        pendingKeys.append(key)
        pendingBytes.append(contentsOf: b)
        pendingEnds.append(pendingBytes.count)
        if pendingKeys.count == MultiRowInsert.standardRowsPerStep { try flushInserts() }
    }

    /// Writes the queued persons.
    func flushInserts() throws {
        guard !pendingKeys.isEmpty else { return }
        if insert == nil {
            insert = try MultiRowInsert(database, head: "INSERT INTO persons(person_key, persoon_id) VALUES ", tuple: "(?, ?)", parameters: 2)
        }
        try pendingBytes.withUnsafeBufferPointer { bytes in
            try insert!.insert(count: pendingKeys.count) { s, k, at in
                s.bindInt(pendingKeys[k], at: at)
                s.bindBytesNoCopy(UnsafeBufferPointer(rebasing: bytes[(k == 0 ? 0 : pendingEnds[k - 1])..<pendingEnds[k]]), at: at + 1)
            }
        }
        pendingKeys.removeAll(keepingCapacity: true)
        pendingBytes.removeAll(keepingCapacity: true)
        pendingEnds.removeAll(keepingCapacity: true)
    }
}
