import RendementCore
import RendementStore

/// State shared by the row handlers of one file import.
final class ImportContext {
    let database: Database
    let interner: PersonInterner
    let observations = ObservationAggregator()
    let importID: Int64
    @exclusivity(unchecked) var minDay = Int32.max
    @exclusivity(unchecked) var maxDay = Int32.min

    init(database: Database, interner: PersonInterner, importID: Int64) {
        self.database = database
        self.interner = interner
        self.importID = importID
    }

    @inline(__always)
    func period(_ d: Day) {
        if d.number < minDay { minDay = d.number }
        if d.number > maxDay { maxDay = d.number }
    }

    @inline(__always)
    func observe(_ person: Int64, birth: (Day, Int)?, sex: Int?) {
        if let b = birth { observations.addBirth(person, day: b.0, precision: b.1) }
        if let s = sex { observations.addSex(person, s) }
    }

    /// Maps schema value indexes of `geslacht` to Sex codes.
    static func sexCodes(_ schema: InputSchema) -> [Int] {
        (schema.column("geslacht")?.values ?? []).map { Sex(rawValue: $0)!.code }
    }

    /// Hash contribution of optional values.
    @inline(__always)
    static func code(_ d: Day?) -> Int64 { d.map { Int64($0.number) } ?? Int64.min }
}
