import RendementCore
import RendementStore

/// Rows of an HKS extract -> `hks_offences`.
/// ParsedRow: v0 pleeg_day, v1 category, v2 severity (0 = unknown).
final class HKSRows: KindRows {
    let table: String? = "hks_offences"
    let personColumn: Int
    private let p: RowParser
    private let cPV, cID, cPleeg, cFeit, cReg, cCat, cErnst, cBirth, cSex: Int
    private let categoryCodes: [Int]
    private let severityCodes: [Int]
    private let sexCodes: [Int]
    private let insertRow: Statement?

    init(parser: RowParser, context: ImportContext?) throws {
        p = parser
        cPV = p.column("pv_nummer"); cID = p.column("persoon_id"); cPleeg = p.column("pleegdatum")
        cFeit = p.column("feitcode"); cReg = p.column("registratienummer"); cCat = p.column("delictcategorie")
        cErnst = p.column("ernst"); cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        personColumn = cID
        categoryCodes = (p.schema.column("delictcategorie")?.values ?? []).map { OffenceCategory(rawValue: $0)!.code }
        severityCodes = (p.schema.column("ernst")?.values ?? []).map { Severity(rawValue: $0)!.code }
        sexCodes = ImportContext.sexCodes(p.schema)
        // Without a context the rows are only validated (`parse`; the fuzz harness); `insert` must not be called.
        guard let context else { insertRow = nil; return }
        insertRow = try context.database.prepare("""
            INSERT INTO hks_offences(import_id, person_key, pv_nummer, pleeg_day, feitcode, registratienummer, category, severity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertRow?.bindInt(context.importID, at: 1)
    }

    func parse(_ f: FieldView, into row: inout ParsedRow) throws(RowFault) -> UInt64 {
        let pv = try p.required(f, cPV, "pv_nummer")
        let id = try p.personID(f, cID)
        let pleeg = try p.date(f, cPleeg, "pleegdatum", required: true)!.0
        let category = categoryCodes[try p.enumIndex(f, cCat, "delictcategorie", required: true)!]
        let severity = try p.enumIndex(f, cErnst, "ernst", required: false).map { severityCodes[$0] } ?? 0
        let birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        let sex = try p.enumIndex(f, cSex, "geslacht", required: false).map { sexCodes[$0] }
        row.v0 = Int64(pleeg.number); row.v1 = Int64(category); row.v2 = Int64(severity)
        row.birth = birth; row.sex = sex; row.periodDay = pleeg
        var h = RowHasher()
        h.add(pv); h.add(id); h.add(row.v0); h.add(f[cFeit]); h.add(f[cReg])
        h.add(row.v1); h.add(row.v2)
        h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    func insert(_ f: FieldView, _ row: ParsedRow, person: Int64) throws {
        let s = insertRow!
        s.bindInt(person, at: 2)
        s.bindBytes(f[cPV], at: 3)
        s.bindInt(row.v0, at: 4)
        s.bindBytesOrNull(f[cFeit], at: 5)
        s.bindBytesOrNull(f[cReg], at: 6)
        s.bindInt(row.v1, at: 7)
        s.bindInt(row.v2, at: 8)
        try s.insert()
    }
}
