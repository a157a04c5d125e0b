/// One record of a delimited file as bytes. Reused by the reader from
/// record to record (copy what you keep). Two layouts, the same fields:
/// - a *view* of a plain line in the reader's buffer (no quotes, valid
///   ASCII/UTF-8, within one chunk: the common case, read without copying),
///   fields separated by one delimiter byte;
/// - *owned* bytes: the unquoted fields laid end to end, for records with
///   quotes, transcoding, problems or a chunk boundary.
/// `bytes`/`ends` give the owned layout either way (built on demand for a
/// view); `withFields` reads the fields in place.
public final class RawRecord {
    /// Why a record could not be read as fields.
    public enum Problem: Sendable, Equatable {
        /// Longer than `DelimitedReader.maxRecordBytes`; the reader resynchronised at the next line.
        case tooLong
        /// A quoted field was still open at the end of the file.
        case unterminatedQuote
        /// Bytes that are not valid text in the file's encoding.
        case badEncoding
        /// NUL bytes: binary data, never text.
        case nulByte
        /// UTF-8 text in a file read as Windows-1252 (detected, not forced).
        case mixedEncoding
    }

    /// Most fields a view record holds (a longer record is read as owned bytes).
    static let viewCapacity = 1024

    /// Physical line (1-based) on which the record starts.
    @exclusivity(unchecked) public internal(set) var line = 0
    /// File offset of the record's first byte.
    @exclusivity(unchecked) public internal(set) var offset = 0
    /// Owned layout: UTF-8 bytes of all fields, end to end.
    @exclusivity(unchecked) var ownedBytes: [UInt8] = []
    /// Owned layout: end offset in `ownedBytes` of each field.
    @exclusivity(unchecked) var ownedEnds: [Int] = []
    /// View layout: the line's first byte in the reader's buffer (nil: owned layout).
    @exclusivity(unchecked) var viewBase: UnsafePointer<UInt8>?
    /// View layout: the line's length (without the line break).
    @exclusivity(unchecked) var viewLength = 0
    /// View layout: end offset of each field from `viewBase`; field i > 0 starts one byte after field i-1 ends.
    let viewEnds: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) var viewCount = 0
    /// Set when the record is unusable as a whole.
    @exclusivity(unchecked) public internal(set) var problem: Problem?

    init() {
        ownedBytes.reserveCapacity(4096)
        ownedEnds.reserveCapacity(64)
        viewEnds = .allocate(capacity: Self.viewCapacity)
    }

    deinit { viewEnds.deallocate() }

    /// Number of fields.
    public var count: Int { viewBase == nil ? ownedEnds.count : viewCount }

    /// UTF-8 bytes of all fields, end to end.
    public var bytes: [UInt8] {
        guard viewBase != nil else { return ownedBytes }
        return withFields { f in
            var out: [UInt8] = []
            out.reserveCapacity(viewLength)
            for i in 0..<viewCount { out.append(contentsOf: f.raw(i)) }
            return out
        }
    }

    /// End offset in `bytes` of each field.
    public var ends: [Int] {
        guard viewBase != nil else { return ownedEnds }
        return withFields { f in
            var out: [Int] = [], end = 0
            for i in 0..<viewCount { end += f.raw(i).count; out.append(end) }
            return out
        }
    }

    /// Calls `body` with the record's fields, in place.
    @inline(__always)
    func withFields<R>(_ body: (FieldView) throws -> R) rethrows -> R {
        if let viewBase {
            return try body(FieldView(base: UnsafeBufferPointer(start: viewBase, count: viewLength),
                                      ends: UnsafeBufferPointer(start: viewEnds, count: viewCount), gap: 1))
        }
        return try ownedBytes.withUnsafeBufferPointer { base in
            try ownedEnds.withUnsafeBufferPointer { ends in try body(FieldView(base: base, ends: ends)) }
        }
    }

    /// Field `i` as a String (for messages and kept text).
    public func string(_ i: Int) -> String {
        guard i < count else { return "" }
        return withFields { String(decoding: $0.raw(i), as: UTF8.self) }
    }

    /// All fields as Strings (for the rejects file).
    public var strings: [String] { (0..<count).map(string) }

    func clear() {
        viewBase = nil
        ownedBytes.removeAll(keepingCapacity: true)
        ownedEnds.removeAll(keepingCapacity: true)
        problem = nil
    }
}
