import RendementCore
import RendementStore

/// Rows of the veiligheidshuizen registry -> `veiligheidshuizen`.
/// ParsedRow: v0 opgericht, v1 gemeenten.
final class RegistryRows: KindRows {
    let table: String? = "veiligheidshuizen"
    let personColumn = -1
    private let p: RowParser
    private let cName, cRegio, cFounded, cCount: Int
    private let insertRow: Statement?

    init(parser: RowParser, context: ImportContext?) throws {
        p = parser
        cName = p.column("veiligheidshuis"); cRegio = p.column("regio"); cFounded = p.column("opgericht"); cCount = p.column("gemeenten")
        // Without a context the rows are only validated (`parse`; the fuzz harness); `insert` must not be called.
        guard let context else { insertRow = nil; return }
        insertRow = try context.database.prepare("""
            INSERT INTO veiligheidshuizen(import_id, name, name_key, regio, opgericht, gemeenten) VALUES (?, ?, ?, ?, ?, ?)
            """)
        insertRow?.bindInt(context.importID, at: 1)
    }

    func parse(_ f: FieldView, into row: inout ParsedRow) throws(RowFault) -> UInt64 {
        let name = try p.required(f, cName, "veiligheidshuis")
        let regio = try p.required(f, cRegio, "regio")
        row.v0 = Int64(try p.int(f, cFounded, "opgericht", required: true)!)
        row.v1 = try p.int(f, cCount, "gemeenten", required: false).map(Int64.init) ?? ParsedRow.none
        var h = RowHasher()
        h.add(name); h.add(regio); h.add(row.v0); h.add(row.v1)
        return h.final
    }

    func insert(_ f: FieldView, _ row: ParsedRow, person: Int64) throws {
        let s = insertRow!
        let name = FieldBytes.string(f[cName])
        try s.bind(name, at: 2)
        try s.bind(InputName.normalize(name), at: 3)
        s.bindBytes(f[cRegio], at: 4)
        s.bindInt(row.v0, at: 5)
        s.bindValue(row.v1, at: 6)
        try s.insert()
    }
}
