import Foundation
import RendementCore

/// Everything `rendement match` can be told, as typed values validated by
/// the same rules on the command line and in a configuration file
/// (`validate()`; a configuration file is decoded strictly). Defaults: 1:1,
/// caliper 0.2 SD of the logit, without replacement, exact on sex, age band
/// and intake month, staged relaxation of these rules for clients left
/// without a control (`ExactMatching.relaxationRounds`, up to +-3 months),
/// seed 1.
public struct MatchingSettings: Sendable, Codable, Equatable {
    public var ratio: Int = 1
    /// Caliper in SD of the logit of the propensity score; nil for none.
    public var caliperSD: Double? = 0.2
    public var withReplacement: Bool = false
    public var exact: [ExactMatching.Variable] = ExactMatching.Variable.allCases
    public var monthTolerance: Int = 0
    /// Staged matching: clients left without a control under the rules above
    /// are matched again with the intake month widened up to
    /// `relaxedMonthTolerance` and then without the age band, while balance holds.
    public var relax: Bool = true
    /// The widest month tolerance of the relaxation rounds.
    public var relaxedMonthTolerance: Int = 3
    /// The distance nearest neighbours are sought on.
    public var distance: MatchingOptions.Distance = .propensityScore
    public var seed: UInt64 = 1
    public var ageBands: [AgeBand] = AgeBand.defaults
    /// Only clients with intake on or after / on or before these days (nil: no bound).
    public var periodFrom: Day?
    public var periodTo: Day?

    public init() {}

    /// The keys of a configuration file's `matching` object.
    public static let keys = ["ratio", "caliperSD", "withReplacement", "exact", "monthTolerance", "relax", "relaxedMonthTolerance",
                              "distance", "seed", "ageBands", "periodFrom", "periodTo"]

    /// Decodes strictly: unknown keys and values of the wrong type are errors;
    /// a key left out keeps its default (`caliperSD: null` means no caliper);
    /// the result is validated.
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Self.keys)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MatchingSettings()
        ratio = try c.setting(Int.self, .ratio, expected: "a whole number of controls per client") ?? d.ratio
        caliperSD = c.contains(.caliperSD) ? try c.setting(Double.self, .caliperSD, expected: "a positive number or null") : d.caliperSD
        withReplacement = try c.setting(Bool.self, .withReplacement, expected: "true or false") ?? d.withReplacement
        exact = try c.setting([ExactMatching.Variable].self, .exact,
                              expected: "a list of \(ExactMatching.Variable.allCases.map(\.rawValue).joined(separator: ", "))") ?? d.exact
        monthTolerance = try c.setting(Int.self, .monthTolerance, expected: "a whole number of months") ?? d.monthTolerance
        relax = try c.setting(Bool.self, .relax, expected: "true or false") ?? d.relax
        relaxedMonthTolerance = try c.setting(Int.self, .relaxedMonthTolerance, expected: "a whole number of months") ?? d.relaxedMonthTolerance
        distance = try c.setting(MatchingOptions.Distance.self, .distance,
                                 expected: MatchingOptions.Distance.allCases.map(\.rawValue).joined(separator: " or ")) ?? d.distance
        seed = try c.setting(UInt64.self, .seed, expected: "a whole number from 0") ?? d.seed
        ageBands = try c.setting([AgeBand].self, .ageBands, expected: "a list of age bands, e.g. [\"12-17\", \"35-\"]") ?? d.ageBands
        periodFrom = try c.setting(Day.self, .periodFrom, expected: "a date (\(DayText.forms))")
        periodTo = try c.setting(Day.self, .periodTo, expected: "a date (\(DayText.forms))")
        do { try validate() } catch let e as SettingError { throw e.nested(in: decoder.settingPath) }
    }

    /// Checks every value against its allowed range; the first problem is
    /// thrown as a `SettingError` naming the key and the command-line flag.
    public func validate() throws {
        guard (1...10).contains(ratio) else { throw SettingError(key: "ratio", flag: "--ratio", "expected 1 to 10 controls per client, got \(ratio)") }
        if let c = caliperSD, !(c > 0 && c.isFinite) {
            throw SettingError(key: "caliperSD", flag: "--caliper", "expected a positive number (or no caliper), got \(c)")
        }
        guard Set(exact).count == exact.count else { throw SettingError(key: "exact", flag: "--exact", "a variable is named twice") }
        guard (0...12).contains(monthTolerance) else {
            throw SettingError(key: "monthTolerance", flag: "--month-tolerance", "expected 0 to 12 months, got \(monthTolerance)")
        }
        guard (0...12).contains(relaxedMonthTolerance) else {
            throw SettingError(key: "relaxedMonthTolerance", flag: "--relaxed-month-tolerance", "expected 0 to 12 months, got \(relaxedMonthTolerance)")
        }
        guard !ageBands.isEmpty, AgeBand.parseList(ageBands.map(\.description).joined(separator: ",")) != nil else {
            throw SettingError(key: "ageBands", flag: "--age-bands", "expected non-overlapping bands like 12-17,18-24,25-34,35-")
        }
        if let f = periodFrom, let t = periodTo, f > t {
            throw SettingError(key: "periodFrom", "the period starts (\(f.iso)) after it ends (\(t.iso))")
        }
    }

    /// The intake dates considered (nil bounds open).
    public var period: ClosedRange<Day>? {
        guard periodFrom != nil || periodTo != nil else { return nil }
        return (periodFrom ?? Day(number: .min))...(periodTo ?? Day(number: .max))
    }

    /// The exact-matching rules of the first round.
    public var exactRules: ExactMatching {
        ExactMatching(variables: Set(exact), ageBands: ageBands, monthTolerance: monthTolerance)
    }

    /// The relaxation rounds after the first (empty when `relax` is off).
    public var relaxations: [ExactMatching] {
        relax ? Array(exactRules.relaxationRounds(maximumTolerance: relaxedMonthTolerance).dropFirst()) : []
    }

    /// The widest month tolerance of any round (candidates are gathered for it).
    public var widestMonthTolerance: Int { ([exactRules] + relaxations).map(\.monthTolerance).max() ?? monthTolerance }

    /// The settings as compact JSON with sorted keys (stored with the run and hashed for provenance).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { return String(decoding: try encoder.encode(self), as: UTF8.self) } catch {
            preconditionFailure("settings of plain values always encode: \(error)")
        }
    }
}
