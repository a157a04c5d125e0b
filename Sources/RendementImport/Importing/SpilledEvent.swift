import RendementStore

/// One validated police row on its way from the reading stage to the store:
/// the packed event, the row's hash (for exact duplicates) and the person's
/// attributes as this row gives them. Fixed size, so rows are spilled to and
/// read from the import's temporary file as raw memory.
struct SpilledEvent {
    static let noBirth = Int32.min
    static let noSex: UInt8 = 255

    var event: PoliceEvent
    var rowHash: UInt64
    var person: UInt32
    var birth: Int32
    var birthPrecision: UInt8
    var sex: UInt8
}
