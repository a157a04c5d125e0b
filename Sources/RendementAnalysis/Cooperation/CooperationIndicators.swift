import RendementCore
import RendementStats
import RendementStore

/// The basic result indicators of the cooperation, from the client
/// registrations alone (docs/cooperation.md): per Veiligheidshuis, target
/// group and intake quarter (also per rolling year: the four quarters up to
/// a quarter) -- and for all of each (nil) -- how many
/// registrations and persons, the share with an integral plan of approach,
/// the days from intake to the plan, the share of repeat registrations
/// within 12 months, and the partners per case where the file gives them.
/// Every figure keeps the number of persons it rests on, so that small
/// cells can be suppressed (primary here, secondary elsewhere).
public struct CooperationIndicators: Sendable, Codable, Equatable {
    /// Median and quartiles (type 7, numpy's default) of a list of days or counts.
    public struct Spread: Sendable, Codable, Equatable {
        public var n: Int
        /// Distinct persons behind the `n` values.
        public var persons: Int
        public var mean: Double
        public var q1: Double
        public var median: Double
        public var q3: Double

        /// The spread of `values` of `persons` persons (nil when there are no values).
        static func of(_ values: [Double], persons: Int) -> Spread? {
            guard !values.isEmpty else { return nil }
            let q = Descriptives.quantiles(values, [0.25, 0.5, 0.75])
            return Spread(n: values.count, persons: persons, mean: Descriptives.mean(values), q1: q[0], median: q[1], q3: q[2])
        }
    }

    /// One cell: a Veiligheidshuis (nil: all), target group (nil: all) and
    /// intake quarter (nil: all quarters) -- or, with `rollingYear`, the
    /// four quarters up to and including `quarter`.
    public struct Cell: Sendable, Codable, Equatable {
        public var veiligheidshuis: String?
        public var doelgroep: String?
        public var quarter: Quarter?
        /// The cell holds the intakes of `quarter` and the three quarters before it.
        public var rollingYear: Bool
        public var registrations: Int
        public var persons: Int
        public var withPlan: Int
        /// Registrations that are a repeat: the same person registered at the same Veiligheidshuis in the 12 months before.
        public var repeats: Int
        /// Days from intake (instroomdatum) to the plan's date, over registrations whose plan has a date on or after intake.
        public var planDays: Spread?
        /// Registrations whose plan is dated before intake (left out of `planDays`).
        public var planBeforeIntake: Int
        /// Partners per case (aantal_partners), over registrations that give it.
        public var partners: Spread?

        /// Which figures disclosure control hides (`CooperationDisclosure`; nil in runs stored by an earlier version).
        public var hidden: CooperationDisclosure.Hidden?

        /// Whether the cell's counts and figures may be shown: at least `threshold` persons and not hidden to protect another cell.
        public func showsCounts(_ threshold: Int) -> Bool { persons >= threshold && hidden?.counts != true }
        /// Whether the share with a plan of approach (and its count) may be shown.
        public func showsPlan(_ threshold: Int) -> Bool { showsCounts(threshold) && hidden?.plan != true }
        /// Whether the share of repeat registrations (and its count) may be shown.
        public func showsRepeats(_ threshold: Int) -> Bool { showsCounts(threshold) && hidden?.repeats != true }

        public var planShare: Double { registrations > 0 ? Double(withPlan) / Double(registrations) : .nan }
        public var repeatShare: Double { registrations > 0 ? Double(repeats) / Double(registrations) : .nan }
    }

    public var cells: [Cell]

    /// The cell of a Veiligheidshuis, target group and quarter (nil = all), or of the rolling year up to the quarter.
    public func cell(house: String?, group: String? = nil, quarter: Quarter?, rollingYear: Bool = false) -> Cell? {
        cells.first { $0.veiligheidshuis == house && $0.doelgroep == group && $0.quarter == quarter && $0.rollingYear == rollingYear }
    }

    /// A registration reduced to what the indicators use.
    struct Registration {
        var person: Int64
        var house: String
        var group: String
        var quarter: Quarter
        var plan: Bool
        var planDays: Int?
        var partners: Int?
        var isRepeat: Bool
    }

    /// The indicators of the live registrations.
    public static func compute(_ registrations: [RegistrationRecord]) -> CooperationIndicators {
        let rows = prepare(registrations)
        var groups: [CellKey: [Registration]] = [:]
        let last = rows.map(\.quarter).max()
        for r in rows {
            for h in [r.house, nil] as [String?] {
                for g in [r.group, nil] as [String?] {
                    for q in [r.quarter, nil] as [Quarter?] { groups[CellKey(house: h, group: g, quarter: q, rollingYear: false), default: []].append(r) }
                    // The rolling years that hold this intake and end in a quarter of the data.
                    for k in 0..<4 where r.quarter.adding(k) <= last! {
                        groups[CellKey(house: h, group: g, quarter: r.quarter.adding(k), rollingYear: true), default: []].append(r)
                    }
                }
            }
        }
        let cells = groups.keys.sorted().map { key in cell(key, groups[key]!) }
        return CooperationIndicators(cells: cells)
    }

    /// Marks repeats and computes the days to the plan, per registration.
    static func prepare(_ registrations: [RegistrationRecord]) -> [Registration] {
        var out: [Registration] = []
        let byPersonAndHouse = Dictionary(grouping: registrations) { "\($0.personKey)|\($0.veiligheidshuis)" }
        for key in byPersonAndHouse.keys.sorted() {
            let list = byPersonAndHouse[key]!.sorted { $0.instroom.number < $1.instroom.number }
            for r in list {
                let from = r.instroom.adding(months: -12).number
                let isRepeat = list.contains { $0.instroom.number < r.instroom.number && $0.instroom.number >= from }
                let days = r.planVanAanpak ? r.planDay.map { Int($0.number - r.instroom.number) } : nil
                out.append(Registration(person: r.personKey, house: r.veiligheidshuis, group: r.doelgroep,
                                        quarter: Quarter(containing: r.instroom), plan: r.planVanAanpak, planDays: days,
                                        partners: r.partners, isRepeat: isRepeat))
            }
        }
        return out
    }

    static func cell(_ key: CellKey, _ rows: [Registration]) -> Cell {
        let dated = rows.filter { ($0.planDays ?? -1) >= 0 }
        let withPartners = rows.filter { $0.partners != nil }
        return Cell(veiligheidshuis: key.house, doelgroep: key.group, quarter: key.quarter, rollingYear: key.rollingYear, registrations: rows.count,
                    persons: Set(rows.map(\.person)).count, withPlan: rows.filter(\.plan).count, repeats: rows.filter(\.isRepeat).count,
                    planDays: Spread.of(dated.map { Double($0.planDays!) }, persons: Set(dated.map(\.person)).count),
                    planBeforeIntake: rows.filter { ($0.planDays ?? 0) < 0 }.count,
                    partners: Spread.of(withPartners.map { Double($0.partners!) }, persons: Set(withPartners.map(\.person)).count))
    }

    /// A cell's key; nil (all) sorts first.
    struct CellKey: Hashable, Comparable {
        var house: String?
        var group: String?
        var quarter: Quarter?
        var rollingYear: Bool
        static func < (a: CellKey, b: CellKey) -> Bool {
            (a.house ?? "", a.group ?? "", a.rollingYear ? 1 : 0, a.quarter.map { $0.year * 4 + $0.quarter } ?? 0)
                < (b.house ?? "", b.group ?? "", b.rollingYear ? 1 : 0, b.quarter.map { $0.year * 4 + $0.quarter } ?? 0)
        }
    }
}
