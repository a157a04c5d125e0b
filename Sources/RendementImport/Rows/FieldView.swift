/// The trimmed bytes of the fields of the current record, by column index
/// (-1 = column absent from the file: an empty field). Field i ends at
/// `ends[i]`; field i > 0 starts `gap` bytes after field i-1 ends (0 for
/// fields laid end to end, 1 for a line read in place, past the delimiter).
struct FieldView {
    let base: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>
    var gap = 0

    /// Field `i` as read (not trimmed).
    @inline(__always)
    func raw(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = i == 0 ? 0 : ends[i - 1] + gap
        return UnsafeBufferPointer(rebasing: base[start..<ends[i]])
    }

    @inline(__always)
    subscript(_ column: Int) -> UnsafeBufferPointer<UInt8> {
        guard column >= 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return FieldBytes.trim(raw(column))
    }
}
