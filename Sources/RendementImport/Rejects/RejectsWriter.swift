import Foundation
import RendementCore

/// Writes `<name>.rejects.csv`: `line,column,reason,message` and then the
/// original fields of each rejected row (UTF-8, comma, RFC 4180 quoting;
/// a field that would start a spreadsheet formula gets a leading
/// apostrophe, `Escaping.csv`).
/// The file is created at the first reject only.
final class RejectsWriter {
    let path: String
    private let header: [String]
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []

    init(path: String, header: [String]) {
        self.path = path
        self.header = header
    }

    var created: Bool { fd >= 0 }
    /// Whether this writer ever created its file (still true after `close`).
    private var everCreated = false

    /// The rejects path for an input file.
    static func path(for input: String, directory: String?) -> String {
        let url = URL(fileURLWithPath: input)
        var base = url.lastPathComponent
        for ext in [".csv", ".txt", ".tsv"] where base.lowercased().hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        let dir = directory ?? url.deletingLastPathComponent().path
        return (dir as NSString).appendingPathComponent(base + ".rejects.csv")
    }

    private func create() throws {
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw InputProblem.rejectsFile(path, String(cString: strerror(errno))) }
        fd = opened
        everCreated = true
        fchmod(fd, 0o600)
        row(["line", "column", "reason", "message"] + header)
    }

    func write(_ reject: ImportSummary.Reject, fields: [String]) throws {
        if fd < 0 { try create() }
        row([String(reject.line), reject.column, reject.reason.rawValue, reject.message] + fields)
        if buffer.count > 1 << 16 { try flush() }
    }

    private func row(_ cells: [String]) {
        for (i, c) in cells.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            Escaping.appendCSV(c, to: &buffer)
        }
        buffer.append(10)
    }

    /// Appends the rows written by `other` (a writer of the same header
    /// whose file is then removed): the rejects of a file's second half.
    func append(contentsOf other: RejectsWriter) throws {
        other.close()
        guard other.everCreated, let input = FileHandle(forReadingAtPath: other.path) else { return }
        defer {
            try? input.close()
            try? FileManager.default.removeItem(atPath: other.path)
        }
        if fd < 0 { try create() }
        var skippedHeader = false
        while let data = try input.read(upToCount: 4 << 20), !data.isEmpty {
            var rows = data[...]
            if !skippedHeader, let firstBreak = rows.firstIndex(of: 10) {
                rows = rows[(firstBreak + 1)...]
                skippedHeader = true
            }
            buffer.append(contentsOf: rows)
            try flush()
        }
    }

    /// Removes the file (a discarded second half).
    func discard() {
        close()
        if everCreated { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Writes the buffered rows; throws (`InputProblem.rejectsFile`) when the
    /// file cannot be written, e.g. on a full disk.
    func flush() throws {
        guard fd >= 0, !buffer.isEmpty else { return }
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buffer.removeAll()
                throw InputProblem.rejectsFile(path, reason)
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        try? flush()
        if fd >= 0 { posixClose(fd) }
        fd = -1
    }
}

// The C functions, named apart from the methods `write` and `close` above.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func posixClose(_ fd: Int32) { _ = close(fd) }
