/// What a reader can work out about hidden cells from published ones: the
/// cells of a set of tables (published with their value, or hidden), the
/// linear relations between them that a reader knows (a total is the sum of
/// its parts; a part is at most its total), and what is known of every hidden
/// cell beforehand (at least zero; at least the threshold where that is
/// known). For every cell to protect, the interval the reader can derive is
/// the minimum and the maximum of the cell over all non-negative solutions
/// consistent with everything published -- two linear programs (the audit of
/// tau-argus; Hundepool et al., *Statistical Disclosure Control*, Wiley 2012,
/// section 4.2.2 "attacker problem").
public struct AttackerIntervals: Sendable {
    /// One cell: a published value, or hidden (nil) with what is known of it beforehand.
    public struct Cell: Sendable, Equatable {
        public var name: String
        public var value: Double?
        public var lower: Double
        public var upper: Double
        /// Whether the reader must not be able to narrow it (a hidden count of persons).
        public var protected: Bool

        public init(name: String, value: Double? = nil, lower: Double = 0, upper: Double = .infinity, protected: Bool = false) {
            self.name = name
            self.value = value
            self.lower = lower
            self.upper = upper
            self.protected = protected
        }
    }

    /// `sum(coefficient * cell) == 0` (or `<= 0`).
    public struct Relation: Sendable, Equatable {
        public var terms: [(cell: Int, coefficient: Double)]
        public var atMost: Bool

        public init(terms: [(cell: Int, coefficient: Double)], atMost: Bool = false) {
            self.terms = terms
            self.atMost = atMost
        }

        /// `total = sum(parts)`.
        public static func sum(total: Int, parts: [Int]) -> Relation {
            Relation(terms: [(total, -1)] + parts.map { ($0, 1) })
        }

        /// `part <= total`.
        public static func bounded(part: Int, by total: Int) -> Relation {
            Relation(terms: [(part, 1), (total, -1)], atMost: true)
        }

        public static func == (a: Relation, b: Relation) -> Bool {
            a.atMost == b.atMost && a.terms.map(\.cell) == b.terms.map(\.cell) && a.terms.map(\.coefficient) == b.terms.map(\.coefficient)
        }
    }

    /// The derived interval of one protected cell; a nil bound is unbounded.
    public struct Interval: Sendable, Equatable {
        public var cell: Int
        public var low: Double
        public var high: Double?
    }

    public var cells: [Cell]
    public var relations: [Relation]

    public init(cells: [Cell] = [], relations: [Relation] = []) {
        self.cells = cells
        self.relations = relations
    }

    /// Adds a cell; returns its index.
    @discardableResult
    public mutating func add(_ cell: Cell) -> Int {
        cells.append(cell)
        return cells.count - 1
    }

    /// Why the published cells cannot all be true at once (a relation broken
    /// by published cells only), or nil.
    public func inconsistency() -> String? {
        for r in relations where r.terms.allSatisfy({ cells[$0.cell].value != nil }) {
            let s = r.terms.reduce(0.0) { $0 + $1.coefficient * cells[$1.cell].value! }
            if r.atMost ? s > 1e-6 : abs(s) > 1e-6 {
                return "the published cells " + r.terms.map { cells[$0.cell].name }.joined(separator: ", ") + " do not add up"
            }
        }
        return nil
    }

    /// The interval of every protected hidden cell, solved per group of
    /// hidden cells linked by relations. Nil for a group whose published
    /// cells contradict each other.
    public func intervals() -> [Interval] {
        var out: [Interval] = []
        for group in groups() {
            out += solve(group)
        }
        return out.sorted { $0.cell < $1.cell }
    }

    /// Hidden cells linked through relations (union-find over hidden cells).
    func groups() -> [[Int]] {
        var parent = Array(cells.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for r in relations {
            let hidden = r.terms.map(\.cell).filter { cells[$0].value == nil }
            for c in hidden.dropFirst() { parent[find(c)] = find(hidden[0]) }
        }
        var byRoot: [Int: [Int]] = [:]
        for i in cells.indices where cells[i].value == nil { byRoot[find(i), default: []].append(i) }
        return byRoot.values.filter { $0.contains { cells[$0].protected } }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// The two linear programs per protected cell of one group.
    func solve(_ group: [Int]) -> [Interval] {
        let index = Dictionary(uniqueKeysWithValues: group.enumerated().map { ($1, $0) })
        let linked = relations.filter { r in r.terms.contains { index[$0.cell] != nil } }
        let slacks = linked.filter(\.atMost).count
        let width = group.count + slacks
        var rows: [[Double]] = [], rhs: [Double] = []
        var slack = group.count
        for r in linked {
            var row = [Double](repeating: 0, count: width)
            var b = 0.0
            for t in r.terms {
                if let j = index[t.cell] { row[j] += t.coefficient } else { b -= t.coefficient * (cells[t.cell].value ?? 0) }
            }
            if r.atMost { row[slack] = 1; slack += 1 }
            rows.append(row)
            rhs.append(b)
        }
        let lower = group.map { cells[$0].lower } + Array(repeating: 0, count: slacks)
        let upper = group.map { cells[$0].upper } + Array(repeating: .infinity, count: slacks)
        guard let solver = IntervalSolver(rows: rows, rhs: rhs, lower: lower, upper: upper) else {
            // Contradicting published cells: nothing can be derived; reported by `inconsistency()`.
            return group.filter { cells[$0].protected }.map { Interval(cell: $0, low: cells[$0].lower, high: nil) }
        }
        return group.enumerated().filter { cells[$0.element].protected }.map { j, cell in
            let r = solver.range(of: j)
            return Interval(cell: cell, low: r.low ?? cells[cell].lower, high: r.high)
        }
    }
}
