/// The birth dates and sexes one police import gives for a person, with
/// the number of (distinct) rows giving each: stored with the person's
/// history (`attributes` column) and read by the person-attribute
/// resolution, like the rows of `person_observations` for the other kinds.
///
/// Layout, little-endian: 10 bytes per observation -- kind (UInt8: 0 birth
/// date, 1 sex), birth precision (UInt8: 0 day, 1 month, 2 year), value
/// (Int32: day number or sex code), rows (UInt32).
public struct AttributeObservation: Sendable, Equatable {
    public var isBirth: Bool
    public var precision: UInt8
    public var value: Int32
    public var rows: UInt32

    public init(isBirth: Bool, precision: UInt8 = 0, value: Int32, rows: UInt32) {
        self.isBirth = isBirth
        self.precision = precision
        self.value = value
        self.rows = rows
    }
}

/// Encoding of `AttributeObservation`s (see there for the layout).
public enum AttributeBlock {
    public static func encode(_ observations: [AttributeObservation], into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        append(observations, to: &out)
    }

    /// Appends the encoding of `observations` to `out`.
    public static func append(_ observations: [AttributeObservation], to out: inout [UInt8]) {
        for o in observations {
            out.append(o.isBirth ? 0 : 1)
            out.append(o.precision)
            withUnsafeBytes(of: o.value.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: o.rows.littleEndian) { out.append(contentsOf: $0) }
        }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> [AttributeObservation] {
        var out: [AttributeObservation] = []
        try forEach(bytes) { out.append($0) }
        return out
    }

    /// Calls `body` with each observation, read in place (no array).
    @inlinable
    public static func forEach(_ bytes: UnsafeRawBufferPointer, _ body: (AttributeObservation) throws -> Void) throws {
        guard bytes.count % 10 == 0 else { throw EventBlockError.malformed("attribute block of \(bytes.count) bytes") }
        for i in stride(from: 0, to: bytes.count, by: 10) {
            try body(AttributeObservation(isBirth: bytes[i] == 0, precision: bytes[i + 1],
                                          value: Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 2, as: Int32.self)),
                                          rows: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 6, as: UInt32.self))))
        }
    }
}
