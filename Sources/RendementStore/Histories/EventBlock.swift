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
        out.removeAll(keepingCapacity: true)
        out.append(version)
        putVarint(UInt64(events.count), &out)
        out.append(mask)
        out.append(ordered ? 0 : 1)
        var last: Int64 = 0
        for (i, e) in events.enumerated() {
            let d = Int64(e.day)
            if i == 0 || !ordered { putVarint(zigzag(d - last), &out) } else { putVarint(UInt64(d - last), &out) }
            last = d
        }
        if mask & 2 != 0 { for e in events { withUnsafeBytes(of: e.key.littleEndian) { out.append(contentsOf: $0) } } }
        if mask & 4 != 0 { for e in events { withUnsafeBytes(of: e.link.littleEndian) { out.append(contentsOf: $0) } } }
        if mask & 8 != 0 {
            for e in events { putVarint(e.aux == PoliceEvent.noDay ? 0 : zigzag(Int64(e.aux) - Int64(e.day)) + 1, &out) }
        }
        if mask & 16 != 0 { for e in events { putVarint(UInt64(e.code), &out) } }
        if mask & 32 != 0 { for e in events { putVarint(UInt64(e.place), &out) } }
        if mask & 64 != 0 { for e in events { out.append(e.type) } }
        if mask & 128 != 0 { for e in events { out.append(e.severity) } }
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

    @inline(__always)
    static func putVarint(_ value: UInt64, _ out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

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
