import RendementCore

// The fuzz harness of the import's reading side: the delimited-text reader,
// the header matching, the date and enumeration parsers and each kind's row
// validation, run on arbitrary bytes without a store. A failure is a trap
// (a Swift runtime error or one of the `precondition`s below); every
// rejection or unusable file is an expected outcome.
//
// Input: byte 0 configures the run, the rest is the file.
//   bits 0-2  kind: InputKind.allCases[value % 6]
//   bits 3-4  0 = read once; 1, 2, 3 = read again in chunks of 5, 17 or 256
//             bytes with the first read's delimiter and encoding, and require
//             the very same header and records (chunk boundaries must not matter)
//   bit  5    record limit of 48 bytes instead of 1 MiB (exercises `tooLong`)
//   bits 6-7  0 = detect, 1 = --delimiter ';', 2 = --encoding cp1252, 3 = --encoding utf8

/// What the harness saw for one input (for the corpus tests).
package struct FuzzOutcome: Sendable, Equatable {
    package var kind: InputKind = .bvh
    /// Why the file was unusable (reader or header), nil when it was read.
    package var problem: InputProblem?
    package var header: [String] = []
    /// Records after the header, as the importer counts `rows_read`.
    package var rowsRead = 0
    package var accepted = 0
    package var rejected: [RejectionReason: Int] = [:]
    /// Records the reader marked as unusable as a whole, by problem.
    package var recordProblems: [RawRecord.Problem: Int] = [:]
}

/// The harness's fixed settings.
package enum FuzzHarness {
    /// The import date: later dates are implausible.
    package static let today = Day(year: 2025, month: 12, day: 31)!
    /// The registry a clienten file is checked against (normalised name -> name).
    static let registry: [String: String] = {
        var out: [String: String] = [:]
        // The synthetic generator's registry (fuzz/seeds has clienten rows from it), and one more.
        for name in ["Midden-Brabant", "Rotterdam-Rijnmond", "Haaglanden", "Fryslân", "Twente", "Zuid-Holland Zuid", "Flevoland",
                     "Noord-Limburg", "De Markiezaten", "West Veluwe Vallei", "IJsselland", "Midden-Limburg", "'s-Hertogenbosch",
                     "Amsterdam-Amstelland", "Zaanstreek-Waterland", "Kennemerland", "Noord-Holland Noord", "Utrecht",
                     "Gooi en Vechtstreek", "Hollands Midden", "Zeeland", "Brabant-Noord", "Gelderland-Zuid", "Groningen",
                     "Zuid-Limburg", "Veiligheidshuis Utrecht"] {
            out[InputName.normalize(name)] = name
        }
        return out
    }()
    /// The instrument a Stappenmeter file is read with (the default definition).
    static let instrument: StappenmeterInstrument = {
        do throws(InputProblem) { return try StappenmeterDefinition.load(nil).instrument } catch { preconditionFailure("the embedded instrument does not read: \(error)") }
    }()
    static let secondChunkSizes = [0, 5, 17, 256]
    static let smallRecordLimit = 48
}

/// Runs the reading side of an import over `data` (see the layout above).
@discardableResult
package func fuzzImportInput(_ data: UnsafeRawBufferPointer) -> FuzzOutcome {
    var outcome = FuzzOutcome()
    guard let config = data.first else { return outcome }
    let bytes = Array(data.dropFirst())
    let kind = InputKind.allCases[Int(config & 7) % InputKind.allCases.count]
    outcome.kind = kind
    let secondChunk = FuzzHarness.secondChunkSizes[Int(config >> 3) & 3]
    let recordLimit = config & 0x20 != 0 ? FuzzHarness.smallRecordLimit : DelimitedReader.maxRecordBytes
    var forcedDelimiter: UInt8?, forcedEncoding: TextEncoding?
    switch config >> 6 {
    case 1: forcedDelimiter = UInt8(ascii: ";")
    case 2: forcedEncoding = .cp1252
    case 3: forcedEncoding = .utf8
    default: break
    }

    let reader: DelimitedReader
    do {
        reader = try DelimitedReader(bytes: bytes, maxRecordBytes: recordLimit, delimiter: forcedDelimiter, encoding: forcedEncoding)
    } catch {
        outcome.problem = error
        return outcome
    }
    outcome.header = reader.header
    precondition(reader.header.count <= DelimitedReader.maxColumns)

    // The same bytes in small chunks, with the settings the first read found.
    let second: DelimitedReader?
    if secondChunk > 0 {
        do {
            second = try DelimitedReader(bytes: bytes, chunkSize: secondChunk, maxRecordBytes: recordLimit,
                                         delimiter: reader.delimiter, encoding: reader.encoding,
                                         encodingDetected: forcedEncoding == nil)
        } catch {
            preconditionFailure("chunked read failed where the whole read did not: \(error)")
        }
        precondition(second!.header == reader.header, "chunked read: another header")
    } else {
        second = nil
    }

    let schema = kind == .stappenmeter ? InputSchema.stappenmeter(FuzzHarness.instrument) : InputSchema.of(kind)
    let dates = DateParser(today: FuzzHarness.today)
    let enumColumns = schema.columns.filter { $0.type == .enum }
    let enums = enumColumns.map { EnumParser(column: $0) }
    let lookups = enumColumns.map(\.enumLookup)

    var rows: KindRows?
    let policeTexts = TextInterner()
    var width = 0
    do {
        let map = try HeaderMap(header: reader.header, schema: schema)
        precondition(map.index.values.allSatisfy { $0 >= 0 && $0 < map.width })
        width = map.width
        let parser = RowParser(schema: schema, map: map, today: FuzzHarness.today)
        rows = switch kind {
        case .bvh: BVHRows(parser: parser)
        case .hks: HKSRows(parser: parser)
        case .clienten: try ClientRows(parser: parser, context: nil, registry: FuzzHarness.registry)
        case .veiligheidshuizen: try RegistryRows(parser: parser, context: nil)
        case .personen: PersonRows(parser: parser)
        case .stappenmeter: try StappenmeterRows(parser: parser, context: nil, registry: FuzzHarness.registry,
                                                 instrument: FuzzHarness.instrument)
        }
    } catch let e as InputProblem {
        outcome.problem = e
    } catch {
        preconditionFailure("row handler without a store failed: \(error)")
    }
    let columnNames = Set(schema.columns.map(\.name))

    while true {
        let record: RawRecord?
        do { record = try reader.next() } catch { preconditionFailure("in-memory read failed: \(error)") }
        let other: RawRecord?
        do { other = try second?.next() } catch { preconditionFailure("in-memory read failed: \(error)") }
        if second != nil {
            precondition((record == nil) == (other == nil), "chunked read: another number of records")
            if let record, let other {
                precondition(record.line == other.line && record.ends == other.ends && record.bytes == other.bytes
                             && record.problem == other.problem, "chunked read: another record at line \(record.line)")
            }
        }
        guard let record else { break }
        // A readable record has at least one field; one the reader gave up on (too long) may have none.
        precondition(record.count >= 1 || record.problem == .tooLong, "a record without fields")
        precondition((record.ends.last ?? 0) <= record.bytes.count && zip(record.ends, record.ends.dropFirst()).allSatisfy { $0 <= $1 })
        outcome.rowsRead += 1
        if let problem = record.problem {
            outcome.recordProblems[problem, default: 0] += 1
            if rows != nil {
                outcome.rejected[problem == .badEncoding ? .badEncoding : .wrongFieldCount, default: 0] += 1
                _ = record.strings  // the rejects file gets the fields
            }
            continue
        }

        // The fields read in place are the fields laid end to end.
        let laid = record.bytes, laidEnds = record.ends
        record.withFields { all in
            precondition(all.ends.count == laidEnds.count, "in-place read: another number of fields")
            for i in 0..<record.count {
                let start = i == 0 ? 0 : laidEnds[i - 1]
                precondition(Array(all.raw(i)) == Array(laid[start..<laidEnds[i]]), "in-place read: another field \(i)")
                // Every field through the field parsers, whatever its column.
                checkField(all[i], dates: dates, enums: enums, lookups: lookups)
            }
        }

        guard let rows else { continue }
        if record.count != width {
            outcome.rejected[.wrongFieldCount, default: 0] += 1
            _ = record.strings
            continue
        }
        var row = ParsedRow()
        var fault: RowFault?
        let texts = policeTexts
        record.withFields { f in
            do throws(RowFault) { _ = try rows.parse(f, into: &row) } catch { fault = error; return }
            // Police rows also become packed events (the import's next step).
            if let police = rows as? PoliceRows {
                let e = police.event(f, row, texts: texts)
                precondition(e.day == row.periodDay?.number, "the event's day is the pleegdatum")
            }
        }
        if let fault {
            precondition(fault.column.isEmpty || columnNames.contains(fault.column), "fault names an unknown column \(fault.column)")
            outcome.rejected[fault.reason, default: 0] += 1
            _ = record.strings
            continue
        }
        if let d = row.periodDay { precondition(d >= DateParser.earliest && d <= FuzzHarness.today) }
        if let birth = row.birth {
            precondition(birth.0 >= DateParser.earliest && birth.0 <= FuzzHarness.today && (0...2).contains(birth.1))
        }
        outcome.accepted += 1
    }
    return outcome
}

/// One field through the date parser (both forms), every enumeration of the
/// kind, the number and the persoon_id checks, with their invariants.
private func checkField(_ b: UnsafeBufferPointer<UInt8>, dates: DateParser, enums: [EnumParser], lookups: [[String: Int]]) {
    for partial in [false, true] {
        switch dates.parse(b, partial: partial) {
        case let .day(d, precision):
            precondition(d >= DateParser.earliest && d <= dates.today, "date out of range")
            precondition(precision == 0 || (partial && precision <= 2), "precision \(precision)")
            if precision == 0 {
                precondition(dates.parse(d.iso) == .day(d, precision: 0), "\(d.iso) does not parse back")
                precondition(dates.parse(d.dutch) == .day(d, precision: 0), "\(d.dutch) does not parse back")
            }
        case .empty: precondition(b.isEmpty)
        case .bad, .implausible: precondition(!b.isEmpty)
        }
    }
    if !b.isEmpty {
        let key = FieldBytes.normalizedKey(b)
        for (parser, lookup) in zip(enums, lookups) {
            let v = parser.parse(b)
            precondition(v == lookup[key], "enumeration cache disagrees with the lookup")
            precondition(parser.parse(b) == v)
        }
    }
    if let v = FieldBytes.int(b) { precondition(abs(v) <= 9_999_999_999) }
    if PersonID.isValid(b) { precondition(b.count <= PersonID.maxLength) }
}
