import Foundation
import RendementCore
import RendementStore

/// Imports extract files into the store, one file per transaction: either
/// the whole file (minus rejected rows) is imported, or nothing.
public final class Importer {
    public let store: Store
    public var options: ImportOptions
    /// Called with the fraction of the file read (from the import thread).
    public var progress: ((Double) -> Void)?
    private let interner: PersonInterner

    public init(store: Store, options: ImportOptions = ImportOptions()) {
        self.store = store
        self.options = options
        self.interner = PersonInterner(database: store.database)
        // Bulk-load settings for this connection. WAL keeps every transaction
        // atomic: a killed import leaves the store as it was.
        try? store.database.execute("PRAGMA cache_size = -131072; PRAGMA synchronous = NORMAL")
    }

    /// Imports one file of `kind`. Returns what was done; throws `ImportError`
    /// (nothing imported) when the file is unusable, too many rows are
    /// rejected, or the store fails.
    public func importFile(_ path: String, kind: InputKind) throws -> ImportSummary {
        do {
            return try run(path, kind)
        } catch let e as InputProblem {
            interner.invalidate()
            throw ImportError.unusableFile(path: path, problem: e)
        } catch let e as StoreError {
            interner.invalidate()
            throw ImportError.store(path: path, error: e)
        } catch let e as ImportSpillError {
            interner.invalidate()
            throw ImportError.temporaryFile(path: path, reason: e.description)
        } catch {
            interner.invalidate()
            throw error
        }
    }

    /// Stage timings on stderr when RENDEMENT_IMPORT_TIMING is set (for tuning).
    private static let timing = ProcessInfo.processInfo.environment["RENDEMENT_IMPORT_TIMING"] != nil
    nonisolated(unsafe) private static var clock = Date()
    static func lap(_ label: String) {
        guard timing else { return }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "[timing] %@ %.2fs\n", label, now.timeIntervalSince(clock)).utf8))
        clock = now
    }

    /// With timing on: the CPU time of the calling thread for a stage run on it.
    static func threadCPU(_ label: String, since start: Double) {
        guard timing else { return }
        FileHandle.standardError.write(Data(String(format: "[timing] %@ thread CPU %.2fs\n", label, threadCPUSeconds() - start).utf8))
    }

    /// CPU seconds used by the calling thread.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    private static func now() -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date())
    }

    private func run(_ path: String, _ kind: InputKind) throws -> ImportSummary {
        let reader = try DelimitedReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        if options.instrumentPath != nil && kind != .stappenmeter {
            throw InputProblem.badInstrument("--instrument applies to import stappenmeter")
        }
        let instrument = kind == .stappenmeter ? try StappenmeterDefinition.load(options.instrumentPath) : nil
        let schema = instrument.map { InputSchema.stappenmeter($0.instrument) } ?? InputSchema.of(kind)
        let mapping = try options.mappingPath.map { p throws(InputProblem) in try HeaderMap.loadMapping(p) } ?? [:]
        let map = try HeaderMap(header: reader.header, schema: schema, mapping: mapping)
        if options.renamePath != nil && kind != .veiligheidshuizen {
            throw InputProblem.badRename("--rename applies to import veiligheidshuizen --replace")
        }
        let registryRules = kind == .veiligheidshuizen
            ? try RegistryRules(file: RegistryFile(path: path, options: options, map: map), renamePath: options.renamePath) : nil
        try registryRules?.checkFile()
        let registry = kind == .clienten || kind == .stappenmeter ? try Self.clientRegistry(store) : [:]
        Self.lap("open")
        // The content hash decides whether the file was imported before. Only
        // a live import of the same kind and byte size can have the same
        // content; when there is none, the hash is computed on another thread
        // while the file is imported (it is checked again before commit).
        let sameSize = (try store.database.scalar("""
            SELECT count(*) FROM imports WHERE kind = ? AND replaced_at IS NULL AND (file_size IS NULL OR file_size = ?)
            """, [kind.rawValue, reader.fileSize]) ?? 0) > 0
        var sha = ""
        var background: BackgroundDigest?
        if sameSize {
            sha = try FileDigest.sha256(path)
        } else {
            background = BackgroundDigest(path: path)
        }
        Self.lap("sha256")
        let fileName = (path as NSString).lastPathComponent
        var label = options.label ?? fileName
        if options.label == nil, let dot = label.lastIndex(of: "."), dot != label.startIndex { label = String(label[..<dot]) }
        var summary = ImportSummary(file: path, kind: kind, label: label, importID: 0)
        summary.encoding = reader.encoding
        summary.delimiter = reader.delimiter
        summary.extraColumns = map.extraColumns
        let definitionFile = self.options.instrumentPath.map { " (\(($0 as NSString).lastPathComponent))" } ?? " (default)"
        summary.instrument = instrument.map { i in
            "\(i.instrument.name), \(i.instrument.steps.count) steps, scale \(i.instrument.scale.min)-\(i.instrument.scale.max)" + definitionFile
        }
        summary.dateForms = try DateFormSurvey(path: path, schema: schema, map: map, options: options).forms
        if sameSize, let prior = try store.liveImport(sha256: sha, kind: kind) {
            summary.alreadyImported = true
            summary.importID = prior.id
            summary.alreadyImportedAt = prior.finishedAt
            return summary
        }

        let db = store.database
        let options = self.options
        let rejects = try RejectsWriter(path: RejectsWriter.path(for: path, directory: options.rejectsDirectory), header: reader.header)
        defer { rejects.discard() }  // after commit() there is nothing left to discard
        interner.resetCount()
        // The importer itself guarantees the references (import ids it just
        // inserted, person keys from the interner); per-row foreign key
        // checks would cost a B-tree lookup per referenced table per row.
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = ON") }
        defer { _ = try? background?.wait() }
        let result: ImportSummary
        do {
          result = try db.transaction {
            // Again under the write lock: another process may have imported
            // the same content while this one waited for the store (when the
            // hash is still being computed, it is checked before commit).
            if !sha.isEmpty, let prior = try store.liveImport(sha256: sha, kind: kind) { throw AlreadyImported(record: prior) }
            let started = Self.now()
            var touched = Set<Int64>()
            if options.replace, let old = try store.liveImport(label: label, kind: kind) {
                try db.prepare("UPDATE imports SET replaced_at = ? WHERE import_id = ?").run([started, old.id])
                let s = try db.prepare("SELECT DISTINCT person_key FROM person_observations WHERE import_id = ?")
                for k in try s.rows([old.id], { $0.int(0) }) { touched.insert(k) }
                if let histories = Store.historyTable(kind) {
                    let h = try db.prepare("SELECT person_key FROM \(histories) WHERE import_id = ? AND length(attributes) > 0")
                    for k in try h.rows([old.id], { $0.int(0) }) { touched.insert(k) }
                }
                if kind == .stappenmeter {
                    try store.deleteStappenmeter(importID: old.id)
                } else if let table = Self.table(kind) ?? Store.historyTable(kind) {
                    try db.prepare("DELETE FROM \(table) WHERE import_id = ?").run([old.id])
                }
                try db.prepare("DELETE FROM person_observations WHERE import_id = ?").run([old.id])
                summary.replacedImportID = old.id
            }
            try db.prepare("""
                INSERT INTO imports(kind, label, file_name, sha256, rows_read, rows_imported, duplicates, rejected,
                                    started_at, finished_at, tool_version)
                VALUES (?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?)
                """).run([kind.rawValue, label, fileName, sha, started, started, RendementCoreVersion.string])
            let importID = db.lastInsertRowID
            summary.importID = importID
            if let instrument { try store.saveStappenmeterInstrument(importID: importID, instrument.instrument, definition: instrument.text) }
            if let registryRules {
                summary.registryRenames = try registryRules.apply(store: store, importID: importID, replaced: summary.replacedImportID)
            }
            let ctx = ImportContext(database: db, interner: interner, importID: importID)
            let parser = RowParser(schema: schema, map: map, today: options.today)
            let rows: KindRows = switch kind {
            case .bvh: BVHRows(parser: parser)
            case .hks: HKSRows(parser: parser)
            case .clienten: try ClientRows(parser: parser, context: ctx, registry: registry)
            case .veiligheidshuizen: try RegistryRows(parser: parser, context: ctx)
            case .personen: PersonRows(parser: parser)
            case .stappenmeter: try StappenmeterRows(parser: parser, context: ctx, registry: registry, instrument: instrument!.instrument)
            }
            let indexes = rows.table.map { Store.bulkIndexes(of: $0) } ?? []
            for index in indexes { try db.execute("DROP INDEX IF EXISTS \(index.name)") }

            // Police rows go through a temporary file and are written as
            // per-person histories after reading (see EventSpill, HistoryWriter).
            let police = kind.isPoliceExtract
            let spill = police ? try EventSpill(storePath: db.path) : nil
            let texts = police ? try TextInterner(database: db) : nil
            try readRows(reader: reader, map: map, rows: rows, rejects: rejects, context: ctx, summary: &summary, path: path,
                         spill: spill, texts: texts)
            try rejects.flush()
            try spill?.finish()
            Self.lap("rows")
            if summary.rowsRead > 0, Double(summary.rejected) / Double(summary.rowsRead) > options.maxRejectRate {
                try rejects.commit()  // the rows that made the file fail, for the user to see
                throw ImportError.tooManyRejects(path: path, rejected: summary.rejected, read: summary.rowsRead,
                                                 maxRate: options.maxRejectRate, first: summary.firstRejects.first)
            }
            for index in indexes { try db.execute(index.sql) }
            Self.lap("index")
            var gapsJSON = "{}"
            var newConflicts = (birth: 0, sex: 0, persons: 0)
            if let spill, let texts {
                try texts.writeNew(to: db)
                let writer = try HistoryWriter(kind: kind, database: db, importID: importID, firstNewPerson: interner.firstNewKey)
                try writer.write(spill)
                summary.rowsImported = writer.rowsImported
                summary.duplicates = writer.duplicates
                touched.formUnion(writer.observed)
                newConflicts = writer.conflicts
                gapsJSON = ImportSummary.countsJSON(writer.gaps)
                Self.lap("histories")
            }

            try ctx.observations.write(to: db, importID: importID, kind: kind)
            touched.formUnion(ctx.observations.persons)
            Self.lap("observations")
            (summary.birthConflicts, summary.sexConflicts, summary.personsWithConflicts) = try PersonResolver.resolve(db, persons: touched)
            summary.birthConflicts += newConflicts.birth
            summary.sexConflicts += newConflicts.sex
            summary.personsWithConflicts += newConflicts.persons
            summary.newPersons = interner.added
            Self.lap("resolve")

            if let background { sha = try background.wait() }
            if let other = try db.scalar("""
                SELECT import_id FROM imports WHERE sha256 = ? AND kind = ? AND replaced_at IS NULL AND import_id != ?
                """, [sha, kind.rawValue, importID]), let prior = try store.imports().first(where: { $0.id == other }) {
                // Imported meanwhile by another process: this import is rolled back.
                throw AlreadyImported(record: prior)
            }
            if kind.isPoliceExtract {
                summary.periodFrom = options.periodFrom ?? (ctx.minDay <= ctx.maxDay ? Day(number: ctx.minDay) : nil)
                summary.periodTo = options.periodTo ?? (ctx.minDay <= ctx.maxDay ? Day(number: ctx.maxDay) : nil)
            }
            try db.prepare("""
                UPDATE imports SET period_from = ?, period_to = ?, rows_read = ?, rows_imported = ?, duplicates = ?,
                    rejected = ?, rejected_by_reason = ?, attribute_conflicts = ?, finished_at = ?, field_gaps = ?,
                    sha256 = ?, file_size = ? WHERE import_id = ?
                """).run([summary.periodFrom.map { Int($0.number) }, summary.periodTo.map { Int($0.number) },
                          summary.rowsRead, summary.rowsImported, summary.duplicates, summary.rejected,
                          summary.rejectedJSON, summary.personsWithConflicts, Self.now(), gapsJSON, sha, reader.fileSize, importID])
            try rejects.commit()
            if rejects.created { summary.rejectsFile = rejects.path }
            return summary
          }
        } catch let already as AlreadyImported {
            interner.invalidate()
            summary.alreadyImported = true
            summary.importID = already.record.id
            summary.alreadyImportedAt = already.record.finishedAt
            summary.rejectsFile = nil
            return summary
        }
        Self.lap("commit")
        return result
    }

    /// The names a clienten row may use, by matching key (`InputName.normalize`):
    /// the live registry (checked: each name once), and the old names of
    /// renamed Veiligheidshuizen, which lead to their new name while that is
    /// in the registry and the old one is not (chains of renames followed).
    static func clientRegistry(_ store: Store) throws -> [String: String] {
        var registry: [String: String] = [:]
        for v in try store.registry() { registry[InputName.normalize(v.name)] = v.name }
        if registry.isEmpty { throw InputProblem.emptyRegistry }
        let renames = try store.registryRenames()
        var changed = true
        while changed {
            changed = false
            for r in renames where registry[InputName.normalize(r.oldName)] == nil {
                if let live = registry[InputName.normalize(r.newName)] { registry[InputName.normalize(r.oldName)] = live; changed = true }
            }
        }
        return registry
    }

    /// The same content became a live import while this one ran.
    private struct AlreadyImported: Error { let record: ImportRecord }

    /// The row table of a kind (police kinds are stored as histories).
    static func table(_ kind: InputKind) -> String? {
        switch kind {
        case .bvh, .hks: nil
        case .clienten: "registrations"
        case .veiligheidshuizen: "veiligheidshuizen"
        case .personen: nil
        case .stappenmeter: "stappenmeter_forms"
        }
    }

    /// The row loop, in two stages on the two cores: a reading thread
    /// (read, validate, reject, assign person keys) and this thread (insert
    /// persons, and rows of the small kinds, into the store). Police
    /// extracts of 64 MiB or more are read in two halves at once
    /// (`SecondHalf`); this thread then mostly waits.
    private func readRows(reader: DelimitedReader, map: HeaderMap, rows: KindRows, rejects: RejectsWriter,
                          context: ImportContext, summary: inout ImportSummary, path: String,
                          spill: EventSpill?, texts: TextInterner?) throws {
        if rows.personColumn >= 0 { try context.interner.prepare() }
        var second: SecondHalf?
        if spill != nil, texts != nil, options.failAfterRows == nil, options.splitReads, reader.fileSize >= options.splitReadMinimumSize,
           let offset = DelimitedReader.lineStart(in: path, near: reader.fileSize / 2), offset < reader.fileSize {
            let half = try SecondHalf(offset: offset, database: context.database, importID: context.importID,
                                      storePath: context.database.path, rejectsPath: rejects.path, header: reader.header)
            // Its own row handler: the parsers remember spellings (not shared across threads).
            let parser = RowParser(schema: InputSchema.of(summary.kind), map: map, today: options.today)
            let ownRows: KindRows = summary.kind == .bvh ? BVHRows(parser: parser) : HKSRows(parser: parser)
            half.start(first: reader, rows: ownRows, width: map.width, path: path)
            second = half
        }
        let channel = BatchChannel()
        let producer = RowProducer(reader: reader, rows: rows, rejects: rejects, context: context, channel: channel,
                                   width: map.width, failAfter: options.failAfterRows ?? Int.max, path: path, progress: progress,
                                   spill: spill, texts: texts, stopAt: second?.offset)
        producer.start()
        let personColumn = rows.personColumn
        let interner = context.interner
        do {
            while let batch = channel.take() {
                try batch.forEach { i, f in
                    if batch.isNew[i] { try interner.insert(key: batch.persons[i], f[personColumn]) }
                    try rows.insert(f, batch.rows[i], person: batch.persons[i])
                }
                try interner.flushInserts()
                channel.recycle(batch)
            }
        } catch {
            channel.cancel()
            producer.wait()
            second?.cancel(); second?.wait(); second?.discard()
            throw error
        }
        producer.wait()
        if let error = producer.error {
            second?.cancel(); second?.wait(); second?.discard()
            throw error
        }
        summary.rowsRead = producer.rowsRead
        summary.rowsImported = producer.imported
        summary.duplicates = producer.duplicates
        summary.rejectedByReason = producer.rejectedByReason
        summary.firstRejects = producer.firstRejects
        if let second {
            second.wait()
            Self.lap(producer.splitFailed ? "first half (split point inside a quoted field: read alone)" : "first half")
            if producer.splitFailed {
                second.discard()
            } else {
                do {
                    try second.merge(into: spill!, globalInterner: interner, globalTexts: texts!, firstContext: context,
                                     rejectsFile: rejects, summary: &summary)
                } catch {
                    second.discard()
                    throw error
                }
                Self.lap("second half merged")
            }
        }
    }
}
