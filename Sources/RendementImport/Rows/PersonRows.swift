import RendementCore
import RendementStore

/// Rows of a personen file: persons and their attributes (observations only).
final class PersonRows: KindRows {
    let table: String? = nil
    private let p: RowParser
    private let ctx: ImportContext
    private let cID, cBirth, cSex: Int
    private let sexCodes: [Int]
    private var birth: (Day, Int)?
    private var sex: Int?

    init(parser: RowParser, context: ImportContext) {
        p = parser
        ctx = context
        cID = p.column("persoon_id"); cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        sexCodes = ImportContext.sexCodes(p.schema)
    }

    func parse(_ f: FieldView) throws(RowFault) -> UInt64 {
        let id = try p.personID(f, cID)
        birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        sex = try p.enumIndex(f, cSex, "geslacht", required: false).map { sexCodes[$0] }
        var h = RowHasher()
        h.add(id); h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    func insert(_ f: FieldView) throws {
        let key = try ctx.interner.key(f[cID])
        ctx.observe(key, birth: birth, sex: sex)
    }
}
