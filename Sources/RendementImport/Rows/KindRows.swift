import RendementCore
import RendementStore

/// What every kind's row handler does. `parse` runs on the reading thread:
/// it validates a row and puts its non-text values into a `ParsedRow`
/// (returning the hash of its canonical values, for duplicates). `insert`
/// runs on the store thread: it binds the row's text fields and values and
/// inserts it.
protocol KindRows: AnyObject {
    /// The data table the kind fills (nil for personen: attributes only).
    var table: String? { get }
    /// Field index of persoon_id (-1 when the kind has no persons).
    var personColumn: Int { get }
    func parse(_ f: FieldView, into row: inout ParsedRow) throws(RowFault) -> UInt64
    func insert(_ f: FieldView, _ row: ParsedRow, person: Int64) throws
}
