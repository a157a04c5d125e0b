import Foundation
import RendementStore

/// Interns short texts (incident codes, municipalities, feitcodes) to the
/// ids of the store's `texts` table (0 = empty): existing texts are loaded
/// once, new ones get the next id in memory and are written by `writeNew`.
final class TextInterner {
    private var table = ByteKeyTable()
    @exclusivity(unchecked) private var pending: [(UInt32, String)] = []
    @exclusivity(unchecked) private var nextID: UInt32 = 1

    /// An interner with no texts yet (ids local to one reader, mapped later).
    init() {}

    init(database: Database) throws {
        for (id, text) in try database.prepare("SELECT text_id, text FROM texts").rows([], { ($0.int(0), $0.text(1) ?? "") }) {
            var t = text
            t.withUTF8 { table.insert($0, id) }
            nextID = max(nextID, UInt32(id) + 1)
        }
    }

    /// The id of a (trimmed) field's text; 0 when empty.
    @inline(__always)
    func id(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if b.isEmpty { return 0 }
        if let id = table.value(b) { return UInt32(id) }
        let id = nextID
        nextID += 1
        table.insert(b, Int64(id))
        pending.append((id, String(decoding: b, as: UTF8.self)))
        return id
    }

    /// The texts assigned since the last `writeNew`, with their ids.
    var newTexts: [(UInt32, String)] { pending }

    /// The id of a text (assigned when new).
    func id(of text: String) -> UInt32 {
        var t = text
        return t.withUTF8 { id($0) }
    }

    /// Inserts the texts that are new since the last call.
    func writeNew(to database: Database) throws {
        guard !pending.isEmpty else { return }
        let s = try database.prepare("INSERT INTO texts(text_id, text) VALUES (?, ?)")
        for (id, text) in pending { try s.run([Int64(id), text]) }
        pending.removeAll()
    }
}
