/// One record of a delimited file as bytes: the unquoted fields laid end to
/// end in `bytes`, `ends[i]` the end offset of field i. Reused by the reader
/// from record to record (copy what you keep).
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

    /// Physical line (1-based) on which the record starts.
    @exclusivity(unchecked) public internal(set) var line = 0
    /// File offset of the record's first byte.
    @exclusivity(unchecked) public internal(set) var offset = 0
    /// UTF-8 bytes of all fields, end to end.
    @exclusivity(unchecked) public internal(set) var bytes: [UInt8] = []
    /// End offset in `bytes` of each field.
    @exclusivity(unchecked) public internal(set) var ends: [Int] = []
    /// Set when the record is unusable as a whole.
    @exclusivity(unchecked) public internal(set) var problem: Problem?

    init() {
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
    }

    /// Number of fields.
    public var count: Int { ends.count }

    /// The byte range of field `i`.
    @inline(__always)
    public func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// Field `i` as a String (for messages and kept text).
    public func string(_ i: Int) -> String {
        guard i < ends.count else { return "" }
        return String(decoding: bytes[range(i)], as: UTF8.self)
    }

    /// All fields as Strings (for the rejects file).
    public var strings: [String] { (0..<count).map(string) }

    func clear() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        problem = nil
    }
}
