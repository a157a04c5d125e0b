import Foundation
import RendementCore

/// Everything `rendement analyze` can be told: typed values, parsed once and
/// validated by the same rules whether they come from the command line or
/// from a configuration file (`validate()`; a configuration file is decoded
/// strictly: an unknown key or a value of the wrong type is an error naming
/// it). Stored with the run and stated in the reports.
public struct AnalysisSettings: Sendable, Codable, Equatable {
    public var windows: [Int] = [1, 2, 3, 6, 12]
    public var ageBands: [AgeBand] = AgeBand.defaults
    public var graceDays: Int = 0
    /// Months before intake left out of the baseline (the pre-intake crisis);
    /// the before-window ends this many months before the index date.
    public var anticipationMonths: Int = AnalysisSettings.defaultAnticipationMonths
    /// How far before the real index date the placebo's pseudo-intake lies.
    public var placeboShiftMonths: Int = 12
    /// Level at which the placebo and pre-trend diagnostics together reject
    /// credibility (Bonferroni: each test at half of it).
    public var diagnosticLevel: Double = 0.05
    /// Suppression threshold: figures resting on fewer persons are left out (at least `MinimumCell.floor`).
    public var minimumCell: Int = MinimumCell.floor
    /// BVH roles that count as a police contact.
    public var bvhRoles: [BVHRole] = [.verdachte, .betrokkene]
    /// HKS offence categories counted (nil: all).
    public var hksCategories: [OffenceCategory]?
    /// Minimum HKS severity counted (nil: all, including unknown).
    public var hksMinimumSeverity: Severity?
    /// The stated purpose of the analysis (doelbinding).
    public var purpose: String = "rendementsanalyse Veiligheidshuizen"
    /// Which comparisons are made: matched controls, clients not yet entered, or both.
    public var comparisonDesign: ComparisonDesign = .both

    public init() {}

    /// The default anticipation window: three months. People enter a
    /// Veiligheidshuis after a bad spell; referral (often via ZSM) and the
    /// first case meeting follow within weeks to a few months, and the
    /// event studies of the test extracts showed the rise in months -3..-1.
    /// Longer crises are caught by the pre-trend test over months
    /// -24..-(M+1) (docs/credible-effects.md).
    public static let defaultAnticipationMonths = 3

    /// The keys of a configuration file's `analysis` object.
    public static let keys = ["windows", "ageBands", "graceDays", "anticipationMonths", "placeboShiftMonths", "diagnosticLevel",
                              "minimumCell", "bvhRoles", "hksCategories", "hksMinimumSeverity", "purpose", "comparisonDesign"]

    /// Decodes strictly: unknown keys and values of the wrong type are errors;
    /// a key left out keeps its default; the result is validated.
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Self.keys)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AnalysisSettings()
        windows = try c.setting([Int].self, .windows, expected: "a list of months, e.g. [1, 2, 3, 6, 12]") ?? d.windows
        ageBands = try c.setting([AgeBand].self, .ageBands, expected: "a list of age bands, e.g. [\"12-17\", \"35-\"]") ?? d.ageBands
        graceDays = try c.setting(Int.self, .graceDays, expected: "a whole number of days") ?? d.graceDays
        anticipationMonths = try c.setting(Int.self, .anticipationMonths, expected: "a whole number of months") ?? d.anticipationMonths
        placeboShiftMonths = try c.setting(Int.self, .placeboShiftMonths, expected: "a whole number of months") ?? d.placeboShiftMonths
        diagnosticLevel = try c.setting(Double.self, .diagnosticLevel, expected: "a number between 0 and 0.5") ?? d.diagnosticLevel
        minimumCell = try c.setting(Int.self, .minimumCell, expected: "a whole number") ?? d.minimumCell
        bvhRoles = try c.setting([BVHRole].self, .bvhRoles, expected: "a list of roles: \(BVHRole.allCases.map(\.rawValue).joined(separator: ", "))") ?? d.bvhRoles
        hksCategories = try c.setting([OffenceCategory].self, .hksCategories,
                                      expected: "a list of categories: \(OffenceCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        hksMinimumSeverity = try c.setting(Severity.self, .hksMinimumSeverity,
                                           expected: "one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        purpose = try c.setting(String.self, .purpose, expected: "a text") ?? d.purpose
        comparisonDesign = try c.setting(ComparisonDesign.self, .comparisonDesign,
                                         expected: "one of \(ComparisonDesign.allCases.map(\.rawValue).joined(separator: ", "))") ?? d.comparisonDesign
        do { try validate() } catch let e as SettingError { throw e.nested(in: decoder.settingPath) }
    }

    /// Checks every value against its allowed range; the first problem is
    /// thrown as a `SettingError` naming the key and the command-line flag.
    public func validate() throws {
        guard !windows.isEmpty, windows.allSatisfy({ (1...12).contains($0) }), Set(windows).count == windows.count else {
            throw SettingError(key: "windows", flag: "--windows", "expected distinct months from 1 to 12, e.g. 1,2,3,6,12; got \(windows)")
        }
        guard !ageBands.isEmpty, AgeBand.parseList(ageBands.map(\.description).joined(separator: ",")) != nil else {
            throw SettingError(key: "ageBands", flag: "--age-bands", "expected non-overlapping bands like 12-17,18-24,25-34,35-")
        }
        guard (0...365).contains(graceDays) else {
            throw SettingError(key: "graceDays", flag: "--grace-days", "expected 0 to 365 days, got \(graceDays)")
        }
        guard (0...11).contains(anticipationMonths) else {
            throw SettingError(key: "anticipationMonths", flag: "--anticipation", "expected 0 to 11 months, got \(anticipationMonths)")
        }
        guard (1...24).contains(placeboShiftMonths) else {
            throw SettingError(key: "placeboShiftMonths", "expected 1 to 24 months, got \(placeboShiftMonths)")
        }
        guard diagnosticLevel > 0, diagnosticLevel <= 0.5 else {
            throw SettingError(key: "diagnosticLevel", "expected a level above 0 and at most 0.5, got \(diagnosticLevel)")
        }
        if let reason = MinimumCell.refusal(minimumCell, name: "the threshold") {
            throw SettingError(key: "minimumCell", flag: "--min-cell", reason)
        }
        guard !bvhRoles.isEmpty else { throw SettingError(key: "bvhRoles", flag: "--roles", "expected at least one role") }
        if let c = hksCategories, c.isEmpty {
            throw SettingError(key: "hksCategories", flag: "--categories", "expected at least one category (leave the setting out for all)")
        }
        guard !purpose.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SettingError(key: "purpose", "the purpose of the analysis (doelbinding) cannot be empty")
        }
    }

    /// Parses a comma-separated list of window months, as `--windows` takes it.
    public static func windows(from text: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw SettingError(key: "windows", flag: "--windows", "expected months from 1 to 12 like 1,2,3,6,12, got \"\(text)\"")
        }
        return Array(Set(parts.compactMap { $0 })).sorted()
    }

    /// Parses a comma-separated list of names with `parse`, as the list flags take it.
    public static func list<T>(_ text: String, key: String, flag: String, allowed: [String], _ parse: (Substring) -> T?) throws -> [T] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var out: [T] = []
        for item in items {
            guard let value = parse(Substring(item)) else {
                throw SettingError(key: key, flag: flag, "unknown value \"\(item)\"; allowed: \(allowed.joined(separator: ", "))")
            }
            out.append(value)
        }
        return out
    }

    /// The design of the windows these settings describe.
    public var design: WindowDesign {
        WindowDesign(graceDays: graceDays, anticipationMonths: anticipationMonths, placeboShiftMonths: placeboShiftMonths)
    }

    /// The settings as compact JSON with sorted keys: stored with the run and hashed for provenance.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { return String(decoding: try encoder.encode(self), as: UTF8.self) } catch {
            preconditionFailure("settings of plain values always encode: \(error)")
        }
    }

    /// The event filter these settings describe.
    public var filter: HistoryFilterDescription {
        HistoryFilterDescription(roles: Set(bvhRoles), categories: hksCategories.map(Set.init),
                                 minimumSeverity: hksMinimumSeverity?.code)
    }
}

/// The event filter in domain terms (roles, categories, minimum severity code).
public struct HistoryFilterDescription: Sendable, Equatable {
    public var roles: Set<BVHRole>
    public var categories: Set<OffenceCategory>?
    public var minimumSeverity: Int?
}
