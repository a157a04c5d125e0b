import Foundation

/// One group-time average treatment effect ATT(g, t) of Callaway & Sant'Anna
/// (2021, Journal of Econometrics 225(2), eq. 2.6 without covariates): the
/// mean change in outcome from the base period to period t of the units first
/// treated in g, minus the same mean change of the comparison units.
public struct GroupTimeEffect: Sendable, Codable, Equatable {
    /// The cohort g (first treated period).
    public var group: Int
    /// The period t.
    public var period: Int
    /// The base period: g - anticipation - 1 (the "universal" base period), the last of the base window.
    public var basePeriod: Int
    /// The base window: the `baseLength` periods up to `basePeriod`, whose mean outcome is the base.
    public var baseWindow: ClosedRange<Int>
    /// ATT(g, t).
    public var att: Double
    /// Analytic standard error from the influence function, sqrt(sum psi^2) / n.
    public var standardError: Double
    /// Units of cohort g in the cell (at risk in both periods, in a stratum with comparison units).
    public var treated: Int
    /// Comparison units: not yet treated by max(t, base) + anticipation (at risk, in a stratum of the cell's treated units).
    public var comparison: Int
    /// Per stratum: the cell's treated and comparison units and the comparison units' mean change.
    var strata: [Int: StratumComparison]

    /// One stratum of a cell.
    struct StratumComparison: Sendable, Codable, Equatable {
        var treated: Int, comparison: Int, mean: Double
    }

    /// Event time t - g.
    public var eventTime: Int { period - group }
}
