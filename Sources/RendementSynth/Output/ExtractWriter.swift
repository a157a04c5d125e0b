import Foundation
import RendementCore

/// Writes one delimited text file row by row through a large byte buffer,
/// with RFC 4180 quoting and the physical line count (so a broken row's line
/// number can be recorded exactly as an importer will report it).
final class ExtractWriter {
    let path: String
    let style: ExtractStyle
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    /// Physical lines completed so far (the header is line 1).
    private(set) var linesWritten = 0
    /// Data records written (excluding the header).
    private(set) var recordsWritten = 0

    init(path: String, style: ExtractStyle, header: [String]) throws {
        self.path = path
        self.style = style
        // Never through a symbolic link at the path (O_NOFOLLOW refuses one).
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link; rendement never writes through a link" : String(cString: strerror(errno))
            throw SynthError.cannotWrite(path + ": " + reason)
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        buffer.reserveCapacity(1 << 20)
        for name in header { text(name) }
        endRow(countsAsRecord: false)
    }

    /// The physical line on which the next record starts.
    var nextRecordLine: Int { linesWritten + 1 }

    func text(_ value: String) {
        separator()
        let bytes: [UInt8] = style.encoding == .utf8 ? Array(value.utf8) : Windows1252.encode(value)
        let needsQuotes = bytes.contains { $0 == style.delimiter || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        if !needsQuotes { buffer.append(contentsOf: bytes); return }
        buffer.append(UInt8(ascii: "\""))
        for b in bytes {
            if b == UInt8(ascii: "\"") { buffer.append(b) }
            if b == 10 { linesWritten += 1 }
            buffer.append(b)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Raw ASCII without quoting checks (identifiers, codes, numbers).
    func ascii(_ value: String) {
        separator()
        buffer.append(contentsOf: value.utf8)
    }

    func int(_ value: Int) {
        separator()
        appendDigits(value, width: 1)
    }

    func empty() { separator() }

    func date(_ day: Day?, form: DateForm? = nil) {
        separator()
        guard let day else { return }
        let c = day.components
        switch form ?? (style.dutchDates ? .dutch : .iso) {
        case .iso:
            appendDigits(c.year, width: 4); dash(); appendDigits(c.month, width: 2); dash(); appendDigits(c.day, width: 2)
        case .dutch:
            appendDigits(c.day, width: 2); dash(); appendDigits(c.month, width: 2); dash(); appendDigits(c.year, width: 4)
        case .dutchShort:
            appendDigits(c.day, width: 1); dash(); appendDigits(c.month, width: 1); dash(); appendDigits(c.year, width: 4)
        case .slashes:
            appendDigits(c.day, width: 2); buffer.append(UInt8(ascii: "/")); appendDigits(c.month, width: 2)
            buffer.append(UInt8(ascii: "/")); appendDigits(c.year, width: 4)
        case .compact:
            appendDigits(c.year, width: 4); appendDigits(c.month, width: 2); appendDigits(c.day, width: 2)
        case .yearMonth:
            appendDigits(c.year, width: 4); dash(); appendDigits(c.month, width: 2)
        case .year:
            appendDigits(c.year, width: 4)
        }
    }

    func endRow(countsAsRecord: Bool = true) {
        if style.crlf { buffer.append(13) }
        buffer.append(10)
        linesWritten += 1
        if countsAsRecord { recordsWritten += 1 }
        fieldsInRow = 0
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        try? handle.close()
    }

    private func separator() {
        if fieldsInRow > 0 { buffer.append(style.delimiter) }
        fieldsInRow += 1
    }

    private func dash() { buffer.append(UInt8(ascii: "-")) }

    private func appendDigits(_ value: Int, width: Int) {
        var v = value
        if v < 0 { buffer.append(UInt8(ascii: "-")); v = -v }
        var digits: [UInt8] = []
        repeat { digits.append(UInt8(ascii: "0") + UInt8(v % 10)); v /= 10 } while v > 0
        while digits.count < width { digits.append(UInt8(ascii: "0")) }
        buffer.append(contentsOf: digits.reversed())
    }
}

/// The date spellings the contract accepts, used to write varied dates.
enum DateForm: CaseIterable {
    case iso, dutch, dutchShort, slashes, compact, yearMonth, year
}

/// Why generation failed.
public enum SynthError: Error, CustomStringConvertible {
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path): "cannot write \(path)"
        }
    }
}
