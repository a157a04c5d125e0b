import Foundation
import RendementCore

/// Writes `<name>.rejects.csv`: `line,column,reason,message` and then the
/// original fields of each rejected row (UTF-8, comma, RFC 4180 quoting).
/// The file is created at the first reject only.
final class RejectsWriter {
    let path: String
    private let header: [String]
    private var handle: FileHandle?
    private var buffer: [UInt8] = []

    init(path: String, header: [String]) {
        self.path = path
        self.header = header
    }

    var created: Bool { handle != nil }

    /// The rejects path for an input file.
    static func path(for input: String, directory: String?) -> String {
        let url = URL(fileURLWithPath: input)
        var base = url.lastPathComponent
        for ext in [".csv", ".txt", ".tsv"] where base.lowercased().hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        let dir = directory ?? url.deletingLastPathComponent().path
        return (dir as NSString).appendingPathComponent(base + ".rejects.csv")
    }

    func write(_ reject: ImportSummary.Reject, fields: [String]) throws {
        if handle == nil { try open() }
        row([String(reject.line), reject.column, reject.reason.rawValue, reject.message] + fields)
        if buffer.count > 1 << 16 { flush() }
    }

    private func open() throws {
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        guard let h = FileHandle(forWritingAtPath: path) else {
            throw InputProblem.cannotOpen("cannot write the rejects file \(path)")
        }
        try h.truncate(atOffset: 0)
        handle = h
        row(["line", "column", "reason", "message"] + header)
    }

    private func row(_ cells: [String]) {
        for (i, c) in cells.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            if c.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                buffer.append(34)
                for b in c.utf8 { if b == 34 { buffer.append(34) }; buffer.append(b) }
                buffer.append(34)
            } else {
                buffer.append(contentsOf: c.utf8)
            }
        }
        buffer.append(10)
    }

    /// Appends the rows written by `other` (a writer of the same header
    /// whose file is then removed): the rejects of a file's second half.
    func append(contentsOf other: RejectsWriter) throws {
        other.close()
        guard other.created, let input = FileHandle(forReadingAtPath: other.path) else { return }
        defer {
            try? input.close()
            try? FileManager.default.removeItem(atPath: other.path)
        }
        if handle == nil { try open() }
        flush()
        var skippedHeader = false
        while let data = try input.read(upToCount: 4 << 20), !data.isEmpty {
            var rows = data[...]
            if !skippedHeader, let firstBreak = rows.firstIndex(of: 10) {
                rows = rows[(firstBreak + 1)...]
                skippedHeader = true
            }
            handle?.write(Data(rows))
        }
    }

    /// Removes the file (a discarded second half).
    func discard() {
        close()
        if created { try? FileManager.default.removeItem(atPath: path) }
    }

    func flush() {
        guard let h = handle, !buffer.isEmpty else { return }
        h.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        try? handle?.close()
    }
}
