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
    /// The base period: g - anticipation - 1 (the "universal" base period).
    public var basePeriod: Int
    /// ATT(g, t).
    public var att: Double
    /// Analytic standard error from the influence function, sqrt(sum psi^2) / n.
    public var standardError: Double
    /// Units of cohort g.
    public var treated: Int
    /// Comparison units: not yet treated by max(t, base) + anticipation.
    public var comparison: Int
    /// Mean change of the cohort (mu1) and of the comparison units (mu0).
    var treatedMean: Double, comparisonMean: Double

    /// Event time t - g.
    public var eventTime: Int { period - group }
}
