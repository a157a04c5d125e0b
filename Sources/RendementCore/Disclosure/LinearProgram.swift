/// A small dense linear program: minimise `c·x` subject to `A x = b` and
/// `lower <= x <= upper` (an upper bound may be infinite), solved by the
/// two-phase simplex method on a dense tableau with Bland's rule, which
/// cannot cycle (Chvátal, *Linear Programming*, Freeman 1983, ch. 2-3 and 8).
///
/// What the disclosure audit needs: the smallest and the largest value a
/// suppressed cell can take given the published cells (`IntervalSolver`).
/// Checked against `scipy.optimize.linprog` (HiGHS) on the fixtures of
/// `scripts/reference/disclosure_lp.py`.
public struct LinearProgram: Sendable {
    public var objective: [Double]
    /// Rows of `A`, each of `objective.count` coefficients.
    public var rows: [[Double]]
    public var rhs: [Double]
    public var lower: [Double]
    public var upper: [Double]

    /// The result of one minimisation.
    public enum Outcome: Sendable, Equatable {
        case optimal(value: Double, x: [Double])
        case infeasible
        case unbounded
    }

    public init(objective: [Double], rows: [[Double]], rhs: [Double], lower: [Double], upper: [Double]) {
        precondition(rows.count == rhs.count && rows.allSatisfy { $0.count == objective.count }, "one coefficient per variable in every row")
        precondition(lower.count == objective.count && upper.count == objective.count, "bounds for every variable")
        self.objective = objective
        self.rows = rows
        self.rhs = rhs
        self.lower = lower
        self.upper = upper
    }

    /// Minimises the objective.
    public func minimize() -> Outcome {
        guard let solver = IntervalSolver(rows: rows, rhs: rhs, lower: lower, upper: upper) else { return .infeasible }
        return solver.minimize(objective)
    }
}

/// Phase 1 of the simplex method done once for a feasible region; each
/// objective then starts phase 2 from that feasible basis (so the minimum
/// and maximum of every cell cost a few pivots each).
public struct IntervalSolver: Sendable {
    let n: Int                 // original variables
    let columns: Int           // structural columns (variables and upper-bound slacks), without artificials
    let lower: [Double]
    var tableau: Tableau

    static let eps = 1e-9

    /// Nil when the region is empty.
    public init?(rows: [[Double]], rhs: [Double], lower: [Double], upper: [Double]) {
        n = lower.count
        self.lower = lower
        let bounded = (0..<n).filter { upper[$0].isFinite }
        for j in bounded where upper[j] < lower[j] - Self.eps { return nil }
        let m = rows.count + bounded.count
        columns = n + bounded.count
        let width = columns + rows.count + 1   // + artificials + rhs
        var t = Tableau(rows: m, width: width)
        // Equality rows over y = x - lower, with a non-negative right-hand side, and an artificial each.
        for (i, row) in rows.enumerated() {
            var b = rhs[i]
            for j in 0..<n { b -= row[j] * lower[j] }
            let sign: Double = b < 0 ? -1 : 1
            for j in 0..<n { t[i, j] = sign * row[j] }
            t[i, columns + i] = 1
            t[i, width - 1] = sign * b
            t.basis[i] = columns + i
        }
        // Upper bounds: y_j + s_j = upper_j - lower_j, the slack basic.
        for (k, j) in bounded.enumerated() {
            let i = rows.count + k
            t[i, j] = 1
            t[i, n + k] = 1
            t[i, width - 1] = upper[j] - lower[j]
            t.basis[i] = n + k
        }
        // Phase 1: minimise the sum of the artificials.
        var cost = [Double](repeating: 0, count: width - 1)
        for i in 0..<rows.count { cost[columns + i] = 1 }
        t.price(cost)
        guard t.optimize(allowed: width - 1) == .optimal, -t.objectiveValue <= 1e-7 * max(1, t.rhsScale) else { return nil }
        // Drive artificials out of the basis; a row where none can leave is redundant.
        var i = 0
        while i < t.rows {
            if t.basis[i] >= columns {
                if let j = (0..<columns).first(where: { abs(t[i, $0]) > Self.eps }) {
                    t.pivot(row: i, column: j)
                } else {
                    t.removeRow(i)
                    continue
                }
            }
            i += 1
        }
        tableau = t
    }

    /// Minimises `c·x` over the region.
    public func minimize(_ c: [Double]) -> LinearProgram.Outcome {
        var t = tableau
        var cost = [Double](repeating: 0, count: t.width - 1)
        for j in 0..<n { cost[j] = c[j] }
        t.price(cost)
        switch t.optimize(allowed: columns) {
        case .unbounded: return .unbounded
        case .optimal:
            var x = lower
            for r in 0..<t.rows where t.basis[r] < n { x[t.basis[r]] += t[r, t.width - 1] }
            let constant = zip(c, lower).reduce(0) { $0 + $1.0 * $1.1 }
            return .optimal(value: -t.objectiveValue + constant, x: x)
        }
    }

    /// The smallest and largest value of variable `j` (nil bound: unbounded).
    public func range(of j: Int) -> (low: Double?, high: Double?) {
        var e = [Double](repeating: 0, count: n)
        e[j] = 1
        let low: Double? = if case let .optimal(v, _) = minimize(e) { v } else { nil }
        e[j] = -1
        let high: Double? = if case let .optimal(v, _) = minimize(e) { -v } else { nil }
        return (low, high)
    }
}

/// A dense simplex tableau: `rows` constraint rows and an objective row of
/// reduced costs, the last column the right-hand side.
struct Tableau: Sendable {
    enum Result { case optimal, unbounded }
    private(set) var rows: Int
    let width: Int
    private var cells: [Double]
    var basis: [Int]
    private var reduced: [Double]
    /// Minus the current objective value.
    var objectiveValue: Double { reduced[width - 1] }
    var rhsScale: Double { (0..<rows).reduce(1) { max($0, abs(self[$1, width - 1])) } }

    init(rows: Int, width: Int) {
        self.rows = rows
        self.width = width
        cells = [Double](repeating: 0, count: rows * width)
        basis = [Int](repeating: 0, count: rows)
        reduced = [Double](repeating: 0, count: width)
    }

    subscript(i: Int, j: Int) -> Double {
        get { cells[i * width + j] }
        set { cells[i * width + j] = newValue }
    }

    /// Sets the objective row to the reduced costs of `cost` for the current basis.
    mutating func price(_ cost: [Double]) {
        reduced = cost + [0]
        for i in 0..<rows {
            let cb = cost[basis[i]]
            guard cb != 0 else { continue }
            for j in 0..<width { reduced[j] -= cb * self[i, j] }
        }
    }

    /// Pivots until optimal with Bland's rule; only columns below `allowed` may enter.
    mutating func optimize(allowed: Int) -> Result {
        let eps = IntervalSolver.eps
        while true {
            guard let entering = (0..<allowed).first(where: { reduced[$0] < -eps }) else { return .optimal }
            var leaving: Int? = nil, best = Double.infinity
            for i in 0..<rows where self[i, entering] > eps {
                let ratio = self[i, width - 1] / self[i, entering]
                if ratio < best - eps || (abs(ratio - best) <= eps && leaving.map { basis[i] < basis[$0] } ?? true) {
                    best = ratio
                    leaving = i
                }
            }
            guard let leaving else { return .unbounded }
            pivot(row: leaving, column: entering)
        }
    }

    mutating func pivot(row r: Int, column c: Int) {
        let w = width, m = rows
        cells.withUnsafeMutableBufferPointer { t in
            let base = r * w
            let p = t[base + c]
            var nonzero: [Int] = []   // the pivot row is sparse: update only its non-zero columns
            for j in 0..<w where t[base + j] != 0 {
                t[base + j] /= p
                nonzero.append(j)
            }
            for i in 0..<m where i != r {
                let row = i * w
                let f = t[row + c]
                guard f != 0 else { continue }
                for j in nonzero { t[row + j] -= f * t[base + j] }
                t[row + c] = 0
            }
            let f = reduced[c]
            if f != 0 { reduced.withUnsafeMutableBufferPointer { z in for j in nonzero { z[j] -= f * t[base + j] }; z[c] = 0 } }
        }
        basis[r] = c
    }

    mutating func removeRow(_ r: Int) {
        cells.removeSubrange(r * width..<(r + 1) * width)
        basis.remove(at: r)
        rows -= 1
    }
}
