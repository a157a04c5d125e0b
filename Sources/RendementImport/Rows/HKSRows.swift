import RendementCore
import RendementStore

/// Rows of an HKS extract -> `hks_offences`.
final class HKSRows: KindRows {
    let table: String? = "hks_offences"
    private let p: RowParser
    private let ctx: ImportContext
    private let cPV, cID, cPleeg, cFeit, cReg, cCat, cErnst, cBirth, cSex: Int
    private let categoryCodes: [Int]
    private let severityCodes: [Int]
    private let sexCodes: [Int]
    private let insertRow: Statement
    private var category = 0
    private var severity = 0
    private var pleeg = Day(number: 0)
    private var birth: (Day, Int)?
    private var sex: Int?

    init(parser: RowParser, context: ImportContext) throws {
        p = parser
        ctx = context
        cPV = p.column("pv_nummer"); cID = p.column("persoon_id"); cPleeg = p.column("pleegdatum")
        cFeit = p.column("feitcode"); cReg = p.column("registratienummer"); cCat = p.column("delictcategorie")
        cErnst = p.column("ernst"); cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        categoryCodes = (p.schema.column("delictcategorie")?.values ?? []).map { OffenceCategory(rawValue: $0)!.code }
        severityCodes = (p.schema.column("ernst")?.values ?? []).map { Severity(rawValue: $0)!.code }
        sexCodes = ImportContext.sexCodes(p.schema)
        insertRow = try context.database.prepare("""
            INSERT INTO hks_offences(import_id, person_key, pv_nummer, pleeg_day, feitcode, registratienummer, category, severity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertRow.bindInt(context.importID, at: 1)
    }

    func parse(_ f: FieldView) throws(RowFault) -> UInt64 {
        let pv = try p.required(f, cPV, "pv_nummer")
        let id = try p.personID(f, cID)
        pleeg = try p.date(f, cPleeg, "pleegdatum", required: true)!.0
        category = categoryCodes[try p.enumIndex(f, cCat, "delictcategorie", required: true)!]
        severity = try p.enumIndex(f, cErnst, "ernst", required: false).map { severityCodes[$0] } ?? 0
        birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        sex = try p.enumIndex(f, cSex, "geslacht", required: false).map { sexCodes[$0] }
        var h = RowHasher()
        h.add(pv); h.add(id); h.add(Int64(pleeg.number)); h.add(f[cFeit]); h.add(f[cReg])
        h.add(Int64(category)); h.add(Int64(severity))
        h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    func insert(_ f: FieldView) throws {
        let key = try ctx.interner.key(f[cID])
        let s = insertRow
        s.bindInt(key, at: 2)
        s.bindBytes(f[cPV], at: 3)
        s.bindInt(Int64(pleeg.number), at: 4)
        s.bindBytesOrNull(f[cFeit], at: 5)
        s.bindBytesOrNull(f[cReg], at: 6)
        s.bindInt(Int64(category), at: 7)
        s.bindInt(Int64(severity), at: 8)
        try s.insert()
        ctx.period(pleeg)
        ctx.observe(key, birth: birth, sex: sex)
    }
}
