import RendementCore

/// Disclosure control of the cooperation indicators (`CooperationIndicators`),
/// decided once in `analyze` before the results are stored, as
/// `DisclosurePlan` does for the effects: the cells are linked by the sums
/// a reader can form -- Veiligheidshuizen within all, target groups within
/// all groups, intake quarters within all quarters, and the four quarters of
/// a rolling year -- and each published figure is protected over them with
/// `ComplementarySuppression` (primary and secondary suppression,
/// Hundepool et al. 2012, section 4.4; docs/privacy.md):
///
/// - the counts of a cell (registrations, persons) are hidden when either
///   lies in 1 ... threshold - 1, or to protect another cell;
/// - the share with a plan of approach is a count too (share x
///   registrations): it is hidden when the registrations with *or* without a
///   plan number 1 ... threshold - 1, or to protect another cell's; the same
///   for the share of repeat registrations and for the plans dated before
///   intake. A cell whose counts are hidden hides these as well.
public enum CooperationDisclosure {
    /// The figures of a cell that disclosure control hides.
    public struct Hidden: Sendable, Codable, Equatable {
        /// Registrations and persons (and with them every figure of the cell).
        public var counts: Bool
        /// The registrations with a plan and their share.
        public var plan: Bool
        /// The repeat registrations and their share.
        public var repeats: Bool
        /// The plans dated before intake.
        public var planBeforeIntake: Bool
    }

    /// `indicators` with every cell's `hidden` figures decided.
    public static func protect(_ indicators: CooperationIndicators, threshold: Int) -> CooperationIndicators {
        let cells = indicators.cells
        let relations = Self.relations(cells)
        func hiddenCells(_ values: (CooperationIndicators.Cell) -> [Int], alsoHidden: Set<Int> = []) -> Set<Int> {
            var plan = ComplementarySuppression(values: cells.map(values), relations: relations, threshold: threshold, hidden: alsoHidden)
            plan.protect()
            return Set(cells.indices.filter(plan.isHidden))
        }
        let counts = hiddenCells { [$0.persons, $0.registrations] }
        let plan = hiddenCells({ [$0.withPlan, $0.registrations - $0.withPlan] }, alsoHidden: counts)
        let repeats = hiddenCells({ [$0.repeats, $0.registrations - $0.repeats] }, alsoHidden: counts)
        let before = hiddenCells({ [$0.planBeforeIntake] }, alsoHidden: counts)
        var out = indicators
        for i in out.cells.indices {
            out.cells[i].hidden = Hidden(counts: counts.contains(i), plan: plan.contains(i), repeats: repeats.contains(i),
                                         planBeforeIntake: before.contains(i))
        }
        return out
    }

    /// A cell's place: Veiligheidshuis, target group and quarter (nil: all), rolling year or not.
    struct Key: Hashable {
        var house: String?
        var group: String?
        var quarter: Quarter?
        var rollingYear: Bool

        init(_ c: CooperationIndicators.Cell) {
            self.init(house: c.veiligheidshuis, group: c.doelgroep, quarter: c.quarter, rollingYear: c.rollingYear)
        }

        init(house: String?, group: String?, quarter: Quarter?, rollingYear: Bool) {
            self.house = house
            self.group = group
            self.quarter = quarter
            self.rollingYear = rollingYear
        }
    }

    /// The sums among the cells: each total with the cells it adds up.
    static func relations(_ cells: [CooperationIndicators.Cell]) -> [ComplementarySuppression.Relation] {
        let keys = cells.map(Key.init)
        let index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [ComplementarySuppression.Relation] = []
        func add(_ total: Key, _ parts: [Int]) {
            if let t = index[total], !parts.isEmpty { out.append(.init(total: t, parts: parts.sorted())) }
        }
        func sums(where include: (Key) -> Bool, total: (Key) -> Key) {
            let groups = Dictionary(grouping: keys.indices.filter { include(keys[$0]) }, by: { total(keys[$0]) })
            for parent in groups.keys.sorted(by: { index[$0] ?? -1 < index[$1] ?? -1 }) { add(parent, groups[parent]!) }
        }
        sums(where: { $0.house != nil }, total: { Key(house: nil, group: $0.group, quarter: $0.quarter, rollingYear: $0.rollingYear) })
        sums(where: { $0.group != nil }, total: { Key(house: $0.house, group: nil, quarter: $0.quarter, rollingYear: $0.rollingYear) })
        sums(where: { $0.quarter != nil && !$0.rollingYear }, total: { Key(house: $0.house, group: $0.group, quarter: nil, rollingYear: false) })
        for k in keys where k.rollingYear {
            let q = k.quarter!
            add(k, (0..<4).compactMap { index[Key(house: k.house, group: k.group, quarter: q.adding(-$0), rollingYear: false)] })
        }
        return out
    }
}
