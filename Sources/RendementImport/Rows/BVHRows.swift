import RendementCore
import RendementStore

/// Rows of a BVH extract -> `bvh_events` (incidentomschrijving is read but never stored).
final class BVHRows: KindRows {
    let table: String? = "bvh_events"
    private let p: RowParser
    private let ctx: ImportContext
    private let cReg, cID, cRol, cPleeg, cRegDay, cCode, cGemeente, cBirth, cSex: Int
    private let roleCodes: [Int]
    private let sexCodes: [Int]
    private let insertRow: Statement
    private var role = 0
    private var pleeg = Day(number: 0)
    private var regDay: Day?
    private var birth: (Day, Int)?
    private var sex: Int?

    init(parser: RowParser, context: ImportContext) throws {
        p = parser
        ctx = context
        cReg = p.column("registratienummer"); cID = p.column("persoon_id"); cRol = p.column("rol")
        cPleeg = p.column("pleegdatum"); cRegDay = p.column("registratiedatum"); cCode = p.column("incidentcode")
        cGemeente = p.column("gemeente"); cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        roleCodes = (p.schema.column("rol")?.values ?? []).map { BVHRole(rawValue: $0)!.code }
        sexCodes = ImportContext.sexCodes(p.schema)
        insertRow = try context.database.prepare("""
            INSERT INTO bvh_events(import_id, person_key, registratienummer, role, pleeg_day, registratie_day, incident_code, gemeente)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertRow.bindInt(context.importID, at: 1)
    }

    func parse(_ f: FieldView) throws(RowFault) -> UInt64 {
        let reg = try p.required(f, cReg, "registratienummer")
        let id = try p.personID(f, cID)
        role = roleCodes[try p.enumIndex(f, cRol, "rol", required: true)!]
        pleeg = try p.date(f, cPleeg, "pleegdatum", required: true)!.0
        regDay = try p.date(f, cRegDay, "registratiedatum", required: false)?.0
        let code = try p.required(f, cCode, "incidentcode")
        birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        sex = try p.enumIndex(f, cSex, "geslacht", required: false).map { sexCodes[$0] }
        var h = RowHasher()
        h.add(reg); h.add(id); h.add(Int64(role)); h.add(Int64(pleeg.number)); h.add(ImportContext.code(regDay))
        h.add(code); h.add(f[cGemeente])
        h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    func insert(_ f: FieldView) throws {
        let key = try ctx.interner.key(f[cID])
        let s = insertRow
        s.bindInt(key, at: 2)
        s.bindBytes(f[cReg], at: 3)
        s.bindInt(Int64(role), at: 4)
        s.bindInt(Int64(pleeg.number), at: 5)
        if let r = regDay { s.bindInt(Int64(r.number), at: 6) } else { s.bindNull(at: 6) }
        s.bindBytes(f[cCode], at: 7)
        s.bindBytesOrNull(f[cGemeente], at: 8)
        try s.insert()
        ctx.period(pleeg)
        ctx.observe(key, birth: birth, sex: sex)
    }
}
