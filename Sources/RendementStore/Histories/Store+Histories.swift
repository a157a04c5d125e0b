import CSQLite
import RendementCore

/// Reading and writing the packed police histories (`bvh_histories`,
/// `hks_histories`: one row per person and import, see `EventBlock`) and
/// the interned texts they refer to.
extension Store {
    /// The history table of a police kind (nil for other kinds).
    public static func historyTable(_ kind: InputKind) -> String? {
        switch kind {
        case .bvh: "bvh_histories"
        case .hks: "hks_histories"
        default: nil
        }
    }

    /// Every interned text by id.
    public func texts() throws -> [UInt32: String] {
        var out: [UInt32: String] = [:]
        for (id, text) in try database.prepare("SELECT text_id, text FROM texts").rows([], { ($0.int(0), $0.text(1) ?? "") }) {
            out[UInt32(id)] = text
        }
        return out
    }

    /// Adds events (and observed attributes) to one person's history of one
    /// import, merging with what is stored. The importer writes whole
    /// histories through its own statement; this is for small writers and
    /// test fixtures.
    public func addToHistory(_ kind: InputKind, importID: Int64, person: Int64, events: [PoliceEvent],
                             attributes: [AttributeObservation] = []) throws {
        guard let table = Self.historyTable(kind) else { return }
        var all = events
        var observations = attributes
        let old = try database.prepare("SELECT events, attributes FROM \(table) WHERE person_key = ? AND import_id = ?")
        try old.bind([person, importID])
        if try old.step() {
            try EventBlock.decode(old.blob(0), appendingTo: &all)
            observations = try AttributeBlock.decode(old.blob(1)) + observations
        }
        old.reset()
        all.sort(by: PoliceEvent.precedes)
        var bytes: [UInt8] = [], attributeBytes: [UInt8] = []
        all.withUnsafeBufferPointer { EventBlock.encode($0, into: &bytes) }
        AttributeBlock.encode(observations, into: &attributeBytes)
        let s = try database.prepare("INSERT OR REPLACE INTO \(table)(person_key, import_id, n_events, attributes, events) VALUES (?, ?, ?, ?, ?)")
        s.bindInt(person, at: 1)
        s.bindInt(importID, at: 2)
        s.bindInt(Int64(all.count), at: 3)
        attributeBytes.withUnsafeBufferPointer { s.bindBlob($0, at: 4) }
        bytes.withUnsafeBufferPointer { s.bindBlob($0, at: 5) }
        try s.insert()
    }

    /// The id of `text` in `texts`, inserting it when new (for small writers and fixtures).
    public func textID(_ text: String) throws -> UInt32 {
        if text.isEmpty { return 0 }
        if let id = try database.scalar("SELECT text_id FROM texts WHERE text = ?", [text]) { return UInt32(id) }
        try database.prepare("INSERT INTO texts(text) VALUES (?)").run([text])
        return UInt32(database.lastInsertRowID)
    }

    /// Number of police rows of `kind` in live imports.
    public func liveEventCount(_ kind: InputKind) throws -> Int {
        guard let table = Self.historyTable(kind) else { return 0 }
        return Int(try database.scalar("""
            SELECT coalesce(sum(h.n_events), 0) FROM \(table) h JOIN imports i ON i.import_id = h.import_id
            WHERE i.replaced_at IS NULL
            """) ?? 0)
    }

    /// Every police row of `kind` in live imports with its person key, in
    /// person order (for checks and small exports; the analysis reads
    /// `HistoryTable`).
    public func liveEvents(_ kind: InputKind) throws -> [(person: Int64, event: PoliceEvent)] {
        guard let table = Self.historyTable(kind) else { return [] }
        let s = try database.prepare("""
            SELECT h.person_key, h.events FROM \(table) h JOIN imports i ON i.import_id = h.import_id
            WHERE i.replaced_at IS NULL ORDER BY h.person_key, h.import_id
            """)
        try s.bind([])
        defer { s.reset() }
        var out: [(Int64, PoliceEvent)] = []
        var events: [PoliceEvent] = []
        while try s.step() {
            events.removeAll(keepingCapacity: true)
            try EventBlock.decode(s.blob(1), appendingTo: &events)
            let person = s.int(0)
            for e in events { out.append((person, e)) }
        }
        return out
    }
}
