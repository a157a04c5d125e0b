import Foundation
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementImport
import RendementReports

extension Pipeline {
    /// One input file of the configuration, with typed values.
    public struct Input: Codable, Sendable, Equatable {
        public var kind: InputKind
        public var file: String
        public var mapping: String?
        public var periodFrom: Day?
        public var periodTo: Day?
        /// The field delimiter byte (`,` `;` or TAB), nil to detect it.
        public var delimiter: UInt8?
        public var encoding: TextEncoding?
        /// A Stappenmeter file's instrument definition (nil: the default).
        public var instrument: String?

        public init(kind: InputKind, file: String, mapping: String? = nil, periodFrom: Day? = nil, periodTo: Day? = nil,
                    delimiter: UInt8? = nil, encoding: TextEncoding? = nil, instrument: String? = nil) {
            self.kind = kind; self.file = file; self.mapping = mapping; self.periodFrom = periodFrom
            self.periodTo = periodTo; self.delimiter = delimiter; self.encoding = encoding; self.instrument = instrument
        }

        enum CodingKeys: String, CodingKey {
            case kind, file, mapping, periode_van, periode_tot, delimiter, encoding, instrument
        }

        /// Decodes strictly, with the same parsers as `rendement import`'s flags.
        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: ["kind", "file", "mapping", "periode_van", "periode_tot", "delimiter", "encoding", "instrument"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let path = decoder.settingPath
            let kinds = InputKind.allCases.map(\.rawValue).joined(separator: ", ")
            guard let kindText = try c.setting(String.self, .kind, expected: "one of \(kinds)") else {
                throw SettingError(key: "kind", "required: one of \(kinds)").nested(in: path)
            }
            guard let kind = InputKind(rawValue: kindText) else {
                throw SettingError(key: "kind", "unknown input kind \"\(kindText)\"; allowed: \(kinds)").nested(in: path)
            }
            self.kind = kind
            guard let file = try c.setting(String.self, .file, expected: "a file path"), !file.isEmpty else {
                throw SettingError(key: "file", "required: the path of the extract").nested(in: path)
            }
            self.file = file
            mapping = try c.setting(String.self, .mapping, expected: "a file path")
            periodFrom = try c.setting(Day.self, .periode_van, expected: "a date (\(DayText.forms))")
            periodTo = try c.setting(Day.self, .periode_tot, expected: "a date (\(DayText.forms))")
            if let f = periodFrom, let t = periodTo, f > t {
                throw SettingError(key: "periode_van", "the period starts (\(f.iso)) after it ends (\(t.iso))").nested(in: path)
            }
            if let text = try c.setting(String.self, .delimiter, expected: "\",\", \";\" or \"tab\"") {
                guard let byte = ImportOptions.delimiter(option: text) else {
                    throw SettingError(key: "delimiter", "expected \",\", \";\" or \"tab\", got \"\(text)\"").nested(in: path)
                }
                delimiter = byte
            }
            if let text = try c.setting(String.self, .encoding, expected: "utf8 or cp1252") {
                guard let e = TextEncoding(option: text) else {
                    throw SettingError(key: "encoding", "expected utf8 or cp1252, got \"\(text)\"").nested(in: path)
                }
                encoding = e
            }
            instrument = try c.setting(String.self, .instrument, expected: "a file path (a Stappenmeter instrument definition)")
            if instrument != nil && kind != .stappenmeter {
                throw SettingError(key: "instrument", "applies to inputs of kind stappenmeter, not \(kind.rawValue)").nested(in: path)
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind.rawValue, forKey: .kind)
            try c.encode(file, forKey: .file)
            try c.encodeIfPresent(mapping, forKey: .mapping)
            try c.encodeIfPresent(periodFrom, forKey: .periode_van)
            try c.encodeIfPresent(periodTo, forKey: .periode_tot)
            try c.encodeIfPresent(delimiter.map { $0 == 9 ? "tab" : String(UnicodeScalar($0)) }, forKey: .delimiter)
            try c.encodeIfPresent(encoding?.rawValue, forKey: .encoding)
            try c.encodeIfPresent(instrument, forKey: .instrument)
        }
    }

    /// The `run --config` file (JSON), every field documented in
    /// docs/configuration.md: typed values, decoded strictly (an unknown key,
    /// a value of the wrong type or out of range is an error naming its key
    /// and what is allowed), with the same rules as the command line.
    public struct Configuration: Codable, Sendable {
        public var db: String = "rendement.sqlite"
        public var purpose: String?
        public var inputs: [Input] = []
        public var rejects: String?
        public var maxRejectRate: Double = 0.05
        public var matching = MatchingSettings()
        public var analysis = AnalysisSettings()
        public var output: String = "output"
        public var report: String = "reports"
        public var language: ReportLanguage = .nl
        public var formats: Set<ReportSetWriter.Format> = Set(ReportSetWriter.Format.allCases)
        public var veiligheidshuis: String?
        public var quarter: Quarter?

        public init(inputs: [Input]) { self.inputs = inputs }

        enum CodingKeys: String, CodingKey {
            case db, purpose, inputs, rejects, max_reject_rate, matching, analysis, output, report, lang, formats, veiligheidshuis, kwartaal
        }

        /// Decodes strictly; see the type's description.
        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: CodingKeys.allKeys)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Configuration(inputs: [])
            db = try c.setting(String.self, .db, expected: "a file path") ?? d.db
            purpose = try c.setting(String.self, .purpose, expected: "a text")
            guard let inputs = try c.setting([Input].self, .inputs, expected: "a list of inputs") else {
                throw SettingError(key: "inputs", "required: the files to import")
            }
            self.inputs = inputs
            rejects = try c.setting(String.self, .rejects, expected: "a folder path")
            maxRejectRate = try c.setting(Double.self, .max_reject_rate, expected: "a share between 0 and 1") ?? d.maxRejectRate
            guard (0...1).contains(maxRejectRate) else {
                throw SettingError(key: "max_reject_rate", "expected a share between 0 and 1, got \(maxRejectRate)")
            }
            matching = try c.setting(MatchingSettings.self, .matching, expected: "an object of matching settings") ?? d.matching
            analysis = try c.setting(AnalysisSettings.self, .analysis, expected: "an object of analysis settings") ?? d.analysis
            if let p = purpose { analysis.purpose = p }
            output = try c.setting(String.self, .output, expected: "a folder path") ?? d.output
            report = try c.setting(String.self, .report, expected: "a folder path") ?? d.report
            if let lang = try c.setting(String.self, .lang, expected: "nl or en") {
                guard let l = ReportLanguage(rawValue: lang) else { throw SettingError(key: "lang", "expected nl or en, got \"\(lang)\"") }
                language = l
            }
            if let names = try c.setting([String].self, .formats, expected: "a list of md, csv, html") {
                let allowed = ReportSetWriter.Format.allCases.map(\.rawValue).joined(separator: ", ")
                guard !names.isEmpty else { throw SettingError(key: "formats", "expected at least one of \(allowed)") }
                formats = Set(try names.map { name in
                    guard let f = ReportSetWriter.Format(rawValue: name) else {
                        throw SettingError(key: "formats", "unknown format \"\(name)\"; allowed: \(allowed)")
                    }
                    return f
                })
            }
            veiligheidshuis = try c.setting(String.self, .veiligheidshuis, expected: "a Veiligheidshuis name")
            if let text = try c.setting(String.self, .kwartaal, expected: "a quarter like 2013Q2") {
                guard let q = Quarter(text) else { throw SettingError(key: "kwartaal", "expected a quarter like 2013Q2, got \"\(text)\"") }
                quarter = q
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(db, forKey: .db)
            try c.encodeIfPresent(purpose, forKey: .purpose)
            try c.encode(inputs, forKey: .inputs)
            try c.encodeIfPresent(rejects, forKey: .rejects)
            try c.encode(maxRejectRate, forKey: .max_reject_rate)
            try c.encode(matching, forKey: .matching)
            try c.encode(analysis, forKey: .analysis)
            try c.encode(output, forKey: .output)
            try c.encode(report, forKey: .report)
            try c.encode(language.rawValue, forKey: .lang)
            try c.encode(formats.map(\.rawValue).sorted(), forKey: .formats)
            try c.encodeIfPresent(veiligheidshuis, forKey: .veiligheidshuis)
            try c.encodeIfPresent(quarter?.description, forKey: .kwartaal)
        }

        /// Reads a configuration file: a one-line `SettingError` (or reason
        /// for malformed JSON) on any problem.
        public static func decode(_ data: Data) throws -> Configuration {
            do {
                return try JSONDecoder().decode(Configuration.self, from: data)
            } catch let e as SettingError {
                throw e
            } catch DecodingError.dataCorrupted(let context) {
                throw SettingError(key: context.codingPath.map(\.stringValue).joined(separator: ".").ifEmpty("(file)"),
                                   "not valid JSON: \(context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription)")
            } catch {
                throw SettingError(key: "(file)", "cannot be read as a configuration: \(error)")
            }
        }
    }
}

extension Pipeline.Configuration.CodingKeys: CaseIterable {
    static var allKeys: [String] { allCases.map(\.rawValue) }
}

extension String {
    /// The string, or `fallback` when it is empty.
    func ifEmpty(_ fallback: String) -> String { isEmpty ? fallback : self }
}
