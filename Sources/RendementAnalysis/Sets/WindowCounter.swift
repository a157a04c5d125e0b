import RendementCore

/// Turns matched sets into the per-window counts of data-schema/contract.md section 4:
/// a set enters window W only if its client's before and after windows both
/// lie inside the source's observation period; a control enters under the
/// same condition; a set needs its client and at least one control.
public struct WindowCounter: Sendable {
    public var periods: ObservationPeriods
    public var graceDays: Int

    public init(periods: ObservationPeriods, graceDays: Int = 0) {
        self.periods = periods
        self.graceDays = graceDays
    }

    /// Counts of one member, or nil when its windows leave the observation period.
    public func counts(_ member: SetMember, source: OutcomeSource, months: Int) -> (before: Int, after: Int)? {
        guard let period = periods[source] else { return nil }
        let w = OutcomeWindows(index: member.index, months: months, graceDays: graceDays)
        guard w.lies(within: period.lowerBound, period.upperBound) else { return nil }
        let days = source.days(member.history)
        return (days.count(in: w.before), days.count(in: w.after))
    }

    /// The set's counts, or nil when the set does not enter this window.
    public func counts(_ set: AnalysisSet, source: OutcomeSource, months: Int) -> SetCounts? {
        guard let c = counts(set.client, source: source, months: months) else { return nil }
        let controls = set.controls.compactMap { counts($0, source: source, months: months) }
        guard !controls.isEmpty else { return nil }
        return SetCounts(clientBefore: c.before, clientAfter: c.after,
                         controlsBefore: controls.map(\.before), controlsAfter: controls.map(\.after))
    }
}
