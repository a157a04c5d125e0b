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

    private static func now() -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date())
    }

    private func run(_ path: String, _ kind: InputKind) throws -> ImportSummary {
        let reader = try DelimitedReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        let schema = InputSchema.of(kind)
        let mapping = try options.mappingPath.map { p throws(InputProblem) in try HeaderMap.loadMapping(p) } ?? [:]
        let map = try HeaderMap(header: reader.header, schema: schema, mapping: mapping)
        var registry: [String: String] = [:]
        if kind == .clienten {
            for v in try store.veiligheidshuizen() { registry[InputName.normalize(v.name)] = v.name }
            if registry.isEmpty { throw InputProblem.emptyRegistry }
        }
        Self.lap("open")
        let sha = try FileDigest.sha256(path)
        Self.lap("sha256")
        let fileName = (path as NSString).lastPathComponent
        var label = options.label ?? fileName
        if options.label == nil, let dot = label.lastIndex(of: "."), dot != label.startIndex { label = String(label[..<dot]) }
        var summary = ImportSummary(file: path, kind: kind, label: label, importID: 0)
        summary.encoding = reader.encoding
        summary.delimiter = reader.delimiter
        summary.extraColumns = map.extraColumns
        if let prior = try store.liveImport(sha256: sha, kind: kind) {
            summary.alreadyImported = true
            summary.importID = prior.id
            summary.alreadyImportedAt = prior.finishedAt
            return summary
        }

        let db = store.database
        let options = self.options
        let rejects = RejectsWriter(path: RejectsWriter.path(for: path, directory: options.rejectsDirectory), header: reader.header)
        defer { rejects.close() }
        interner.resetCount()
        // The importer itself guarantees the references (import ids it just
        // inserted, person keys from the interner); per-row foreign key
        // checks would cost a B-tree lookup per referenced table per row.
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = ON") }
        let result = try db.transaction {
            // Again under the write lock: another process may have imported
            // the same content while this one waited for the store.
            if let prior = try store.liveImport(sha256: sha, kind: kind) {
                summary.alreadyImported = true
                summary.importID = prior.id
                summary.alreadyImportedAt = prior.finishedAt
                return summary
            }
            let started = Self.now()
            var touched = Set<Int64>()
            if options.replace, let old = try store.liveImport(label: label, kind: kind) {
                try db.prepare("UPDATE imports SET replaced_at = ? WHERE import_id = ?").run([started, old.id])
                let s = try db.prepare("SELECT DISTINCT person_key FROM person_observations WHERE import_id = ?")
                for k in try s.rows([old.id], { $0.int(0) }) { touched.insert(k) }
                if let table = Self.table(kind) { try db.prepare("DELETE FROM \(table) WHERE import_id = ?").run([old.id]) }
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
            let ctx = ImportContext(database: db, interner: interner, importID: importID)
            let parser = RowParser(schema: schema, map: map, today: options.today)
            let rows: KindRows = switch kind {
            case .bvh: try BVHRows(parser: parser, context: ctx)
            case .hks: try HKSRows(parser: parser, context: ctx)
            case .clienten: try ClientRows(parser: parser, context: ctx, registry: registry)
            case .veiligheidshuizen: try RegistryRows(parser: parser, context: ctx)
            case .personen: PersonRows(parser: parser)
            }
            let indexes = rows.table.map { Store.bulkIndexes(of: $0) } ?? []
            for index in indexes { try db.execute("DROP INDEX IF EXISTS \(index.name)") }

            try readRows(reader: reader, map: map, rows: rows, rejects: rejects, context: ctx, summary: &summary, path: path)
            try rejects.flush()
            Self.lap("rows")
            if summary.rowsRead > 0, Double(summary.rejected) / Double(summary.rowsRead) > options.maxRejectRate {
                throw ImportError.tooManyRejects(path: path, rejected: summary.rejected, read: summary.rowsRead,
                                                 maxRate: options.maxRejectRate, first: summary.firstRejects.first)
            }
            for index in indexes { try db.execute(index.sql) }
            Self.lap("index")

            try ctx.observations.write(to: db, importID: importID, kind: kind)
            touched.formUnion(ctx.observations.persons)
            Self.lap("observations")
            (summary.birthConflicts, summary.sexConflicts, summary.personsWithConflicts) = try PersonResolver.resolve(db, persons: touched)
            summary.newPersons = interner.added
            Self.lap("resolve")

            if kind.isPoliceExtract {
                summary.periodFrom = options.periodFrom ?? (ctx.minDay <= ctx.maxDay ? Day(number: ctx.minDay) : nil)
                summary.periodTo = options.periodTo ?? (ctx.minDay <= ctx.maxDay ? Day(number: ctx.maxDay) : nil)
            }
            try db.prepare("""
                UPDATE imports SET period_from = ?, period_to = ?, rows_read = ?, rows_imported = ?, duplicates = ?,
                    rejected = ?, rejected_by_reason = ?, attribute_conflicts = ?, finished_at = ? WHERE import_id = ?
                """).run([summary.periodFrom.map { Int($0.number) }, summary.periodTo.map { Int($0.number) },
                          summary.rowsRead, summary.rowsImported, summary.duplicates, summary.rejected,
                          summary.rejectedJSON, summary.personsWithConflicts, Self.now(), importID])
            if rejects.created { summary.rejectsFile = rejects.path }
            return summary
        }
        Self.lap("commit")
        return result
    }

    static func table(_ kind: InputKind) -> String? {
        switch kind {
        case .bvh: "bvh_events"
        case .hks: "hks_offences"
        case .clienten: "registrations"
        case .veiligheidshuizen: "veiligheidshuizen"
        case .personen: nil
        }
    }

    /// The row loop, in two stages on the two cores: a reading thread
    /// (read, validate, drop duplicates, reject, assign person keys) and this
    /// thread (insert persons and rows into the store).
    private func readRows(reader: DelimitedReader, map: HeaderMap, rows: KindRows, rejects: RejectsWriter,
                          context: ImportContext, summary: inout ImportSummary, path: String) throws {
        try context.interner.prepare()
        let channel = BatchChannel()
        let producer = RowProducer(reader: reader, rows: rows, rejects: rejects, context: context, channel: channel,
                                   width: map.width, failAfter: options.failAfterRows ?? Int.max, path: path, progress: progress)
        producer.start()
        let personColumn = rows.personColumn
        let interner = context.interner
        do {
            while let batch = channel.take() {
                try batch.forEach { i, f in
                    if batch.isNew[i] { try interner.insert(key: batch.persons[i], f[personColumn]) }
                    try rows.insert(f, batch.rows[i], person: batch.persons[i])
                }
                channel.recycle(batch)
            }
        } catch {
            channel.cancel()
            producer.wait()
            throw error
        }
        producer.wait()
        if let error = producer.error { throw error }
        summary.rowsRead = producer.rowsRead
        summary.rowsImported = producer.imported
        summary.duplicates = producer.duplicates
        summary.rejectedByReason = producer.rejectedByReason
        summary.firstRejects = producer.firstRejects
    }
}
