import RendementCore
import RendementStore

/// Rows of a personen file: persons and their attributes (observations only).
final class PersonRows: KindRows {
    let table: String? = nil
    let personColumn: Int
    private let p: RowParser
    private let cBirth, cSex: Int
    private let sexCodes: [Int]

    init(parser: RowParser) {
        p = parser
        personColumn = p.column("persoon_id"); cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        sexCodes = ImportContext.sexCodes(p.schema)
    }

    func parse(_ f: FieldView, into row: inout ParsedRow) throws(RowFault) -> UInt64 {
        let id = try p.personID(f, personColumn)
        let birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        let sex = try p.enumIndex(f, cSex, "geslacht", required: false).map { sexCodes[$0] }
        row.birth = birth; row.sex = sex
        var h = RowHasher()
        h.add(id); h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    func insert(_ f: FieldView, _ row: ParsedRow, person: Int64) throws {}
}
