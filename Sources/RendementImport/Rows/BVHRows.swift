import RendementCore
import RendementStore

/// Rows of a BVH extract -> `bvh_histories` (incidentomschrijving is read but never stored).
/// ParsedRow: v0 role, v1 pleeg_day, v2 registratie_day.
final class BVHRows: PoliceRows {
    let personColumn: Int
    private let p: RowParser
    private let cReg, cID, cRol, cPleeg, cRegDay, cCode, cGemeente, cBirth, cSex: Int
    private let roleCodes: [Int]
    private let sexCodes: [Int]
    private let eRol, eSex: EnumParser

    init(parser: RowParser) {
        p = parser
        cReg = p.column("registratienummer"); cID = p.column("persoon_id"); cRol = p.column("rol")
        cPleeg = p.column("pleegdatum"); cRegDay = p.column("registratiedatum"); cCode = p.column("incidentcode")
        cGemeente = p.column("gemeente"); cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        personColumn = cID
        roleCodes = (p.schema.column("rol")?.values ?? []).map { BVHRole(rawValue: $0)!.code }
        sexCodes = ImportContext.sexCodes(p.schema)
        eRol = p.enumParser("rol")
        eSex = p.enumParser("geslacht")
    }

    func parse(_ f: FieldView, into row: inout ParsedRow) throws(RowFault) -> UInt64 {
        let reg = try p.required(f, cReg, "registratienummer")
        let id = try p.personID(f, cID)
        let role = roleCodes[try p.enumIndex(f, cRol, "rol", required: true, parser: eRol)!]
        let pleeg = try p.date(f, cPleeg, "pleegdatum", required: true)!.0
        let regDay = try p.date(f, cRegDay, "registratiedatum", required: false)?.0
        let code = try p.required(f, cCode, "incidentcode")
        let birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        let sex = try p.enumIndex(f, cSex, "geslacht", required: false, parser: eSex).map { sexCodes[$0] }
        row.v0 = Int64(role); row.v1 = Int64(pleeg.number); row.v2 = ParsedRow.day(regDay)
        row.birth = birth; row.sex = sex; row.periodDay = pleeg
        var h = RowHasher()
        h.add(reg); h.add(id); h.add(row.v0); h.add(row.v1); h.add(row.v2)
        h.add(code); h.add(f[cGemeente])
        h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    @inline(__always)
    func event(_ f: FieldView, _ row: ParsedRow, texts: TextInterner) -> PoliceEvent {
        PoliceEvent(day: Int32(row.v1), key: IncidentKey.of(bytes: f[cReg]),
                    aux: row.v2 == ParsedRow.none ? PoliceEvent.noDay : Int32(row.v2),
                    code: texts.id(f[cCode]), place: texts.id(f[cGemeente]), type: UInt8(row.v0))
    }
}
