import RendementCore
import RendementStore

/// Rows of a Stappenmeter file -> `stappenmeter_forms` and
/// `stappenmeter_scores`. The Veiligheidshuis must be in the live registry
/// (as for clienten); each step column of the instrument holds a score on
/// its scale, a scale label, or nothing / a "not scored" answer (no score
/// stored); a questionnaire without a single score is rejected.
/// ParsedRow: v0 registry index, v1 invul_day, v2 rol index.
final class StappenmeterRows: KindRows {
    let table: String? = "stappenmeter_forms"
    let personColumn = -1
    private let p: RowParser
    private let instrument: StappenmeterInstrument
    private let names: [String]
    private let index: [String: Int]
    private let cVHH, cMeeting, cDate, cRole: Int
    /// Field index of each step, in the instrument's order.
    private let cSteps: [Int]
    private let roles: [String]
    private let insertForm: Statement?
    private let insertScore: Statement?
    private let database: Database?

    init(parser: RowParser, context: ImportContext?, registry: [String: String], instrument: StappenmeterInstrument) throws {
        p = parser
        self.instrument = instrument
        let keys = registry.keys.sorted()
        names = keys.map { registry[$0]! }
        index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        cVHH = p.column("veiligheidshuis"); cMeeting = p.column("casusoverleg"); cDate = p.column("invuldatum"); cRole = p.column("rol_invuller")
        cSteps = instrument.steps.map { parser.column($0.id) }
        roles = parser.schema.column("rol_invuller")?.values ?? []
        // Without a context the rows are only validated (`parse`; the fuzz harness); `insert` must not be called.
        guard let context else { insertForm = nil; insertScore = nil; database = nil; return }
        database = context.database
        insertForm = try context.database.prepare("""
            INSERT INTO stappenmeter_forms(import_id, veiligheidshuis, casusoverleg, invul_day, rol) VALUES (?, ?, ?, ?, ?)
            """)
        insertForm?.bindInt(context.importID, at: 1)
        insertScore = try context.database.prepare("INSERT INTO stappenmeter_scores(form_id, step, score) VALUES (?, ?, ?)")
    }

    private func meeting(_ f: FieldView) -> String { TargetGroup(FieldBytes.string(f[cMeeting])).label }

    /// The scores of a row by step (nil where not scored); the first cell that is not an answer is a fault.
    private func scores(_ f: FieldView) throws(RowFault) -> [Int?] {
        var out: [Int?] = []
        out.reserveCapacity(cSteps.count)
        for (i, c) in cSteps.enumerated() {
            let text = FieldBytes.string(f[c])
            switch instrument.answer(text) {
            case .score(let v): out.append(v)
            case .notScored: out.append(nil)
            case .invalid:
                throw RowFault(column: instrument.steps[i].id, reason: .badValue, message: instrument.expectedAnswer, got: text)
            }
        }
        return out
    }

    func parse(_ f: FieldView, into row: inout ParsedRow) throws(RowFault) -> UInt64 {
        let name = try p.required(f, cVHH, "veiligheidshuis")
        guard let vhh = index[InputName.normalize(FieldBytes.string(name))] else {
            throw RowFault(column: "veiligheidshuis", reason: .unknownVeiligheidshuis,
                           message: "expected a name from the imported veiligheidshuizen registry", got: FieldBytes.string(name))
        }
        _ = try p.required(f, cMeeting, "casusoverleg")
        let day = try p.date(f, cDate, "invuldatum", required: true)!.0
        let role = try p.enumIndex(f, cRole, "rol_invuller", required: true)!
        let values = try scores(f)
        if values.allSatisfy({ $0 == nil }) {
            throw RowFault(column: instrument.steps[0].id, reason: .missingRequired,
                           message: "at least one step of \(instrument.name) must be scored", got: "")
        }
        row.v0 = Int64(vhh); row.v1 = Int64(day.number); row.v2 = Int64(role)
        var h = RowHasher()
        h.add(row.v0); h.add(meeting(f)); h.add(row.v1); h.add(row.v2)
        for v in values { h.add(v.map(Int64.init) ?? ParsedRow.none) }
        return h.final
    }

    func insert(_ f: FieldView, _ row: ParsedRow, person: Int64) throws {
        let s = insertForm!, scoreRow = insertScore!
        try s.bind(names[Int(row.v0)], at: 2)
        try s.bind(meeting(f), at: 3)
        s.bindInt(row.v1, at: 4)
        try s.bind(roles[Int(row.v2)], at: 5)
        try s.insert()
        let form = database!.lastInsertRowID
        // Validated in `parse`; read again here rather than carried in ParsedRow (the number of steps varies).
        let values: [Int?]
        do throws(RowFault) { values = try scores(f) } catch { preconditionFailure("a parsed Stappenmeter row no longer reads: \(error)") }
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            scoreRow.bindInt(form, at: 1)
            try scoreRow.bind(instrument.steps[i].id, at: 2)
            scoreRow.bindInt(Int64(v), at: 3)
            try scoreRow.insert()
        }
    }
}
