import Foundation

/// A hash table from byte strings (pseudonyms, codes) to integers, built for
/// the import's inner loop: open addressing with linear probing, keys kept
/// end to end in one byte arena, a 64-bit hash per slot so most probes
/// never touch the key bytes. No String is built for a lookup, and no
/// per-lookup SipHash (Swift's `Hasher`) is run.
struct ByteKeyTable {
    private struct Slot {
        var hash: UInt64
        var offset: Int
        var length: Int32
        var value: Int64
    }

    private var slots: [Slot]
    private var mask: Int
    private var arena: [UInt8] = []
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Slot](repeating: Slot(hash: 0, offset: -1, length: 0, value: 0), count: n)
        mask = n - 1
    }

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = RowHasher()
        h.add(b)
        return h.final
    }

    /// The value of `key`, or nil.
    @inline(__always)
    func value(_ key: UnsafeBufferPointer<UInt8>) -> Int64? {
        let h = Self.hash(key)
        return slots.withUnsafeBufferPointer { s -> Int64? in
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let slot = s[i]
                if slot.offset < 0 { return nil }
                if slot.hash == h && Int(slot.length) == key.count && equal(slot, key) { return slot.value }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    private func equal(_ slot: Slot, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { a in
            guard key.count > 0 else { return true }
            return memcmp(a.baseAddress! + slot.offset, key.baseAddress!, key.count) == 0
        }
    }

    /// Adds `key` (which must not be present) with `value`.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Int64) {
        if (count + 1) * 2 > slots.count { grow() }
        let h = Self.hash(key)
        let offset = arena.count
        arena.append(contentsOf: key)
        place(Slot(hash: h, offset: offset, length: Int32(key.count), value: value))
        count += 1
    }

    private mutating func place(_ slot: Slot) {
        slots.withUnsafeMutableBufferPointer { s in
            var i = Int(truncatingIfNeeded: slot.hash) & mask
            while s[i].offset >= 0 { i = (i + 1) & mask }
            s[i] = slot
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(hash: 0, offset: -1, length: 0, value: 0), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.offset >= 0 { place(s) }
    }

    /// Removes every key.
    mutating func removeAll() {
        self = ByteKeyTable()
    }
}
