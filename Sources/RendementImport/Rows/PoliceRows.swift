import RendementStore

/// The row handlers of the police extracts (BVH, HKS): besides validating
/// a row they turn it into a `PoliceEvent` (on the reading thread), which
/// the import packs into per-person histories instead of inserting rows.
protocol PoliceRows: KindRows {
    func event(_ f: FieldView, _ row: ParsedRow, texts: TextInterner) -> PoliceEvent
}

extension PoliceRows {
    var table: String? { nil }
    func insert(_ f: FieldView, _ row: ParsedRow, person: Int64) throws {}
}
