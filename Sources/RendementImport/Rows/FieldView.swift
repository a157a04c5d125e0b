/// The trimmed bytes of the fields of the current record, by column index
/// (-1 = column absent from the file: an empty field).
struct FieldView {
    let base: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>

    @inline(__always)
    subscript(_ column: Int) -> UnsafeBufferPointer<UInt8> {
        guard column >= 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = column == 0 ? 0 : ends[column - 1]
        return FieldBytes.trim(UnsafeBufferPointer(rebasing: base[start..<ends[column]]))
    }
}
