import Foundation
import RendementCore

/// Everything `rendement match` can be told, with the defaults: 1:1, caliper
/// 0.2 SD of the logit, without replacement, exact on sex, age band and
/// intake month, staged relaxation of these rules for clients left without a
/// control (`ExactMatching.relaxationRounds`, up to +-3 months), seed 1.
public struct MatchingSettings: Sendable, Codable, Equatable {
    public var ratio: Int = 1
    public var caliperSD: Double? = 0.2
    public var withReplacement: Bool = false
    public var exact: [String] = ExactMatching.Variable.allCases.map(\.rawValue)
    public var monthTolerance: Int = 0
    /// Staged matching: clients left without a control under the rules above
    /// are matched again with the intake month widened up to
    /// `relaxedMonthTolerance` and then without the age band, while balance holds.
    public var relax: Bool = true
    /// The widest month tolerance of the relaxation rounds.
    public var relaxedMonthTolerance: Int = 3
    /// `ps` (logit of the propensity score) or `mahalanobis` (within the caliper on the score).
    public var distance: String = MatchingOptions.Distance.propensityScore.rawValue
    public var seed: UInt64 = 1
    public var ageBands: [String] = AgeBand.defaults.map(\.description)
    /// Intake dates considered (ISO), nil for all.
    public var periodFrom: String?
    public var periodTo: String?

    public init() {}

    /// Every field may be left out of a configuration file; it then keeps its default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MatchingSettings()
        ratio = try c.decodeIfPresent(Int.self, forKey: .ratio) ?? d.ratio
        caliperSD = c.contains(.caliperSD) ? try c.decodeIfPresent(Double.self, forKey: .caliperSD) : d.caliperSD
        withReplacement = try c.decodeIfPresent(Bool.self, forKey: .withReplacement) ?? d.withReplacement
        exact = try c.decodeIfPresent([String].self, forKey: .exact) ?? d.exact
        monthTolerance = try c.decodeIfPresent(Int.self, forKey: .monthTolerance) ?? d.monthTolerance
        relax = try c.decodeIfPresent(Bool.self, forKey: .relax) ?? d.relax
        relaxedMonthTolerance = try c.decodeIfPresent(Int.self, forKey: .relaxedMonthTolerance) ?? d.relaxedMonthTolerance
        distance = try c.decodeIfPresent(String.self, forKey: .distance) ?? d.distance
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        ageBands = try c.decodeIfPresent([String].self, forKey: .ageBands) ?? d.ageBands
        periodFrom = try c.decodeIfPresent(String.self, forKey: .periodFrom)
        periodTo = try c.decodeIfPresent(String.self, forKey: .periodTo)
    }

    /// The exact-matching rules of the first round.
    public var exactRules: ExactMatching {
        ExactMatching(variables: Set(exact.compactMap(ExactMatching.Variable.init(rawValue:))), ageBands: ageBands.compactMap(AgeBand.init),
                      monthTolerance: monthTolerance)
    }

    /// The relaxation rounds after the first (empty when `relax` is off).
    public var relaxations: [ExactMatching] {
        relax ? Array(exactRules.relaxationRounds(maximumTolerance: relaxedMonthTolerance).dropFirst()) : []
    }

    /// The widest month tolerance of any round (candidates are gathered for it).
    public var widestMonthTolerance: Int { ([exactRules] + relaxations).map(\.monthTolerance).max() ?? monthTolerance }

    /// The settings as compact, sorted JSON (stored with the run and hashed for provenance).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
