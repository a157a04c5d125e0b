/// Why a statistical routine refused its input: the one error type of the
/// library (see the "Failure conventions" article).
///
/// A routine throws `StatsError` when the *input* is invalid -- arrays of
/// different lengths, a negative count, a time or weight outside its domain,
/// a confidence level outside (0, 1). Valid data that cannot support an
/// estimate (no events, no variance, separation, no convergence) is not an
/// error: the result comes back with its `degeneracy` set (``Degeneracy``).
///
/// ```swift
/// do {
///     let table = try TwoByTwoTable(a: 3, b: -1, c: 2, d: 5)
/// } catch {
///     print(error)   // "invalid value: count b = -1 is negative"
/// }
/// ```
public enum StatsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Inputs of inconsistent lengths or shapes (or none where some are needed).
    case dimensionMismatch(String)
    /// A value outside its domain: a negative count or weight, a negative or
    /// non-finite time, a non-positive variance, a level outside (0, 1).
    case invalidValue(String)
    /// A matrix handed to ``Cholesky`` is not (numerically) positive definite:
    /// the pivot at `index` was `pivot`, below `tolerance` relative to the diagonal.
    case notPositiveDefinite(index: Int, pivot: Double, tolerance: Double)

    /// The problem in words.
    public var description: String {
        switch self {
        case let .dimensionMismatch(s): return "dimension mismatch: \(s)"
        case let .invalidValue(s): return "invalid value: \(s)"
        case let .notPositiveDefinite(i, p, t):
            return "matrix is not positive definite: pivot \(i) = \(p) (tolerance \(t))"
        }
    }
}

/// Input checks shared by the routines (each throws `StatsError`).
enum Check {
    /// Every array in `lengths` has `n` entries.
    static func sameLength(_ n: Int, _ lengths: [(String, Int?)]) throws(StatsError) {
        for (name, count) in lengths {
            if let count, count != n { throw .dimensionMismatch("\(name) has \(count) entries, expected \(n)") }
        }
    }

    /// A confidence level strictly between 0 and 1.
    static func level(_ level: Double) throws(StatsError) {
        guard level > 0, level < 1 else { throw .invalidValue("confidence level \(level) is not in (0, 1)") }
    }

    /// A non-negative count.
    static func count(_ name: String, _ value: Int) throws(StatsError) {
        guard value >= 0 else { throw .invalidValue("count \(name) = \(value) is negative") }
    }

    /// Non-negative finite weights.
    static func weights(_ w: [Double]?, name: String = "weights") throws(StatsError) {
        guard let w else { return }
        if let bad = w.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw .invalidValue("\(name)[\(bad)] = \(w[bad]) is not a non-negative finite number")
        }
    }

    /// Non-negative finite times.
    static func times(_ t: [Double]) throws(StatsError) {
        if let bad = t.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw .invalidValue("time[\(bad)] = \(t[bad]) is not a non-negative finite number")
        }
    }

    /// Finite values (no NaN, no infinity).
    static func finite(_ x: [Double], name: String) throws(StatsError) {
        if let bad = x.firstIndex(where: { !$0.isFinite }) {
            throw .invalidValue("\(name)[\(bad)] = \(x[bad]) is not finite")
        }
    }
}
