import Foundation
import RendementCore
import RendementStore

/// The second half of a large police extract, read on its own thread while
/// the first half is read as usual: a split read that uses both cores.
///
/// It starts at the first line break after the middle of the file, which
/// is a record boundary unless that line break is inside a quoted field;
/// the first half's reader checks this when it reaches the split point and,
/// if the split was wrong, simply reads on and this half is discarded. Its
/// persons and texts get local numbers that `merge` maps to the store's
/// keys afterwards, in the order they first appear, so the store is the same
/// as after a single read; its rejects go to a side file appended to the
/// rejects file in line order.
final class SecondHalf: @unchecked Sendable {
    let offset: Int
    let spill: EventSpill
    let texts = TextInterner()
    let interner: PersonInterner
    let context: ImportContext
    let rejects: RejectsWriter
    private let channel = BatchChannel()
    private let done = DispatchSemaphore(value: 0)
    private(set) var producer: RowProducer?
    private(set) var error: Error?
    private var firstReader: DelimitedReader?
    private var rows: KindRows?

    init(offset: Int, database: Database, importID: Int64, storePath: String, rejectsPath: String, header: [String]) throws {
        self.offset = offset
        spill = try EventSpill(storePath: storePath)
        interner = PersonInterner.local(database: database)
        context = ImportContext(database: database, interner: interner, importID: importID)
        rejects = try RejectsWriter(path: rejectsPath + ".part2", header: header)
    }

    /// Starts reading on a new thread.
    func start(first: DelimitedReader, rows: KindRows, width: Int, path: String) {
        firstReader = first
        self.rows = rows
        let thread = Thread { [self] in
            do {
                guard let first = firstReader, let rows = self.rows else { return }
                let line = try DelimitedReader.lineNumber(in: path, at: offset)
                let reader = try DelimitedReader(continuing: first, at: offset, line: line)
                let p = RowProducer(reader: reader, rows: rows, rejects: rejects, context: context, channel: channel, width: width,
                                    failAfter: .max, path: path, progress: nil, spill: spill, texts: texts, collectsNewPersons: true)
                producer = p
                try p.runHere()
                try spill.finish()
            } catch {
                self.error = error
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Asks the thread to stop early (the first half failed).
    func cancel() { channel.cancel() }

    func wait() { done.wait() }

    /// Drops this half (a wrong split or a failed import).
    func discard() { rejects.discard() }

    /// Adds this half to the first: maps its persons and texts to store keys
    /// (inserting new persons), appends its rows to `into` and its rejects to
    /// `rejectsFile`, and adds its counts to `summary` and its period to
    /// `firstContext`.
    func merge(into target: EventSpill, globalInterner: PersonInterner, globalTexts: TextInterner, firstContext: ImportContext,
               rejectsFile: RejectsWriter, summary: inout ImportSummary) throws {
        if let error { throw error }
        guard let p = producer else { return }
        // Persons in order of first appearance in this half: keys first (in
        // memory), then the new ones are inserted on this thread while a
        // worker moves this half's rows into the first half's spill.
        var personKeys = [UInt32](repeating: 0, count: p.newPersonEnds.count)
        var inserts: [(key: Int64, start: Int, end: Int)] = []
        p.newPersonBytes.withUnsafeBufferPointer { all in
            var start = 0
            for (i, end) in p.newPersonEnds.enumerated() {
                let (key, isNew) = globalInterner.assign(UnsafeBufferPointer(rebasing: all[start..<end]))
                if isNew { inserts.append((key, start, end)) }
                personKeys[i] = UInt32(key)
                start = end
            }
        }
        var textIDs = [UInt32](repeating: 0, count: texts.newTexts.count + 1)
        for (id, text) in texts.newTexts { textIDs[Int(id)] = globalTexts.id(of: text) }
        let move = SpillMove(from: spill, to: target, personKeys: personKeys, textIDs: textIDs)
        move.start()
        do {
            try p.newPersonBytes.withUnsafeBufferPointer { all in
                for x in inserts { try globalInterner.insert(key: x.key, UnsafeBufferPointer(rebasing: all[x.start..<x.end])) }
            }
            try globalInterner.flushInserts()
        } catch {
            move.wait()
            throw error
        }
        move.wait()
        if let error = move.error { throw error }
        try rejectsFile.append(contentsOf: rejects)
        if context.minDay <= context.maxDay {
            firstContext.period(Day(number: context.minDay))
            firstContext.period(Day(number: context.maxDay))
        }
        summary.rowsRead += p.rowsRead
        summary.rowsImported += p.imported
        for (reason, n) in p.rejectedByReason { summary.rejectedByReason[reason, default: 0] += n }
        for r in p.firstRejects where summary.firstRejects.count < 5 { summary.firstRejects.append(r) }
    }
}

/// Moves the rows of the second half's spill into the first half's, with
/// person keys and text ids mapped, on its own thread.
final class SpillMove: @unchecked Sendable {
    private let source: EventSpill, target: EventSpill
    private let personKeys: [UInt32], textIDs: [UInt32]
    private let done = DispatchSemaphore(value: 0)
    private(set) var error: Error?

    init(from source: EventSpill, to target: EventSpill, personKeys: [UInt32], textIDs: [UInt32]) {
        self.source = source
        self.target = target
        self.personKeys = personKeys
        self.textIDs = textIDs
    }

    func start() {
        Thread { [self] in
            do {
                let most = (0..<source.bucketCount).map(source.rows(inBucket:)).max() ?? 0
                let rows = UnsafeMutableBufferPointer<SpilledEvent>.allocate(capacity: most)
                defer { rows.deallocate() }
                for bucket in 0..<source.bucketCount {
                    try source.read(bucket: bucket, into: rows.baseAddress!)
                    for var r in rows[0..<source.rows(inBucket: bucket)] {
                        r.person = personKeys[Int(r.person)]
                        r.event.code = textIDs[Int(r.event.code)]
                        r.event.place = textIDs[Int(r.event.place)]
                        try target.append(r)
                    }
                }
            } catch {
                self.error = error
            }
            done.signal()
        }.start()
    }

    func wait() { done.wait() }
}
