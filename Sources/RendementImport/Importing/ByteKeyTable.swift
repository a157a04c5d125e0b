import CPrefetch
import Foundation

/// A hash table from byte strings (pseudonyms, codes) to integers, built for
/// the import's inner loop: open addressing with linear probing over
/// manually managed memory (no reference counting per lookup). Keys of at
/// most 16 bytes (a 16-character pseudonym) live inside their 32-byte slot,
/// so a lookup touches one cache line; longer keys are kept end to end in a
/// byte arena. No String is built for a lookup, and no per-lookup SipHash
/// (Swift's `Hasher`) is run.
final class ByteKeyTable {
    private struct Slot {
        /// The key's first 16 bytes (zero-padded); for a longer key, `a` is its arena offset.
        var a: UInt64
        var b: UInt64
        var value: Int64
        /// Low half of the 64-bit hash (enough to place the slot again when the table grows).
        var hash: UInt32
        /// Key length + 1; 0 for a free slot (so fresh zeroed memory is an empty table).
        var lengthPlusOne: UInt32
    }

    private static let inlineBytes = 16

    private var slots: UnsafeMutablePointer<Slot>
    private var capacity: Int
    private var mask: Int
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0, arenaCapacity = 0
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        self.capacity = n
        mask = n - 1
        slots = Self.allocateSlots(n)
        arenaCapacity = 1024
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        Self.freeSlots(slots, capacity)
        arena.deallocate()
    }

    /// Zeroed (empty) slots from the kernel, in 2 MiB pages where it
    /// allows: a table of millions of pseudonyms is probed at random, and
    /// with 4 KiB pages nearly every probe would also miss the TLB.
    private static func allocateSlots(_ n: Int) -> UnsafeMutablePointer<Slot> {
        let bytes = n * MemoryLayout<Slot>.stride
        guard let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              p != UnsafeMutableRawPointer(bitPattern: -1) else {
            fatalError("out of memory for a table of \(n) pseudonyms or codes")
        }
        if bytes >= 2 << 20 { _ = madvise(p, bytes, MADV_HUGEPAGE) }
        return p.bindMemory(to: Slot.self, capacity: n)
    }

    private static func freeSlots(_ s: UnsafeMutablePointer<Slot>, _ n: Int) {
        munmap(UnsafeMutableRawPointer(s), n * MemoryLayout<Slot>.stride)
    }

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = RowHasher()
        h.add(b)
        return h.final
    }

    /// The first 16 bytes of a key, zero-padded, as two words.
    @inline(__always)
    private static func words(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var w: (UInt64, UInt64) = (0, 0)
        if let base = key.baseAddress {
            withUnsafeMutableBytes(of: &w) { $0.baseAddress!.copyMemory(from: base, byteCount: min(key.count, inlineBytes)) }
        }
        return w
    }

    /// Starts loading the slot where a lookup of the key with hash `h`
    /// begins (call some work ahead of `value(_:hash:)`).
    @inline(__always)
    func prefetch(hash h: UInt64) {
        rendement_prefetch(slots + (Int(truncatingIfNeeded: h) & mask))
    }

    /// The value of `key`, or nil.
    @inline(__always)
    func value(_ key: UnsafeBufferPointer<UInt8>) -> Int64? { value(key, hash: Self.hash(key)) }

    /// The value of `key` with hash `h` (`ByteKeyTable.hash(key)`), or nil.
    @inline(__always)
    func value(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int64? {
        let tag = UInt32(truncatingIfNeeded: h)
        let length = UInt32(key.count) + 1
        let inline = key.count <= Self.inlineBytes
        let (a, b) = inline ? Self.words(key) : (0, 0)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.lengthPlusOne == 0 { return nil }
            if slot.hash == tag && slot.lengthPlusOne == length {
                if inline {
                    if slot.a == a && slot.b == b { return slot.value }
                } else if memcmp(arena + Int(slot.a), key.baseAddress!, key.count) == 0 {
                    return slot.value
                }
            }
            i = (i + 1) & mask
        }
    }

    /// Adds `key` (which must not be present) with `value`.
    func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Int64) {
        if (count + 1) * 2 > capacity { grow() }
        let h = Self.hash(key)
        var slot = Slot(a: 0, b: 0, value: value, hash: UInt32(truncatingIfNeeded: h), lengthPlusOne: UInt32(key.count) + 1)
        if key.count <= Self.inlineBytes {
            (slot.a, slot.b) = Self.words(key)
        } else {
            if arenaCount + key.count > arenaCapacity {
                var n = arenaCapacity * 2
                while n < arenaCount + key.count { n *= 2 }
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
                grown.update(from: arena, count: arenaCount)
                arena.deallocate()
                arena = grown
                arenaCapacity = n
            }
            (arena + arenaCount).update(from: key.baseAddress!, count: key.count)
            slot.a = UInt64(arenaCount)
            arenaCount += key.count
        }
        place(slot, at: Int(truncatingIfNeeded: h))
        count += 1
    }

    @inline(__always)
    private func place(_ slot: Slot, at hash: Int) {
        var i = hash & mask
        while slots[i].lengthPlusOne != 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private func grow() {
        let old = slots, oldCapacity = capacity
        capacity *= 2
        mask = capacity - 1
        slots = Self.allocateSlots(capacity)
        for i in 0..<oldCapacity where old[i].lengthPlusOne != 0 {
            place(old[i], at: Int(old[i].hash))
        }
        Self.freeSlots(old, oldCapacity)
    }

    /// Removes every key.
    func removeAll() {
        Self.freeSlots(slots, capacity)
        capacity = 16
        mask = 15
        slots = Self.allocateSlots(capacity)
        arenaCount = 0
        count = 0
    }
}
