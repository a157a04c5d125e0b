import Foundation
import RendementStore

/// Maps pseudonyms (`persoon_id`) to the store's `person_key`, loading the
/// existing persons lazily once and inserting new ones. Pseudonyms of up to
/// 16 bytes are packed into two integers, so looking one up builds no String.
final class PersonInterner {
    private struct Packed: Hashable {
        var a: UInt64, b: UInt64, length: Int
    }

    private let database: Database
    private var packed: [Packed: Int64] = [:]
    private var long: [String: Int64] = [:]
    private var loaded = false
    private var nextKey: Int64 = 0
    private var insert: Statement?
    /// Persons inserted since the last `reset`.
    private(set) var added = 0

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
        packed = [:]
        long = [:]
        loaded = false
        nextKey = 0
        added = 0
    }

    func resetCount() { added = 0 }

    private func load() throws {
        let s = try database.prepare("SELECT person_key, persoon_id FROM persons")
        try s.bind([])
        defer { s.reset() }
        while try s.step() {
            let id = s.text(1) ?? ""
            var bytes = Array(id.utf8)
            let key = s.int(0)
            bytes.withUnsafeMutableBufferPointer { remember(UnsafeBufferPointer($0), key) }
        }
        loaded = true
    }

    @inline(__always)
    private static func pack(_ b: UnsafeBufferPointer<UInt8>) -> Packed? {
        guard b.count <= 16 else { return nil }
        var a: UInt64 = 0, c: UInt64 = 0
        for i in 0..<min(8, b.count) { a |= UInt64(b[i]) << (8 * UInt64(i)) }
        if b.count > 8 { for i in 8..<b.count { c |= UInt64(b[i]) << (8 * UInt64(i - 8)) } }
        return Packed(a: a, b: c, length: b.count)
    }

    private func remember(_ b: UnsafeBufferPointer<UInt8>, _ key: Int64) {
        if let p = Self.pack(b) { packed[p] = key } else { long[String(decoding: b, as: UTF8.self)] = key }
    }

    /// Loads the existing persons (once); call before `assign`.
    /// Reloads when another process has added persons since.
    func prepare() throws {
        if loaded, (try database.scalar("SELECT count(*) FROM persons") ?? 0) != Int64(packed.count + long.count) { invalidate() }
        if !loaded { try load() }
        nextKey = (try database.scalar("SELECT coalesce(max(person_key), 0) FROM persons") ?? 0) + 1
    }

    /// The person key of a (valid) pseudonym and whether it is new; new
    /// persons get the next key here and are inserted by `insert(key:_:)`.
    /// In memory only, so it can run on the reading thread.
    @inline(__always)
    func assign(_ b: UnsafeBufferPointer<UInt8>) -> (Int64, Bool) {
        if let p = Self.pack(b) {
            if let k = packed[p] { return (k, false) }
        } else if let k = long[String(decoding: b, as: UTF8.self)] {
            return (k, false)
        }
        let k = nextKey
        nextKey += 1
        remember(b, k)
        added += 1
        return (k, true)
    }

    /// Inserts a person assigned by `assign`.
    @inline(__always)
    func insert(key: Int64, _ b: UnsafeBufferPointer<UInt8>) throws {
        if insert == nil { insert = try database.prepare("INSERT INTO persons(person_key, persoon_id) VALUES (?, ?)") }
        insert!.bindInt(key, at: 1)
        insert!.bindBytes(b, at: 2)
        try insert!.insert()
    }
}
