import RendementCore
import RendementStore

/// Rows of a clienten file -> `registrations`. The Veiligheidshuis must be
/// in the live registry (matched by InputName.normalize; the registry's
/// spelling is stored); uitstroomdatum may not precede instroomdatum.
final class ClientRows: KindRows {
    let table: String? = "registrations"
    private let p: RowParser
    private let ctx: ImportContext
    private let registry: [String: String]
    private let cID, cVHH, cGroup, cMeeting, cAanmeld, cInstroom, cPlan, cUitstroom, cBirth, cSex: Int
    private let sexCodes: [Int]
    private let insertRow: Statement
    private var vhh = ""
    private var group = ""
    private var aanmeld: Day?
    private var instroom = Day(number: 0)
    private var plan = false
    private var planDay: Day?
    private var uitstroom: Day?
    private var birth: (Day, Int)?
    private var sex: Int?

    init(parser: RowParser, context: ImportContext, registry: [String: String]) throws {
        p = parser
        ctx = context
        self.registry = registry
        cID = p.column("persoon_id"); cVHH = p.column("veiligheidshuis"); cGroup = p.column("doelgroep")
        cMeeting = p.column("casusoverleg"); cAanmeld = p.column("aanmelddatum"); cInstroom = p.column("instroomdatum")
        cPlan = p.column("plan_van_aanpak"); cUitstroom = p.column("uitstroomdatum")
        cBirth = p.column("geboortedatum"); cSex = p.column("geslacht")
        sexCodes = ImportContext.sexCodes(p.schema)
        insertRow = try context.database.prepare("""
            INSERT INTO registrations(import_id, person_key, veiligheidshuis, doelgroep, casusoverleg, aanmeld_day,
                                      instroom_day, plan_van_aanpak, plan_day, uitstroom_day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertRow.bindInt(context.importID, at: 1)
    }

    func parse(_ f: FieldView) throws(RowFault) -> UInt64 {
        let id = try p.personID(f, cID)
        let name = try p.required(f, cVHH, "veiligheidshuis")
        guard let canonical = registry[InputName.normalize(FieldBytes.string(name))] else {
            throw RowFault(column: "veiligheidshuis", reason: .unknownVeiligheidshuis,
                           message: "expected a name from the imported veiligheidshuizen registry", got: FieldBytes.string(name))
        }
        vhh = canonical
        group = TargetGroup(FieldBytes.string(try p.required(f, cGroup, "doelgroep"))).label
        aanmeld = try p.date(f, cAanmeld, "aanmelddatum", required: false)?.0
        instroom = try p.date(f, cInstroom, "instroomdatum", required: true)!.0
        (plan, planDay) = try p.yesNoOrDate(f, cPlan, "plan_van_aanpak")
        uitstroom = try p.date(f, cUitstroom, "uitstroomdatum", required: false)?.0
        if let u = uitstroom, u < instroom {
            throw RowFault(column: "uitstroomdatum", reason: .inconsistentDates,
                           message: "expected uitstroomdatum on or after instroomdatum \(instroom.iso)", got: FieldBytes.string(f[cUitstroom]))
        }
        birth = try p.date(f, cBirth, "geboortedatum", required: false, partial: true)
        sex = try p.enumIndex(f, cSex, "geslacht", required: false).map { sexCodes[$0] }
        var h = RowHasher()
        h.add(id); h.add(vhh); h.add(group); h.add(f[cMeeting]); h.add(ImportContext.code(aanmeld))
        h.add(Int64(instroom.number)); h.add(plan ? 1 : 0); h.add(ImportContext.code(planDay)); h.add(ImportContext.code(uitstroom))
        h.add(ImportContext.code(birth?.0)); h.add(Int64(birth?.1 ?? -1)); h.add(Int64(sex ?? -1))
        return h.final
    }

    func insert(_ f: FieldView) throws {
        let key = try ctx.interner.key(f[cID])
        let s = insertRow
        s.bindInt(key, at: 2)
        try s.bind(vhh, at: 3)
        try s.bind(group, at: 4)
        s.bindBytesOrNull(f[cMeeting], at: 5)
        if let d = aanmeld { s.bindInt(Int64(d.number), at: 6) } else { s.bindNull(at: 6) }
        s.bindInt(Int64(instroom.number), at: 7)
        s.bindInt(plan ? 1 : 0, at: 8)
        if let d = planDay { s.bindInt(Int64(d.number), at: 9) } else { s.bindNull(at: 9) }
        if let d = uitstroom { s.bindInt(Int64(d.number), at: 10) } else { s.bindNull(at: 10) }
        try s.insert()
        ctx.observe(key, birth: birth, sex: sex)
    }
}
