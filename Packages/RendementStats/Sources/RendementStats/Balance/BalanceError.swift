/// Why a balance statistic could not be computed.
public enum BalanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Inputs of different lengths.
    case dimensionMismatch(String)
    /// A negative or non-finite weight.
    case invalidWeight(index: Int, value: Double)
    /// Fewer than two units (or no positively weighted unit) in a group.
    case tooFewUnits(treated: Int, control: Int)

    public var description: String {
        switch self {
        case let .dimensionMismatch(s): return "dimension mismatch: \(s)"
        case let .invalidWeight(i, v): return "weights[\(i)] = \(v) must be non-negative and finite"
        case let .tooFewUnits(t, c): return "need at least 2 treated and 2 control units with positive weight (got \(t) treated, \(c) control)"
        }
    }
}
