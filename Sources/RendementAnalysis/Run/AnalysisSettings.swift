import Foundation
import RendementCore

/// Everything `rendement analyze` can be told; stored with the run and
/// stated in the reports.
public struct AnalysisSettings: Sendable, Codable, Equatable {
    public var windows: [Int] = [1, 2, 3, 6, 12]
    public var ageBands: [String] = AgeBand.defaults.map(\.description)
    public var graceDays: Int = 0
    /// Months before intake left out of the baseline (the pre-intake crisis);
    /// the before-window ends this many months before the index date.
    public var anticipationMonths: Int = AnalysisSettings.defaultAnticipationMonths
    /// How far before the real index date the placebo's pseudo-intake lies.
    public var placeboShiftMonths: Int = 12
    /// Level at which the placebo and pre-trend diagnostics together reject
    /// credibility (Bonferroni: each test at half of it).
    public var diagnosticLevel: Double = 0.05
    public var minimumCell: Int = 10
    public var bvhRoles: [String] = ["verdachte", "betrokkene"]
    /// HKS offence categories counted (nil: all).
    public var hksCategories: [String]?
    /// Minimum HKS severity counted: licht, ernstig or zeer_ernstig (nil: all, including unknown).
    public var hksMinimumSeverity: String?
    /// The stated purpose of the analysis (doelbinding).
    public var purpose: String = "rendementsanalyse Veiligheidshuizen"

    public init() {}

    /// Every field may be left out of a configuration file; it then keeps its default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AnalysisSettings()
        windows = try c.decodeIfPresent([Int].self, forKey: .windows) ?? d.windows
        ageBands = try c.decodeIfPresent([String].self, forKey: .ageBands) ?? d.ageBands
        graceDays = try c.decodeIfPresent(Int.self, forKey: .graceDays) ?? d.graceDays
        anticipationMonths = try c.decodeIfPresent(Int.self, forKey: .anticipationMonths) ?? d.anticipationMonths
        placeboShiftMonths = try c.decodeIfPresent(Int.self, forKey: .placeboShiftMonths) ?? d.placeboShiftMonths
        diagnosticLevel = try c.decodeIfPresent(Double.self, forKey: .diagnosticLevel) ?? d.diagnosticLevel
        minimumCell = try c.decodeIfPresent(Int.self, forKey: .minimumCell) ?? d.minimumCell
        bvhRoles = try c.decodeIfPresent([String].self, forKey: .bvhRoles) ?? d.bvhRoles
        hksCategories = try c.decodeIfPresent([String].self, forKey: .hksCategories)
        hksMinimumSeverity = try c.decodeIfPresent(String.self, forKey: .hksMinimumSeverity)
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose) ?? d.purpose
    }

    /// The default anticipation window: three months. People enter a
    /// Veiligheidshuis after a bad spell; referral (often via ZSM) and the
    /// first case meeting follow within weeks to a few months, and the
    /// event studies of the test extracts showed the rise in months -3..-1.
    /// Longer crises are caught by the pre-trend test over months
    /// -12..-(M+1) (docs/credible-effects.md).
    public static let defaultAnticipationMonths = 3

    /// The design of the windows these settings describe.
    public var design: WindowDesign {
        WindowDesign(graceDays: graceDays, anticipationMonths: anticipationMonths, placeboShiftMonths: placeboShiftMonths)
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The event filter these settings describe.
    public var filter: HistoryFilterDescription {
        HistoryFilterDescription(roles: Set(bvhRoles.compactMap { BVHRole(text: $0) }),
                                 categories: hksCategories.map { Set($0.compactMap { OffenceCategory(text: $0) }) },
                                 minimumSeverity: hksMinimumSeverity.flatMap { Severity(text: $0)?.code })
    }
}

/// The event filter in domain terms (roles, categories, minimum severity code).
public struct HistoryFilterDescription: Sendable, Equatable {
    public var roles: Set<BVHRole>
    public var categories: Set<OffenceCategory>?
    public var minimumSeverity: Int?
}
