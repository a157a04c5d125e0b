import Foundation

/// The byte format of one packed history (one person, one import): a
/// columnar block, so a person's events are stored and read as one value
/// instead of one SQLite row each (what makes a national import fast), and
/// compact, because a national extract is written to disk twice (WAL, then
/// the database).
///
/// Layout: byte 0 format version (2); the number of events n (LEB128
/// varint); a byte with a mask of the columns present; a flags byte (1 when
/// the events are not in day order); then each present column for all n
/// events, in this order:
/// - day: zigzag varint of the first day, then varints of the differences
///   to the previous day (>= 0 for events in day order, as the importer
///   stores them; zigzag varints when flagged);
/// - key, link: 8 bytes little-endian each (hashes do not compress);
/// - aux: varint, 0 for no date, else zigzag(aux - day) + 1;
/// - code, place: varint;
/// - type, severity: 1 byte each.
/// A column whose values are all its default (0, or `PoliceEvent.noDay` for
/// aux) is left out and its mask bit is 0. Mask bit 1 (day) is always set.
public enum EventBlock {
    public static let version: UInt8 = 2

    /// Encodes `events` (in the order given) into `out` (cleared first).
    public static func encode(_ events: UnsafeBufferPointer<PoliceEvent>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        append(events, to: &out)
    }

    /// The most bytes a block of `count` events takes: header (version,
    /// count varint, mask, flags) and per event at most 10 (day) + 8 (key)
    /// + 8 (link) + 10 (aux) + 5 (code) + 5 (place) + 1 + 1 bytes.
    public static func maximumSize(count: Int) -> Int { 13 + count * 48 }

    /// Appends the block of `events` (in the order given) to `out`: written
    /// through a pointer into room made at the end, then trimmed.
    public static func append(_ events: UnsafeBufferPointer<PoliceEvent>, to out: inout [UInt8]) {
        let start = out.count, room = maximumSize(count: events.count)
        out.append(contentsOf: repeatElement(0, count: room))
        let used = out.withUnsafeMutableBufferPointer { write(events, to: $0.baseAddress! + start) }
        out.removeLast(room - used)
    }

    /// Writes the block of `events` at `out` (room for `maximumSize`); returns its length.
    private static func write(_ events: UnsafeBufferPointer<PoliceEvent>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var mask: UInt8 = 1
        var ordered = true
        var previous = Int32.min
        for e in events {
            if e.day < previous { ordered = false }
            previous = e.day
            if e.key != 0 { mask |= 2 }
            if e.link != 0 { mask |= 4 }
            if e.aux != PoliceEvent.noDay { mask |= 8 }
            if e.code != 0 { mask |= 16 }
            if e.place != 0 { mask |= 32 }
            if e.type != 0 { mask |= 64 }
            if e.severity != 0 { mask |= 128 }
        }
        var p = out
        p.pointee = version; p += 1
        putVarint(UInt64(events.count), &p)
        p.pointee = mask; p += 1
        p.pointee = ordered ? 0 : 1; p += 1
        var last: Int64 = 0
        for (i, e) in events.enumerated() {
            let d = Int64(e.day)
            if i == 0 || !ordered { putVarint(zigzag(d - last), &p) } else { putVarint(UInt64(d - last), &p) }
            last = d
        }
        if mask & 2 != 0 { for e in events { putWord(e.key, &p) } }
        if mask & 4 != 0 { for e in events { putWord(e.link, &p) } }
        if mask & 8 != 0 {
            for e in events { putVarint(e.aux == PoliceEvent.noDay ? 0 : zigzag(Int64(e.aux) - Int64(e.day)) + 1, &p) }
        }
        if mask & 16 != 0 { for e in events { putVarint(UInt64(e.code), &p) } }
        if mask & 32 != 0 { for e in events { putVarint(UInt64(e.place), &p) } }
        if mask & 64 != 0 { for e in events { p.pointee = e.type; p += 1 } }
        if mask & 128 != 0 { for e in events { p.pointee = e.severity; p += 1 } }
        return p - out
    }

    @inline(__always)
    private static func putWord(_ value: Int64, _ p: inout UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value.littleEndian, as: Int64.self)
        p += 8
    }

    @inline(__always)
    private static func putVarint(_ value: UInt64, _ p: inout UnsafeMutablePointer<UInt8>) {
        var v = value
        while v >= 0x80 {
            p.pointee = UInt8(truncatingIfNeeded: v) | 0x80
            p += 1
            v >>= 7
        }
        p.pointee = UInt8(v)
        p += 1
    }

    /// Decodes a block, appending its events to `events`; throws on bytes
    /// that are not a well-formed block of this version.
    public static func decode(_ bytes: UnsafeRawBufferPointer, appendingTo events: inout [PoliceEvent]) throws {
        var r = Reader(bytes: bytes)
        guard try r.byte() == version else { throw EventBlockError.malformed("unknown block format") }
        let count = try r.varint()
        guard count <= UInt64(bytes.count) else { throw EventBlockError.malformed("\(count) events in \(bytes.count) bytes") }
        let n = Int(count)
        let mask = try r.byte(), flags = try r.byte()
        guard mask & 1 != 0, flags <= 1 else { throw EventBlockError.malformed("bad column mask") }
        let start = events.count
        events.append(contentsOf: repeatElement(PoliceEvent(day: 0, key: 0), count: n))
        do {
            try events.withUnsafeMutableBufferPointer { all in
                let out = UnsafeMutableBufferPointer(rebasing: all[start...])
                var last: Int64 = 0
                for i in 0..<n {
                    let v = try r.varint()
                    let step = (i == 0 || flags == 1) ? unzigzag(v) : Int64(bitPattern: v)
                    let (sum, overflow) = last.addingReportingOverflow(step)
                    guard !overflow, let day = Int32(exactly: sum) else { throw EventBlockError.malformed("day out of range") }
                    last = sum
                    out[i].day = day
                }
                if mask & 2 != 0 { for i in 0..<n { out[i].key = try r.int64() } }
                if mask & 4 != 0 { for i in 0..<n { out[i].link = try r.int64() } }
                if mask & 8 != 0 {
                    for i in 0..<n {
                        let v = try r.varint()
                        if v != 0 {
                            let (sum, overflow) = Int64(out[i].day).addingReportingOverflow(unzigzag(v - 1))
                            guard !overflow, let aux = Int32(exactly: sum) else { throw EventBlockError.malformed("date out of range") }
                            out[i].aux = aux
                        }
                    }
                }
                if mask & 16 != 0 { for i in 0..<n { out[i].code = try r.uint32() } }
                if mask & 32 != 0 { for i in 0..<n { out[i].place = try r.uint32() } }
                if mask & 64 != 0 { for i in 0..<n { out[i].type = try r.byte() } }
                if mask & 128 != 0 { for i in 0..<n { out[i].severity = try r.byte() } }
            }
            guard r.offset == bytes.count else { throw EventBlockError.malformed("\(bytes.count - r.offset) bytes after the last column") }
        } catch {
            events.removeSubrange(start...)
            throw error
        }
    }

    @inline(__always)
    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    @inline(__always)
    static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1) }

    /// Bounds-checked reading of a block.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        @inline(__always)
        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw EventBlockError.malformed("block ends early") }
            defer { offset += 1 }
            return bytes[offset]
        }

        @inline(__always)
        mutating func varint() throws -> UInt64 {
            var result: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw EventBlockError.malformed("varint too long") }
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }

        @inline(__always)
        mutating func uint32() throws -> UInt32 {
            guard let v = UInt32(exactly: try varint()) else { throw EventBlockError.malformed("value out of range") }
            return v
        }

        @inline(__always)
        mutating func int64() throws -> Int64 {
            guard offset + 8 <= bytes.count else { throw EventBlockError.malformed("block ends early") }
            defer { offset += 8 }
            return Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        }
    }
}

/// A packed history that cannot be read (a damaged store).
public enum EventBlockError: Error, CustomStringConvertible {
    case malformed(String)
    public var description: String {
        switch self { case .malformed(let why): "a packed police history in the store is damaged: \(why)" }
    }
}
