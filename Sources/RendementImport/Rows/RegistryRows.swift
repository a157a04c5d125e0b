import RendementCore
import RendementStore

/// Rows of the veiligheidshuizen registry -> `veiligheidshuizen`.
final class RegistryRows: KindRows {
    let table: String? = "veiligheidshuizen"
    private let p: RowParser
    private let cName, cRegio, cFounded, cCount: Int
    private let insertRow: Statement
    private var founded = 0
    private var count: Int?

    init(parser: RowParser, context: ImportContext) throws {
        p = parser
        cName = p.column("veiligheidshuis"); cRegio = p.column("regio"); cFounded = p.column("opgericht"); cCount = p.column("gemeenten")
        insertRow = try context.database.prepare("""
            INSERT INTO veiligheidshuizen(import_id, name, name_key, regio, opgericht, gemeenten) VALUES (?, ?, ?, ?, ?, ?)
            """)
        insertRow.bindInt(context.importID, at: 1)
    }

    func parse(_ f: FieldView) throws(RowFault) -> UInt64 {
        let name = try p.required(f, cName, "veiligheidshuis")
        let regio = try p.required(f, cRegio, "regio")
        founded = try p.int(f, cFounded, "opgericht", required: true)!
        count = try p.int(f, cCount, "gemeenten", required: false)
        var h = RowHasher()
        h.add(name); h.add(regio); h.add(Int64(founded)); h.add(Int64(count ?? -1))
        return h.final
    }

    func insert(_ f: FieldView) throws {
        let s = insertRow
        let name = FieldBytes.string(f[cName])
        try s.bind(name, at: 2)
        try s.bind(InputName.normalize(name), at: 3)
        s.bindBytes(f[cRegio], at: 4)
        s.bindInt(Int64(founded), at: 5)
        if let c = count { s.bindInt(Int64(c), at: 6) } else { s.bindNull(at: 6) }
        try s.insert()
    }
}
