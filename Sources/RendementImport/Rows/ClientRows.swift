import RendementCore
import RendementStore

/// Rows of a clienten file -> `registrations`. The Veiligheidshuis must be
/// in the live registry (matched by InputName.normalize; the registry's
/// spelling is stored); uitstroomdatum may not precede instroomdatum.
/// ParsedRow: v0 registry index, v1 aanmeld_day, v2 instroom_day, v3 plan (0/1), v4 plan_day, v5 uitstroom_day, v6 aantal_partners.
final class ClientRows: KindRows {
    let table: String? = "registrations"
    let personColumn: Int
    private let p: RowParser
    private let names: [String]
    private let index: [String: Int]
    private let cID, cVHH, cGroup, cMeeting, cAanmeld, cInstroom, cPlan, cUitstroom, cPartners, cBirth, cSex: Int
    private let sexCodes: [Int]
    private let insertRow: Statement?

    init(parser: RowParser, context: ImportContext?, registry: [String: String]) throws {
        p = parser
        let keys = registry.keys.sorted()
        names = keys.map { registry[$0]! }
        index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        cID = p.column("persoon_id"); cVHH = p.column("veiligheidshuis"); cGroup = p.column("doelgroep")
        cMeeting = p.column("casusoverleg"); cAanmeld = p.column("aanmelddatum"); cInstroom = p.column("instroomdatum")
        cPlan = p.column("plan_van_aanpak"); cUitstroom = p.column("uitstroomdatum")
        cPartners = p.column("aantal_partners")
        cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        personColumn = cID
        sexCodes = ImportContext.sexCodes(p.schema)
        // Without a context the rows are only validated (`parse`; the fuzz harness); `insert` must not be called.
        guard let context else { insertRow = nil; return }
        insertRow = try context.database.prepare("""
            INSERT INTO registrations(import_id, person_key, veiligheidshuis, doelgroep, casusoverleg, aanmeld_day,
                                      instroom_day, plan_van_aanpak, plan_day, uitstroom_day, partners)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertRow?.bindInt(context.importID, at: 1)
    }

    private func group(_ f: FieldView) -> String { TargetGroup(FieldBytes.string(f[cGroup])).label }

    func parse(_ f: FieldView, into row: inout ParsedRow) throws(RowFault) -> UInt64 {
        let id = try p.personID(f, cID)
        let name = try p.required(f, cVHH, "veiligheidshuis")
        guard let vhh = index[InputName.normalize(FieldBytes.string(name))] else {
            throw RowFault(column: "veiligheidshuis", reason: .unknownVeiligheidshuis,
                           message: "expected a name from the imported veiligheidshuizen registry", got: FieldBytes.string(name))
        }
        _ = try p.required(f, cGroup, "doelgroep")
        let aanmeld = try p.date(f, cAanmeld, "aanmelddatum", required: false)?.0
        let instroom = try p.date(f, cInstroom, "instroomdatum", required: true)!.0
        let (plan, planDay) = try p.yesNoOrDate(f, cPlan, "plan_van_aanpak")
        let uitstroom = try p.date(f, cUitstroom, "uitstroomdatum", required: false)?.0
        if let u = uitstroom, u < instroom {
            throw RowFault(column: "uitstroomdatum", reason: .inconsistentDates,
                           message: "expected uitstroomdatum on or after instroomdatum \(instroom.iso)", got: FieldBytes.string(f[cUitstroom]))
        }
        let partners = try p.int(f, cPartners, "aantal_partners", required: false)
        let birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        let sex = try p.enumIndex(f, cSex, "geslacht", required: false).map { sexCodes[$0] }
        row.v0 = Int64(vhh); row.v1 = ParsedRow.day(aanmeld); row.v2 = Int64(instroom.number)
        row.v3 = plan ? 1 : 0; row.v4 = ParsedRow.day(planDay); row.v5 = ParsedRow.day(uitstroom)
        row.v6 = partners.map(Int64.init) ?? ParsedRow.none
        row.birth = birth; row.sex = sex
        var h = RowHasher()
        h.add(id); h.add(row.v0); h.add(group(f)); h.add(f[cMeeting]); h.add(row.v1)
        h.add(row.v2); h.add(row.v3); h.add(row.v4); h.add(row.v5); h.add(row.v6)
        h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    func insert(_ f: FieldView, _ row: ParsedRow, person: Int64) throws {
        let s = insertRow!
        s.bindInt(person, at: 2)
        try s.bind(names[Int(row.v0)], at: 3)
        try s.bind(group(f), at: 4)
        s.bindBytesOrNull(f[cMeeting], at: 5)
        s.bindValue(row.v1, at: 6)
        s.bindInt(row.v2, at: 7)
        s.bindInt(row.v3, at: 8)
        s.bindValue(row.v4, at: 9)
        s.bindValue(row.v5, at: 10)
        s.bindValue(row.v6, at: 11)
        try s.insert()
    }
}
