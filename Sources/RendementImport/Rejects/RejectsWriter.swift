import Foundation
import RendementCore

/// Writes `<name>.rejects.csv`: `line,column,reason,message` and then the
/// original fields of each rejected row (UTF-8, comma, RFC 4180 quoting;
/// a field that would start a spreadsheet formula gets a leading
/// apostrophe, `Escaping.csv`).
/// The rows go to a temporary file beside it (created at the first reject,
/// mode 0600, never through a link: `OutputFile`), which `commit()` renames
/// over the path when the import has been decided; `discard()` removes it.
/// A symbolic link, or any existing file that is not an earlier rejects file
/// (an input, say), at the path is refused before anything is imported.
final class RejectsWriter {
    let path: String
    private let header: [String]
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    /// The temporary file the rows go to (nil until the first reject).
    private(set) var temporaryPath: String?

    /// A writer for `path`; throws `InputProblem.rejectsFile` when the path
    /// may not be written.
    init(path: String, header: [String]) throws(InputProblem) {
        self.path = path
        self.header = header
        do {
            try OutputFile.checkTarget(path, existing: Self.existing)
        } catch let failure as OutputFile.Failure {
            throw .rejectsFile(path, failure.reason)
        } catch {
            throw .rejectsFile(path, "\(error)")
        }
    }

    /// Whether there were rejects (the file exists or will at `commit`).
    var created: Bool { temporaryPath != nil || committed }
    private var committed = false

    /// An existing file at the path is replaced only when it is an earlier rejects file.
    static let existing = OutputFile.Existing.replaceOnly(what: "an earlier rejects file", isOurs: { path in
        InputFile.prefix(path, count: 27) == Array("line,column,reason,message,".utf8)
    })

    /// The rejects path for an input file.
    static func path(for input: String, directory: String?) -> String {
        let url = URL(fileURLWithPath: input)
        var base = url.lastPathComponent
        for ext in [".csv", ".txt", ".tsv"] where base.lowercased().hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        let dir = directory ?? url.deletingLastPathComponent().path
        return (dir as NSString).appendingPathComponent(base + ".rejects.csv")
    }

    private func create() throws {
        do {
            let (opened, temporary) = try OutputFile.createTemporary(beside: path, mode: 0o600)
            fd = opened
            temporaryPath = temporary
        } catch let failure as OutputFile.Failure {
            throw InputProblem.rejectsFile(path, failure.reason)
        }
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
    /// whose temporary file is then removed): the rejects of a file's second half.
    func append(contentsOf other: RejectsWriter) throws {
        other.close()
        guard let otherPath = other.temporaryPath, let input = FileHandle(forReadingAtPath: otherPath) else { return }
        defer {
            try? input.close()
            other.discard()
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

    /// Removes the temporary file: the rows are not wanted (a discarded
    /// second half, an import that failed for another reason than its rejects).
    func discard() {
        close()
        if let t = temporaryPath { unlink(t) }
        temporaryPath = nil
    }

    /// Puts the rejects file in place (when there were rejects): the
    /// temporary file renamed over the path. Throws `InputProblem.rejectsFile`.
    func commit() throws {
        try flush()
        close()
        guard let t = temporaryPath else { return }
        temporaryPath = nil
        committed = true
        do {
            try OutputFile.install(t, at: path, existing: Self.existing)
        } catch let failure as OutputFile.Failure {
            throw InputProblem.rejectsFile(path, failure.reason)
        }
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

    /// Stops writing (the temporary file stays until `commit` or `discard`).
    func close() {
        try? flush()
        if fd >= 0 { posixClose(fd) }
        fd = -1
    }
}

// The C functions, named apart from the methods `write` and `close` above.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func posixClose(_ fd: Int32) { _ = close(fd) }
