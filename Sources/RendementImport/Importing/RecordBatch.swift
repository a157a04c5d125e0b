import RendementStore

/// A batch of validated rows passed from the reading thread to the store
/// thread: copies of the records' field bytes, their parsed values and
/// person keys (with a flag for persons that must be inserted).
final class RecordBatch {
    static let capacity = 8192
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    @exclusivity(unchecked) private var ends: [Int] = []
    @exclusivity(unchecked) private var byteStarts: [Int] = []
    @exclusivity(unchecked) private var endStarts: [Int] = []
    @exclusivity(unchecked) private(set) var rows: [ParsedRow] = []
    @exclusivity(unchecked) private(set) var persons: [Int64] = []
    @exclusivity(unchecked) private(set) var isNew: [Bool] = []

    init() {
        bytes.reserveCapacity(1 << 20)
        ends.reserveCapacity(Self.capacity * 10)
        byteStarts.reserveCapacity(Self.capacity)
        endStarts.reserveCapacity(Self.capacity)
        rows.reserveCapacity(Self.capacity)
        persons.reserveCapacity(Self.capacity)
        isNew.reserveCapacity(Self.capacity)
    }

    var count: Int { rows.count }
    var isFull: Bool { rows.count >= Self.capacity }

    func clear() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        byteStarts.removeAll(keepingCapacity: true)
        endStarts.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        persons.removeAll(keepingCapacity: true)
        isNew.removeAll(keepingCapacity: true)
    }

    func append(_ record: RawRecord, _ row: ParsedRow, person: Int64, isNew new: Bool) {
        byteStarts.append(bytes.count)
        endStarts.append(ends.count)
        record.withFields { f in
            let origin = bytes.count
            for i in 0..<f.ends.count {
                bytes.append(contentsOf: f.raw(i))
                ends.append(bytes.count - origin)
            }
        }
        rows.append(row)
        persons.append(person)
        isNew.append(new)
    }

    /// Calls `body` with each record's fields.
    func forEach(_ body: (Int, FieldView) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { b in
            try ends.withUnsafeBufferPointer { e in
                for i in 0..<rows.count {
                    let b0 = byteStarts[i], b1 = i + 1 < rows.count ? byteStarts[i + 1] : bytes.count
                    let e0 = endStarts[i], e1 = i + 1 < rows.count ? endStarts[i + 1] : ends.count
                    try body(i, FieldView(base: UnsafeBufferPointer(rebasing: b[b0..<b1]), ends: UnsafeBufferPointer(rebasing: e[e0..<e1])))
                }
            }
        }
    }
}
