import Foundation
import RendementCore

/// The reading stage of an import, run on its own thread: reads records,
/// validates them, drops duplicates, rejects (rejects file, counts), assigns
/// person keys, aggregates person observations and the period, and hands
/// batches of good rows to the store thread through a `BatchChannel`.
final class RowProducer: @unchecked Sendable {
    let reader: DelimitedReader
    let rows: KindRows
    let rejects: RejectsWriter
    let context: ImportContext
    let channel: BatchChannel
    let width: Int
    let failAfter: Int
    let path: String
    let progress: ((Double) -> Void)?
    /// For police kinds: where validated rows go (instead of batches).
    let spill: EventSpill?
    let texts: TextInterner?
    /// Speculative first half: stop at the first record that starts at or
    /// after this offset (where the second half's reader began).
    let stopAt: Int?
    /// Second half: new persons are collected here (in order of their local
    /// keys) instead of being sent to the store thread.
    let collectsNewPersons: Bool
    @exclusivity(unchecked) private(set) var newPersonBytes: [UInt8] = []
    @exclusivity(unchecked) private(set) var newPersonEnds: [Int] = []
    /// Set when a record crossed `stopAt` (the split was inside a quoted
    /// field): this producer then read on to the end of the file.
    @exclusivity(unchecked) private(set) var splitFailed = false
    private let done = DispatchSemaphore(value: 0)

    @exclusivity(unchecked) var rowsRead = 0, imported = 0, duplicates = 0
    @exclusivity(unchecked) var rejectedByReason: [RejectionReason: Int] = [:]
    @exclusivity(unchecked) var firstRejects: [ImportSummary.Reject] = []
    @exclusivity(unchecked) var error: Error?

    init(reader: DelimitedReader, rows: KindRows, rejects: RejectsWriter, context: ImportContext, channel: BatchChannel,
         width: Int, failAfter: Int, path: String, progress: ((Double) -> Void)?,
         spill: EventSpill? = nil, texts: TextInterner? = nil, stopAt: Int? = nil, collectsNewPersons: Bool = false) {
        self.stopAt = stopAt
        self.collectsNewPersons = collectsNewPersons
        self.spill = spill
        self.texts = texts
        self.reader = reader
        self.rows = rows
        self.rejects = rejects
        self.context = context
        self.channel = channel
        self.width = width
        self.failAfter = failAfter
        self.path = path
        self.progress = progress
    }

    func start() {
        let thread = Thread { [self] in
            do { try run() } catch { self.error = error }
            channel.finish()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Reads on the calling thread (the second half of a split read).
    func runHere() throws { try run() }

    /// Blocks until the reading thread has finished.
    func wait() { done.wait() }

    private func reject(_ record: RawRecord, _ fault: RowFault) throws {
        rejectedByReason[fault.reason, default: 0] += 1
        let r = ImportSummary.Reject(line: record.line, column: fault.column, reason: fault.reason, message: fault.message, got: fault.got)
        if firstRejects.count < 5 { firstRejects.append(r) }
        try rejects.write(r, fields: record.strings)
    }

    private func run() throws {
        let cpu = Importer.threadCPUSeconds()
        defer { Importer.threadCPU(collectsNewPersons ? "reading second half" : stopAt != nil ? "reading first half" : "reading", since: cpu) }
        let police = rows as? PoliceRows
        var seen = Set<UInt64>(minimumCapacity: police == nil ? min(reader.fileSize / 80, 1 << 26) : 0)
        let personColumn = rows.personColumn
        let interner = context.interner
        var batch = channel.emptyBatch()
        var stop = stopAt ?? Int.max
        let record = reader.current
        while try reader.advance() {
            if record.offset >= stop { break }
            if reader.offset > stop {
                // The split point was inside this record: no valid split.
                splitFailed = true
                stop = Int.max
            }
            rowsRead += 1
            if rowsRead & 0xFFFF == 0 {
                if let progress { progress(Double(reader.bytesConsumed) / Double(max(1, reader.fileSize))) }
                if collectsNewPersons && channel.isCancelled { return }
            }
            if let problem = record.problem {
                switch problem {
                case .tooLong:
                    try reject(record, RowFault(column: "", reason: .wrongFieldCount, message: "the record is longer than 1 MiB (an unbalanced quote?)", got: ""))
                case .unterminatedQuote:
                    try reject(record, RowFault(column: "", reason: .wrongFieldCount, message: "a quoted field is not closed before the end of the file", got: ""))
                case .badEncoding:
                    try reject(record, RowFault(column: "", reason: .badEncoding, message: "the bytes are not valid \(reader.encoding == .utf8 ? "UTF-8" : "Windows-1252") (use --encoding)", got: ""))
                case .nulByte:
                    try reject(record, RowFault(column: "", reason: .badEncoding, message: "the row contains NUL bytes (binary data); expected text", got: ""))
                case .mixedEncoding:
                    try reject(record, RowFault(column: "", reason: .badEncoding, message: "the row is UTF-8 in a file read as Windows-1252 (mixed encodings; use --encoding to force one)", got: ""))
                }
                continue
            }
            if record.count != width {
                try reject(record, RowFault(column: "", reason: .wrongFieldCount, message: "expected \(width) fields as in the header, got \(record.count)", got: ""))
                continue
            }
            var fault: RowFault?
            var row = ParsedRow()
            var person: Int64 = 0, isNew = false, keep = false
            var spilled: SpilledEvent?
            record.withFields { f in
                // The pseudonym's slot in the (large) person table is fetched while the row is validated.
                let personHash = ByteKeyTable.hash(f[personColumn])
                interner.prefetch(hash: personHash)
                let hash: UInt64
                do throws(RowFault) { hash = try rows.parse(f, into: &row) } catch { fault = error; return }
                if let police {
                    // Duplicates of police rows are dropped per person when the histories are written.
                    (person, isNew) = interner.assign(f[personColumn], hash: personHash)
                    spilled = SpilledEvent(event: police.event(f, row, texts: texts!), rowHash: hash, person: UInt32(person),
                                           birth: row.birth.map { $0.0.number } ?? SpilledEvent.noBirth,
                                           birthPrecision: UInt8(row.birth?.1 ?? 0), sex: row.sex.map(UInt8.init) ?? SpilledEvent.noSex)
                    keep = true
                    return
                }
                if !seen.insert(hash).inserted { duplicates += 1; return }
                if personColumn >= 0 { (person, isNew) = interner.assign(f[personColumn], hash: personHash) }
                keep = true
            }
            if let fault { try reject(record, fault); continue }
            guard keep else { continue }
            if let d = row.periodDay { context.period(d) }
            if let spilled {
                try spill!.append(spilled)
                // Only new persons go to the store thread (to be inserted while reading goes on).
                if isNew {
                    if collectsNewPersons {
                        record.withFields { newPersonBytes.append(contentsOf: $0[personColumn]) }
                        newPersonEnds.append(newPersonBytes.count)
                    } else {
                        batch.append(record, row, person: person, isNew: true)
                    }
                }
            } else {
                context.observe(person, birth: row.birth, sex: row.sex)
                batch.append(record, row, person: person, isNew: isNew)
            }
            imported += 1
            if batch.isFull {
                guard channel.put(batch) else { return }
                batch = channel.emptyBatch()
            }
            if imported >= failAfter {
                _ = channel.put(batch)
                throw ImportError.aborted(path: path, afterRows: imported)
            }
        }
        if batch.count > 0 { _ = channel.put(batch) }
        progress?(1)
    }
}
