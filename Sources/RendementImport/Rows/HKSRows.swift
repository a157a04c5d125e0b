import RendementCore
import RendementStore

/// Rows of an HKS extract -> `hks_histories`.
/// ParsedRow: v0 pleeg_day, v1 category, v2 severity (0 = unknown).
final class HKSRows: PoliceRows {
    let personColumn: Int
    private let p: RowParser
    private let cPV, cID, cPleeg, cFeit, cReg, cCat, cErnst, cBirth, cSex: Int
    private let categoryCodes: [Int]
    private let severityCodes: [Int]
    private let sexCodes: [Int]
    private let eCat, eErnst, eSex: EnumParser

    init(parser: RowParser) {
        p = parser
        cPV = p.column("pv_nummer"); cID = p.column("persoon_id"); cPleeg = p.column("pleegdatum")
        cFeit = p.column("feitcode"); cReg = p.column("registratienummer"); cCat = p.column("delictcategorie")
        cErnst = p.column("ernst"); cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        personColumn = cID
        categoryCodes = (p.schema.column("delictcategorie")?.values ?? []).map { OffenceCategory(rawValue: $0)!.code }
        severityCodes = (p.schema.column("ernst")?.values ?? []).map { Severity(rawValue: $0)!.code }
        sexCodes = ImportContext.sexCodes(p.schema)
        eCat = p.enumParser("delictcategorie")
        eErnst = p.enumParser("ernst")
        eSex = p.enumParser("geslacht")
    }

    func parse(_ f: FieldView, into row: inout ParsedRow) throws(RowFault) -> UInt64 {
        let pv = try p.required(f, cPV, "pv_nummer")
        let id = try p.personID(f, cID)
        let pleeg = try p.date(f, cPleeg, "pleegdatum", required: true)!.0
        let category = categoryCodes[try p.enumIndex(f, cCat, "delictcategorie", required: true, parser: eCat)!]
        let severity = try p.enumIndex(f, cErnst, "ernst", required: false, parser: eErnst).map { severityCodes[$0] } ?? 0
        let birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        let sex = try p.enumIndex(f, cSex, "geslacht", required: false, parser: eSex).map { sexCodes[$0] }
        row.v0 = Int64(pleeg.number); row.v1 = Int64(category); row.v2 = Int64(severity)
        row.birth = birth; row.sex = sex; row.periodDay = pleeg
        var h = RowHasher()
        h.add(pv); h.add(id); h.add(row.v0); h.add(f[cFeit]); h.add(f[cReg])
        h.add(row.v1); h.add(row.v2)
        h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    @inline(__always)
    func event(_ f: FieldView, _ row: ParsedRow, texts: TextInterner) -> PoliceEvent {
        let link = f[cReg]
        return PoliceEvent(day: Int32(row.v0), key: IncidentKey.of(bytes: f[cPV]), link: link.isEmpty ? 0 : IncidentKey.of(bytes: link),
                           code: texts.id(f[cFeit]), type: UInt8(row.v1), severity: UInt8(row.v2))
    }
}
