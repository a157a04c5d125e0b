import Foundation
import RendementCore

/// Streaming reader of delimited text (RFC 4180) over bytes: reads the file
/// in 4 MiB chunks with read(2), so memory stays flat whatever the file
/// size. Handles `,` `;` or TAB (auto-detected from the header line outside
/// quotes), LF or CRLF, quoted fields with delimiters, doubled quotes and
/// line breaks, a UTF-8 BOM, and Windows-1252 (transcoded to UTF-8 per
/// record). Empty lines are skipped. Every record knows the physical line it
/// starts on. An in-memory reader over bytes (`init(bytes:)`) behaves as
/// the reader of a file with those bytes; the fuzz harness uses it.
public final class DelimitedReader {
    /// Records longer than this are rejected as a whole (`wrong_field_count`).
    public static let maxRecordBytes = 1 << 20
    /// Headers with more columns are refused.
    public static let maxColumns = 1000
    package static let chunkSize = 4 << 20

    public let path: String
    @exclusivity(unchecked) public private(set) var encoding: TextEncoding
    /// The encoding was given (`--encoding`), not detected.
    @exclusivity(unchecked) private var encodingForced = false
    @exclusivity(unchecked) public private(set) var delimiter: UInt8
    /// Header names as written in the file.
    @exclusivity(unchecked) public private(set) var header: [String] = []
    /// Size of the file in bytes (for progress).
    public let fileSize: Int
    /// Bytes consumed so far.
    @exclusivity(unchecked) public private(set) var bytesConsumed = 0

    /// The open file; -1 when reading from `memory`.
    private let fd: Int32
    /// The bytes of an in-memory reader, and how many of them were handed out.
    private let memory: [UInt8]?
    @exclusivity(unchecked) private var memoryOffset = 0
    /// This reader's record limit (`maxRecordBytes` unless an in-memory reader sets another).
    private let recordLimit: Int
    /// File offset of `chunk[0]`.
    @exclusivity(unchecked) private var chunkOffset = 0
    /// The read buffer (allocated once; records read in place point into it).
    private let chunk: UnsafeMutableBufferPointer<UInt8>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var pos = 0
    @exclusivity(unchecked) private var eof = false
    @exclusivity(unchecked) private var line = 1
    private let record = RawRecord()
    @exclusivity(unchecked) private var scratch: [UInt8] = []

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, skipping }
    @exclusivity(unchecked) private var state = State.fieldStart
    @exclusivity(unchecked) private var inRecord = false
    @exclusivity(unchecked) private var sawQuote = false
    @exclusivity(unchecked) private var fieldStart = 0

    /// Opens `path`, detects (or takes) encoding and delimiter and reads the header.
    public convenience init(path: String, delimiter forcedDelimiter: UInt8? = nil, encoding forcedEncoding: TextEncoding? = nil) throws(InputProblem) {
        let (fd, size) = try Self.openRegular(path)
        try self.init(path: path, fd: fd, memory: nil, fileSize: size, chunkSize: Self.chunkSize,
                      recordLimit: Self.maxRecordBytes, delimiter: forcedDelimiter, encoding: forcedEncoding)
    }

    /// Reads `bytes` as if they were a file's content. `chunkSize` and
    /// `maxRecordBytes` can be made small to exercise the chunk-boundary and
    /// record-limit paths on small inputs (fuzzing, tests).
    package convenience init(bytes: [UInt8], chunkSize: Int = DelimitedReader.chunkSize, maxRecordBytes: Int = DelimitedReader.maxRecordBytes,
                             delimiter forcedDelimiter: UInt8? = nil, encoding forcedEncoding: TextEncoding? = nil,
                             encodingDetected: Bool = false) throws(InputProblem) {
        // A chunk one byte larger than a small input reads it as read(2) reads a small file: all of it, then EOF.
        try self.init(path: "<memory>", fd: -1, memory: bytes, fileSize: bytes.count,
                      chunkSize: max(1, min(chunkSize, bytes.count + 1)), recordLimit: max(1, maxRecordBytes),
                      delimiter: forcedDelimiter, encoding: forcedEncoding, encodingDetected: encodingDetected)
    }

    private init(path: String, fd: Int32, memory: [UInt8]?, fileSize: Int, chunkSize: Int, recordLimit: Int,
                 delimiter forcedDelimiter: UInt8?, encoding forcedEncoding: TextEncoding?,
                 encodingDetected: Bool = false) throws(InputProblem) {
        self.path = path
        self.fd = fd
        self.memory = memory
        self.fileSize = fileSize
        self.recordLimit = recordLimit
        chunk = .allocate(capacity: chunkSize)
        chunk.initialize(repeating: 0)
        encoding = .utf8
        delimiter = forcedDelimiter ?? UInt8(ascii: ",")
        do {
            try fill()
            guard count > 0 else { throw InputProblem.empty }
            // A given encoding is taken as given (only a UTF-8 BOM is skipped);
            // otherwise it is detected from the first block.
            let (enc, skip) = try { (buf: UnsafeMutableBufferPointer<UInt8>) throws(InputProblem) -> (TextEncoding, Int) in
                if let forcedEncoding {
                    let bom = count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF
                    return (forcedEncoding, bom ? 3 : 0)
                }
                return try TextEncoding.detect(UnsafeBufferPointer(rebasing: buf[0..<count]), atEOF: eof)
            }(chunk)
            encoding = enc
            // `encodingDetected`: an encoding passed on from an earlier read
            // that detected it (so mixed files are judged the same way).
            encodingForced = forcedEncoding != nil && !encodingDetected
            pos = skip
            if forcedDelimiter == nil { delimiter = detectDelimiter() }
            guard try advance() else { throw InputProblem.empty }
            let h = record
            if h.bytes.contains(0) { throw InputProblem.headerNotText("it contains NUL bytes") }
            switch h.problem {
            case .tooLong?: throw InputProblem.headerTooLong
            case .unterminatedQuote?: throw InputProblem.headerUnclosedQuote
            case .badEncoding?, .nulByte?, .mixedEncoding?: throw InputProblem.headerNotText("bytes that are not valid \(encoding.displayName)")
            case nil: break
            }
            if h.count > Self.maxColumns { throw InputProblem.tooManyColumns(h.count) }
            header = h.strings.map { $0.trimmingCharacters(in: .whitespaces) }
            // The header and nothing else (but empty lines): an extract
            // without rows is a failed export, not news to record.
            if eof, chunk[pos..<count].allSatisfy({ $0 == 10 || $0 == 13 }) { throw InputProblem.noRows }
        } catch let e as InputProblem {
            if fd >= 0 { close(fd) }
            throw e
        } catch {
            if fd >= 0 { close(fd) }
            throw .readError("\(error)")
        }
    }

    /// A reader of the same file from `offset` (the start of a line, after
    /// the header) on, with the encoding and delimiter of `first`; records
    /// are numbered from physical line `line`. For reading the two halves of
    /// a large file in parallel.
    public init(continuing first: DelimitedReader, at offset: Int, line: Int) throws(InputProblem) {
        path = first.path
        let fd = try Self.openRegular(path).fd
        self.fd = fd
        memory = nil
        recordLimit = first.recordLimit
        fileSize = first.fileSize
        encoding = first.encoding
        encodingForced = first.encodingForced
        delimiter = first.delimiter
        header = first.header
        chunk = .allocate(capacity: Self.chunkSize)
        chunk.initialize(repeating: 0)
        guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else {
            close(fd)
            throw .readError(String(cString: strerror(errno)))
        }
        chunkOffset = offset
        self.line = line
    }

    /// Opens an input for reading: only a regular file (a folder, a FIFO or
    /// a device is refused with the reason; `InputFile`).
    package static func openRegular(_ path: String) throws(InputProblem) -> (fd: Int32, size: Int) {
        do { return try InputFile.open(path, expected: "a CSV file") } catch { throw .cannotOpen(error.reason) }
    }

    deinit {
        if fd >= 0 { close(fd) }
        chunk.deallocate()
    }

    /// File offset of the next unread byte.
    public var offset: Int { chunkOffset + pos }

    /// The offset just after the first line break at or after `near` (nil
    /// when there is none within 1 MiB): where a second reader can start.
    public static func lineStart(in path: String, near: Int) -> Int? {
        guard let fd = try? openRegular(path).fd else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(near)) }
        guard n > 0, let i = buffer[0..<n].firstIndex(of: 10) else { return nil }
        return near + i + 1
    }

    /// The physical line number at `offset` (1 + line breaks before it).
    public static func lineNumber(in path: String, at offset: Int) throws(InputProblem) -> Int {
        let fd = try openRegular(path).fd
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        var at = 0, lines = 1
        while at < offset {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, min($0.count, offset - at), off_t(at)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw .readError(n < 0 ? String(cString: strerror(errno)) : "unexpected end of file") }
            buffer.withUnsafeBytes { b in
                var p = b.baseAddress!
                let end = p + n
                while p < end, let hit = memchr(p, 10, end - p) {
                    lines += 1
                    p = UnsafeRawPointer(hit) + 1
                }
            }
            at += n
        }
        return lines
    }

    /// The delimiter among `,` `;` TAB that occurs most often outside quotes in the first line.
    private func detectDelimiter() -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 9: 0]
        var quoted = false
        var i = pos
        while i < count {
            let b = chunk[i]
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            else if !quoted && b == 10 { break }
            else if !quoted, counts[b] != nil { counts[b]! += 1 }
            i += 1
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }

    private func fill() throws(InputProblem) {
        chunkOffset += count
        count = 0
        pos = 0
        while count < chunk.count {
            if let memory {
                let n = min(memory.count - memoryOffset, chunk.count - count)
                if n == 0 { eof = true; break }
                memory.withUnsafeBufferPointer { m in
                    _ = UnsafeMutableBufferPointer(rebasing: chunk[count..<count + n]).initialize(from: m[memoryOffset..<memoryOffset + n])
                }
                memoryOffset += n
                count += n
                continue
            }
            let n = read(fd, chunk.baseAddress! + count, chunk.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                throw .readError(String(cString: strerror(errno)))
            }
            if n == 0 { eof = true; break }
            count += n
        }
    }

    /// The next non-empty record, or nil at the end of the file. The record
    /// object is reused by the following call.
    public func next() throws(InputProblem) -> RawRecord? { try advance() ? record : nil }

    /// The record `advance` reads into (the same object for the whole file).
    public var current: RawRecord { record }

    /// Reads the next non-empty record into `current`; false at the end of
    /// the file. (The row loop's form of `next`: no reference counting per row.)
    public func advance() throws(InputProblem) -> Bool {
        while true {
            if pos >= count {
                if eof { return finishAtEOF() }
                try fill()
                if count == 0 { return finishAtEOF() }
            }
            if scan() {
                if record.viewBase == nil && record.problem == nil && record.ownedEnds.count == 1 && record.ownedEnds[0] == 0 && !sawQuote {
                    resetRecordState()
                    continue
                }
                if record.viewBase == nil { finishEncoding() }
                return true
            }
        }
    }

    private func finishAtEOF() -> Bool {
        guard inRecord else { return false }
        if state == .quoted { record.problem = .unterminatedQuote }
        if state != .skipping { endField() }
        if record.problem == nil && record.ownedEnds.count == 1 && record.ownedEnds[0] == 0 && !sawQuote {
            inRecord = false
            return false
        }
        inRecord = false
        state = .fieldStart
        finishEncoding()
        return true
    }

    private func resetRecordState() {
        inRecord = false
        sawQuote = false
        state = .fieldStart
    }

    @inline(__always)
    private func endField() {
        record.ownedEnds.append(record.ownedBytes.count)
    }

    /// Consumes bytes of the current chunk; true when a record is complete.
    private func scan() -> Bool {
        let delim = delimiter
        let quote = UInt8(ascii: "\"")
        let buf = UnsafeBufferPointer(chunk)
        do {
            var i = pos
            let n = count
            defer { bytesConsumed += i - pos; pos = i }
            while i < n {
                if !inRecord {
                    if let next = readInPlace(buf, at: i) {
                        line += 1
                        i = next
                        return true
                    }
                    record.clear()
                    record.line = line
                    record.offset = chunkOffset + i
                    inRecord = true
                    sawQuote = false
                    state = .fieldStart
                }
                switch state {
                case .fieldStart:
                    if buf[i] == quote {
                        state = .quoted
                        sawQuote = true
                        i += 1
                        continue
                    }
                    state = .unquoted
                    fallthrough
                case .unquoted:
                    var j = i
                    let limit = min(n, i + recordLimit + 1 - record.ownedBytes.count)
                    while j < limit {
                        let b = buf[j]
                        if b == delim || b == 10 { break }
                        j += 1
                    }
                    if j > i { record.ownedBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j])) }
                    i = j
                    if record.ownedBytes.count > recordLimit { state = .skipping; record.problem = .tooLong; continue }
                    if i == n { return false }
                    if buf[i] == delim {
                        endField()
                        state = .fieldStart
                        i += 1
                    } else {
                        if record.ownedBytes.last == 13 && (record.ownedEnds.last ?? 0) < record.ownedBytes.count { record.ownedBytes.removeLast() }
                        endField()
                        i += 1
                        line += 1
                        inRecord = false
                        return true
                    }
                case .quoted:
                    var j = i
                    let limit = min(n, i + recordLimit + 1 - record.ownedBytes.count)
                    while j < limit {
                        let b = buf[j]
                        if b == quote { break }
                        if b == 10 { line += 1 }
                        j += 1
                    }
                    if j > i { record.ownedBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j])) }
                    i = j
                    if record.ownedBytes.count > recordLimit { state = .skipping; record.problem = .tooLong; continue }
                    if i == n { return false }
                    state = .quoteInQuoted
                    i += 1
                case .quoteInQuoted:
                    let b = buf[i]
                    i += 1
                    if b == quote {
                        record.ownedBytes.append(quote)
                        state = .quoted
                    } else if b == delim {
                        endField()
                        state = .fieldStart
                    } else if b == 10 {
                        endField()
                        line += 1
                        inRecord = false
                        return true
                    } else if b == 13 {
                        // CR of a CRLF after a closing quote
                    } else {
                        // text after a closing quote: kept, leniently
                        record.ownedBytes.append(b)
                        state = .unquoted
                    }
                case .skipping:
                    while i < n && buf[i] != 10 { i += 1 }
                    if i == n { return false }
                    i += 1
                    line += 1
                    inRecord = false
                    return true
                }
            }
            return false
        }
    }

    /// The common case read without copying: a whole line in the buffer,
    /// no quote, no NUL, not longer than the record limit, ASCII or (in a
    /// UTF-8 file) valid UTF-8, at most `RawRecord.viewCapacity` fields and
    /// not empty. The record then views the line in place; returns the
    /// offset after the line break, or nil to read the line byte by byte.
    @inline(__always)
    private func readInPlace(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let start = buf.baseAddress! + i
        let available = min(count - i, recordLimit + 1)
        guard let hit = memchr(start, 10, available) else { return nil }
        let length = UnsafeRawPointer(hit) - UnsafeRawPointer(start)
        guard length > 1, length <= recordLimit, memchr(start, 34, length) == nil else { return nil }
        let delim = delimiter
        let ends = record.viewEnds
        let capacity = RawRecord.viewCapacity - 1
        var fields = 0, any: UInt8 = 0, lowest: UInt8 = 0xFF
        // Eight bytes at a time (SWAR): per byte, the high bit of
        // ~(((x & 0x7F..) + 0x7F..) | x | 0x7F..) is set exactly when that
        // byte of x is zero (no carry crosses bytes). x = word ^ delimiters
        // finds the delimiters; x = word finds NUL bytes.
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let pattern = UInt64(delim) &* 0x0101_0101_0101_0101
        var anyBits: UInt64 = 0, zeroBits: UInt64 = 0
        var k = 0
        let raw = UnsafeRawPointer(start)
        while k + 8 <= length {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            anyBits |= w
            zeroBits |= ~(((w & low7) &+ low7) | w | low7)
            let x = w ^ pattern
            var hits = ~(((x & low7) &+ low7) | x | low7)
            while hits != 0 {
                guard fields < capacity else { return nil }
                ends[fields] = k + hits.trailingZeroBitCount >> 3
                fields += 1
                hits &= hits &- 1
            }
            k += 8
        }
        if zeroBits != 0 { lowest = 0 }
        if anyBits & 0x8080_8080_8080_8080 != 0 { any = 0x80 }
        while k < length {
            let b = start[k]
            any |= b
            lowest = min(lowest, b)
            if b == delim {
                guard fields < capacity else { return nil }
                ends[fields] = k
                fields += 1
            }
            k += 1
        }
        if lowest == 0 { return nil }
        if any >= 0x80 {
            guard encoding == .utf8, UTF8Check.isValid(UnsafeBufferPointer(start: start, count: length)) else { return nil }
        }
        // A CR before the LF ends a non-empty last field (as in the byte-by-byte path).
        let lastStart = fields == 0 ? 0 : ends[fields - 1] + 1
        var lastEnd = length
        if start[length - 1] == 13 && lastEnd > lastStart { lastEnd -= 1 }
        ends[fields] = lastEnd
        fields += 1
        if fields == 1 && lastEnd == 0 { return nil }
        record.problem = nil
        record.viewBase = UnsafePointer(start)
        record.viewLength = length
        record.viewCount = fields
        record.line = line
        record.offset = chunkOffset + i
        return i + length + 1
    }

    /// Refuses NUL bytes; transcodes Windows-1252 to UTF-8, or validates
    /// UTF-8, for non-ASCII records.
    private func finishEncoding() {
        guard record.problem == nil else { return }
        let (any, lowest) = record.ownedBytes.withUnsafeBufferPointer { buf in
            var any: UInt8 = 0, lowest: UInt8 = 0xFF
            for b in buf { any |= b; lowest = min(lowest, b) }
            return (any, lowest)
        }
        if lowest == 0 { record.problem = .nulByte; return }
        if any < 0x80 { return }
        switch encoding {
        case .utf8:
            let ok = record.ownedBytes.withUnsafeBufferPointer { UTF8Check.isValid($0) }
            if !ok { record.problem = .badEncoding }
        case .cp1252:
            // Detected Windows-1252, but this (non-ASCII) row is well-formed
            // UTF-8: a mixed file. Stored as "SÃºdwest" it would be wrong
            // without a word.
            if !encodingForced, record.ownedBytes.withUnsafeBufferPointer({ UTF8Check.isValid($0) }) {
                record.problem = .mixedEncoding
                return
            }
            scratch.removeAll(keepingCapacity: true)
            var newEnds: [Int] = []
            newEnds.reserveCapacity(record.ownedEnds.count)
            var f = 0
            for (k, b) in record.ownedBytes.enumerated() {
                while f < record.ownedEnds.count && record.ownedEnds[f] == k { newEnds.append(scratch.count); f += 1 }
                if b < 0x80 { scratch.append(b); continue }
                guard let scalar = Windows1252.decode(b) else { record.problem = .badEncoding; return }
                scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            while f < record.ownedEnds.count { newEnds.append(scratch.count); f += 1 }
            swap(&record.ownedBytes, &scratch)
            record.ownedEnds = newEnds
        }
    }
}
