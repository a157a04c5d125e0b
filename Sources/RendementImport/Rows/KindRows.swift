import RendementCore
import RendementStore

/// What every kind's row handler does: validate a row and bind its values
/// (returning the hash of its canonical values, for duplicates), then, if it
/// is not a duplicate, insert it.
protocol KindRows: AnyObject {
    /// The data table the kind fills (nil for personen: attributes only).
    var table: String? { get }
    func parse(_ f: FieldView) throws(RowFault) -> UInt64
    func insert(_ f: FieldView) throws
}
