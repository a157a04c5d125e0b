import Foundation

/// The byte format of one packed history (one person, one import): a
/// columnar block, so a person's events are stored and read as one value
/// instead of one SQLite row each (what makes a national import fast).
///
/// Layout, little-endian: byte 0 format version (1); bytes 1-4 the number of
/// events n (UInt32); byte 5 a mask of the columns present; then each present
/// column as n fixed-width values in this order: day (Int32), key (Int64),
/// link (Int64), aux (Int32), code (UInt32), place (UInt32), type (UInt8),
/// severity (UInt8). A column whose values are all its default (0, or
/// `PoliceEvent.noDay` for aux) is left out and its mask bit is 0.
public enum EventBlock {
    public static let version: UInt8 = 1

    private static let widths = [4, 8, 8, 4, 4, 4, 1, 1]

    /// Encodes `events` (in the order given) into `out` (cleared first).
    public static func encode(_ events: UnsafeBufferPointer<PoliceEvent>, into out: inout [UInt8]) {
        let n = events.count
        var mask: UInt8 = 1
        for e in events {
            if e.key != 0 { mask |= 2 }
            if e.link != 0 { mask |= 4 }
            if e.aux != PoliceEvent.noDay { mask |= 8 }
            if e.code != 0 { mask |= 16 }
            if e.place != 0 { mask |= 32 }
            if e.type != 0 { mask |= 64 }
            if e.severity != 0 { mask |= 128 }
        }
        var size = 6
        for c in 0..<8 where mask & (1 << c) != 0 { size += widths[c] * n }
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(size)
        out.append(version)
        withUnsafeBytes(of: UInt32(n).littleEndian) { out.append(contentsOf: $0) }
        out.append(mask)
        func put<T: FixedWidthInteger>(_ value: (PoliceEvent) -> T) {
            for e in events { withUnsafeBytes(of: value(e).littleEndian) { out.append(contentsOf: $0) } }
        }
        put { $0.day }
        if mask & 2 != 0 { put { $0.key } }
        if mask & 4 != 0 { put { $0.link } }
        if mask & 8 != 0 { put { $0.aux } }
        if mask & 16 != 0 { put { $0.code } }
        if mask & 32 != 0 { put { $0.place } }
        if mask & 64 != 0 { put { $0.type } }
        if mask & 128 != 0 { put { $0.severity } }
    }

    /// Decodes a block, appending its events to `events`; throws on bytes
    /// that are not a block of this version.
    public static func decode(_ bytes: UnsafeRawBufferPointer, appendingTo events: inout [PoliceEvent]) throws {
        guard bytes.count >= 6, bytes[0] == version else { throw EventBlockError.malformed("unknown block format") }
        let n = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
        let mask = bytes[5]
        var size = 6
        for c in 0..<8 where mask & (1 << c) != 0 { size += widths[c] * n }
        guard mask & 1 != 0, size == bytes.count else { throw EventBlockError.malformed("block length \(bytes.count) does not match \(n) events") }
        let start = events.count
        for _ in 0..<n { events.append(PoliceEvent(day: 0, key: 0)) }
        var offset = 6
        events.withUnsafeMutableBufferPointer { all in
            let out = UnsafeMutableBufferPointer(rebasing: all[start...])
            func get<T: FixedWidthInteger>(_ type: T.Type, _ set: (inout PoliceEvent, T) -> Void) {
                for i in 0..<n {
                    set(&out[i], T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self)))
                    offset += MemoryLayout<T>.size
                }
            }
            get(Int32.self) { $0.day = $1 }
            if mask & 2 != 0 { get(Int64.self) { $0.key = $1 } }
            if mask & 4 != 0 { get(Int64.self) { $0.link = $1 } }
            if mask & 8 != 0 { get(Int32.self) { $0.aux = $1 } }
            if mask & 16 != 0 { get(UInt32.self) { $0.code = $1 } }
            if mask & 32 != 0 { get(UInt32.self) { $0.place = $1 } }
            if mask & 64 != 0 { get(UInt8.self) { $0.type = $1 } }
            if mask & 128 != 0 { get(UInt8.self) { $0.severity = $1 } }
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
