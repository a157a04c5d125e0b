import RendementCore

/// A small direct-mapped cache of parsed dates by their bytes, for one
/// reading thread: extracts repeat the same few thousand dates millions of
/// times, and a hit costs one probe instead of a parse and a calendar
/// conversion. Only valid, plausible dates are kept (errors are always
/// parsed, so their messages stay exact).
final class DateCache {
    private struct Entry {
        /// The date's bytes (at most 10), zero-padded, with length and form in the top byte of `high`.
        var low: UInt64
        var high: UInt64
        var day: Int32
        var precision: Int32
    }

    /// 65,536 entries (1.5 MiB): room for every birth date of a national
    /// population (about 21,000 days over 58 years) and every event date.
    private static let bits = 16
    private let entries: UnsafeMutablePointer<Entry>

    init() {
        entries = .allocate(capacity: 1 << Self.bits)
        entries.initialize(repeating: Entry(low: 0, high: 0, day: 0, precision: 0), count: 1 << Self.bits)
    }

    deinit { entries.deallocate() }

    /// The key of a 4- to 10-byte field (nil for other lengths: not cached).
    @inline(__always)
    static func key(_ b: UnsafeBufferPointer<UInt8>, partial: Bool) -> (UInt64, UInt64)? {
        guard b.count >= 4, b.count <= 10 else { return nil }
        var w: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &w) { $0.baseAddress!.copyMemory(from: b.baseAddress!, byteCount: b.count) }
        // A non-zero tag byte: bytes 11..15 are always zero for these lengths.
        return (w.0, w.1 | (UInt64(b.count) << 56) | (partial ? 1 << 63 : 0))
    }

    @inline(__always)
    private static func slot(_ key: (UInt64, UInt64)) -> Int {
        Int(truncatingIfNeeded: ((key.0 ^ (key.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> UInt64(64 - bits))
    }

    @inline(__always)
    func lookUp(_ key: (UInt64, UInt64)) -> (Day, Int)? {
        let e = entries[Self.slot(key)]
        guard e.low == key.0 && e.high == key.1 else { return nil }
        return (Day(number: e.day), Int(e.precision))
    }

    @inline(__always)
    func store(_ key: (UInt64, UInt64), _ day: Day, _ precision: Int) {
        entries[Self.slot(key)] = Entry(low: key.0, high: key.1, day: day.number, precision: Int32(precision))
    }
}
