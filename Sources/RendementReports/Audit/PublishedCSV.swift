import Foundation
import RendementCore

/// A CSV table of a report set read back as a reader would: RFC 4180
/// (quoted fields with doubled quotes, commas and line breaks inside
/// quotes), and the leading apostrophe that neutralises a spreadsheet
/// formula (`Escaping.csv`) taken off again.
struct PublishedCSV {
    var header: [String]
    var rows: [[String: String]]

    /// The table of a CSV text; nil when it has no header.
    static func parse(csv text: String) -> PublishedCSV? {
        let records = parse(text)
        guard let header = records.first else { return nil }
        return PublishedCSV(header: header, rows: records.dropFirst().map { r in
            Dictionary(zip(header, r).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        })
    }

    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false, wasQuoted = false
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return it.next()
        }
        func endField() {
            record.append(wasQuoted ? unneutralised(field) : field)
            field = ""
            wasQuoted = false
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let d = next() {
                        if d == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = d }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true; wasQuoted = true
            case ",": endField()
            case "\r": break
            case "\n":
                endField()
                records.append(record)
                record = []
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        return records
    }

    /// A text that `Escaping.csv` neutralised (`'=...`) as it was.
    static func unneutralised(_ s: String) -> String {
        guard s.hasPrefix("'"), let second = s.dropFirst().unicodeScalars.first(where: { $0 != " " && $0 != "\u{A0}" }),
              "=+-@\t\r\n\0＝＋－＠".unicodeScalars.contains(second) else { return s }
        return String(s.dropFirst())
    }
}
