import RendementCore

/// Turns matched sets into the per-window counts of the matched design
/// (data-schema/contract.md, "effects.csv"): a set enters window W only if
/// its client's before and after windows both lie inside the source's
/// observation period; a control enters under the same condition; a set
/// needs its client and at least one control. The same rule holds for the
/// placebo windows and the pre-trend months (`WindowDesign`).
public struct WindowCounter: Sendable {
    public var periods: ObservationPeriods
    public var design: WindowDesign

    public init(periods: ObservationPeriods, design: WindowDesign) {
        self.periods = periods
        self.design = design
    }

    /// The plain design (no anticipation) with `graceDays`.
    public init(periods: ObservationPeriods, graceDays: Int = 0) {
        self.init(periods: periods, design: WindowDesign(graceDays: graceDays))
    }

    public var graceDays: Int { design.graceDays }

    /// Counts of one member in `windows`, or nil when they leave the observation period.
    public func counts(_ member: SetMember, source: OutcomeSource, windows w: OutcomeWindows) -> (before: Int, after: Int)? {
        guard let period = periods[source], w.lies(within: period.lowerBound, period.upperBound) else { return nil }
        let days = source.days(member.history)
        return (days.count(in: w.before), days.count(in: w.after))
    }

    /// Counts of one member in the main windows of `months` months.
    public func counts(_ member: SetMember, source: OutcomeSource, months: Int) -> (before: Int, after: Int)? {
        counts(member, source: source, windows: design.windows(index: member.index, months: months))
    }

    /// The set's counts in the main windows, or nil when the set does not enter this window.
    public func counts(_ set: AnalysisSet, source: OutcomeSource, months: Int) -> SetCounts? {
        setCounts(set, source: source) { design.windows(index: $0.index, months: months) }
    }

    /// The set's counts in the placebo windows for a main window of `months`
    /// (`WindowDesign.placeboWindows`), or nil when the set does not enter them.
    public func placeboCounts(_ set: AnalysisSet, source: OutcomeSource, months: Int) -> SetCounts? {
        guard design.placeboMonths(for: months) != nil else { return nil }
        return setCounts(set, source: source) { design.placeboWindows(index: $0.index, months: months)! }
    }

    private func setCounts(_ set: AnalysisSet, source: OutcomeSource, windows: (SetMember) -> OutcomeWindows) -> SetCounts? {
        guard let c = counts(set.client, source: source, windows: windows(set.client)) else { return nil }
        let controls = set.controls.compactMap { counts($0, source: source, windows: windows($0)) }
        guard !controls.isEmpty else { return nil }
        return SetCounts(clientBefore: c.before, clientAfter: c.after,
                         controlsBefore: controls.map(\.before), controlsAfter: controls.map(\.after))
    }

    /// Events per calendar month over the pre-trend months (`WindowDesign.preTrendMonths`):
    /// the client's counts and the mean of its qualifying controls' counts
    /// (a control qualifies when its months lie inside the observation
    /// period); nil when the client's do not or no control qualifies.
    public func preTrendCounts(_ set: AnalysisSet, source: OutcomeSource) -> (client: [Double], controls: [Double])? {
        guard let months = design.preTrendMonths, let period = periods[source] else { return nil }
        func monthly(_ m: SetMember) -> [Double]? {
            let first = m.index.adding(months: months.lowerBound)
            let end = WindowDesign.monthBefore(-months.upperBound, index: m.index).upperBound
            guard first >= period.lowerBound, end - 1 <= period.upperBound.number else { return nil }
            let days = source.days(m.history)
            return months.map { Double(days.count(in: WindowDesign.monthBefore(-$0, index: m.index))) }
        }
        guard let client = monthly(set.client) else { return nil }
        let controls = set.controls.compactMap(monthly)
        guard !controls.isEmpty else { return nil }
        let mean = client.indices.map { k in controls.reduce(0) { $0 + $1[k] } / Double(controls.count) }
        return (client, mean)
    }
}
