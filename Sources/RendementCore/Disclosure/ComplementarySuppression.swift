/// Primary and secondary (complementary) suppression of cells linked by
/// sums -- a total and its parts, in as many hierarchies as the tables have --
/// so that no hidden count can be recovered by subtraction.
///
/// Every cell carries one or more additive counts of persons (its
/// *attributes*: e.g. sets, controls, clients with an event). Rules
/// (docs/privacy.md, "Secondary suppression"):
///
/// 1. **Primary**: a cell is hidden when any attribute lies in
///    `1 ..< threshold` (`isSensitive`); zero is not sensitive.
/// 2. **Secondary**, for every relation `total = sum(parts)` whose total is
///    published: either no part is hidden, or at least two are and, for
///    every attribute, the hidden parts together hold zero or at least
///    `threshold` persons -- then each hidden part can lie anywhere from 0 to
///    that sum as far as this relation tells. A hidden total needs at least
///    one hidden part.
/// 3. When a relation breaks the rule, the published part with the smallest
///    first attribute that mends it is hidden (the least informative cell;
///    if no single part mends it, the largest is hidden and the search goes
///    on); only when no part is left is the total hidden (totals are kept
///    where possible). Relations are revisited until none breaks the rule.
///
/// This is the greedy hierarchical heuristic of Hundepool et al.,
/// *Statistical Disclosure Control* (Wiley 2012), section 4.4 (the
/// "modular" approach of tau-argus protects each sub-table the same way,
/// section 4.4.3); whether the result really protects every cell across all
/// relations at once is proved afterwards by linear programming
/// (`AttackerIntervals`, `DisclosureFinding`).
public struct ComplementarySuppression: Sendable {
    /// `total = sum(parts)`, by cell index.
    public struct Relation: Sendable, Equatable, Hashable {
        public var total: Int
        public var parts: [Int]
        public init(total: Int, parts: [Int]) {
            self.total = total
            self.parts = parts
        }
    }

    /// Whether a cell is hidden, and why.
    public enum Status: String, Sendable, Codable, Equatable {
        case published
        /// Holds a count below the threshold.
        case primary
        /// Hidden so that a primary cell cannot be recovered by subtraction.
        case secondary
    }

    public var values: [[Int]]
    public var relations: [Relation]
    public let threshold: Int
    public private(set) var status: [Status]

    /// Marks the primary cells: those with a count below the threshold and
    /// those in `hidden` (cells another table already hides, so that both
    /// tables hide the same groups).
    public init(values: [[Int]], relations: [Relation], threshold: Int, hidden: Set<Int> = []) {
        self.values = values
        self.relations = relations.filter { !$0.parts.isEmpty }
        self.threshold = threshold
        status = values.indices.map { hidden.contains($0) || Self.isSensitive(values[$0], threshold: threshold) ? .primary : .published }
    }

    /// Whether any count lies in `1 ..< threshold`.
    public static func isSensitive(_ counts: [Int], threshold: Int) -> Bool {
        counts.contains { $0 > 0 && $0 < threshold }
    }

    public func isHidden(_ cell: Int) -> Bool { status[cell] != .published }

    /// Hides complementary cells until every relation keeps the rule.
    public mutating func protect() {
        var byCell: [Int: [Int]] = [:]
        for (k, r) in relations.enumerated() {
            for c in [r.total] + r.parts { byCell[c, default: []].append(k) }
        }
        // A work list of relations to look at: all at first, then those of every cell newly hidden.
        var queue = Array(relations.indices), queued = Set(relations.indices), head = 0
        while head < queue.count {
            let k = queue[head]
            head += 1
            queued.remove(k)
            let r = relations[k], members = [r.total] + r.parts   // mend only ever hides members of its relation
            let before = members.map { status[$0] }
            while !isSafe(r), mend(r) {}
            for (c, old) in zip(members, before) where status[c] != old {
                for other in byCell[c] ?? [] where !queued.contains(other) {
                    queued.insert(other)
                    queue.append(other)
                }
            }
        }
    }

    /// Rule 2 and then the proof: the primary cells' intervals are computed
    /// by linear programming (`AttackerIntervals`, one program per count);
    /// for every cell still narrower than the threshold the smallest
    /// published cell sharing a relation with it is hidden too, and rule 2
    /// applied again, until none is. Returns false (having applied rule 2
    /// only) when more than `maxHidden` cells are hidden -- the programs would
    /// be too large; the report-set audit still proves what is published.
    @discardableResult
    public mutating func protectAndProve(maxHidden: Int = 400) -> Bool {
        protect()
        while true {
            guard status.filter({ $0 != .published }).count <= maxHidden else { return false }
            let failing = narrowCells()
            if failing.isEmpty { return true }
            guard let next = failing.compactMap({ nearestPublished(to: $0) }).first else { return false }
            status[next] = .secondary
            protect()
        }
    }

    /// The smallest published (non-zero) cell sharing a relation with `cell`,
    /// or, when there is none, with the hidden cells linked to it (breadth first).
    func nearestPublished(to cell: Int) -> Int? {
        var seen: Set<Int> = [cell], frontier = [cell]
        while !frontier.isEmpty {
            let linked = Set(relations.filter { r in frontier.contains { r.total == $0 || r.parts.contains($0) } }.flatMap { [$0.total] + $0.parts })
                .subtracting(seen)
            if let best = linked.filter({ !isHidden($0) && (values[$0].first ?? 0) > 0 })
                .min(by: { (values[$0].first ?? 0, $0) < (values[$1].first ?? 0, $1) }) { return best }
            seen.formUnion(linked)
            frontier = linked.filter(isHidden)
        }
        return nil
    }

    /// The primary cells that linear programming narrows below the threshold, for any count.
    public func narrowCells() -> [Int] {
        var out = Set<Int>()
        for a in 0..<(values.first?.count ?? 0) {
            var p = AttackerIntervals()
            for (i, v) in values.enumerated() {
                p.add(.init(name: String(i), value: isHidden(i) ? nil : Double(v[a]), protected: status[i] == .primary))
            }
            p.relations = relations.map { .sum(total: $0.total, parts: $0.parts) }
            for f in DisclosureFinding.audit(p, threshold: threshold) { out.insert(Int(f.cell)!) }
        }
        return out.sorted()
    }

    /// Rule 2 for one relation.
    public func isSafe(_ r: Relation) -> Bool {
        let hiddenParts = r.parts.filter(isHidden)
        if isHidden(r.total) { return !hiddenParts.isEmpty }
        if hiddenParts.isEmpty { return true }
        if hiddenParts.count == 1 { return false }
        return attributeSums(hiddenParts).allSatisfy { $0 == 0 || $0 >= threshold }
    }

    func attributeSums(_ cells: [Int]) -> [Int] {
        let width = values.first?.count ?? 0
        return (0..<width).map { a in cells.reduce(0) { $0 + values[$1][a] } }
    }

    /// Rule 3: hides the least informative part that mends `r`, or the
    /// total; false when nothing is left to hide.
    mutating func mend(_ r: Relation) -> Bool {
        let published = r.parts.filter { !isHidden($0) }
            .sorted { (values[$0].first ?? 0, $0) < (values[$1].first ?? 0, $1) }
        let candidates = published.filter { (values[$0].first ?? 0) > 0 }
        guard !candidates.isEmpty else {
            if !isHidden(r.total) {
                status[r.total] = .secondary
            } else if let part = published.first {
                status[part] = .secondary
            } else {
                return false
            }
            return true
        }
        for c in candidates {
            status[c] = .secondary
            if isSafe(r) { return true }
            status[c] = .published
        }
        status[candidates.last!] = .secondary
        return true
    }
}
