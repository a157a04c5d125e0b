import RendementCore
import RendementStats

/// The second comparison: clients against clients who have not entered yet
/// (staggered difference-in-differences, Callaway & Sant'Anna 2021 with
/// not-yet-treated comparison units, `StaggeredDifferenceInDifferences`).
///
/// Units are the clients of the matched sets (each once), cohorts their
/// intake month, outcomes their monthly BVH contacts and HKS reports
/// (`MonthlyPanel`). Months are counted from the intake month (0): with
/// anticipation M the base is the mean count over months -(M + 12)..-(M + 1)
/// (a year, so that a rise in a single month before the anticipation months
/// does not become the level everything is compared with); months -M...0 count nowhere
/// (the crisis before intake, and the intake month, partly before intake);
/// month k of a client is compared with the clients whose intake month
/// lies more than M months after it (for months before the end of the base
/// year: after the end of the base year). In the estimator's terms the first treated period is
/// month 1 and the anticipation M + 1 periods. A window of W months is the
/// cumulative effect over months 1...W, over the intake cohorts that have
/// all W months. Cells with fewer comparison clients than the suppression
/// threshold are left out. A client takes part in a month's comparison only
/// when it was surely 12 (the age of criminal responsibility) in that month
/// and the base month: before that its count of 0 is no level, and the
/// rise at its 12th birthday no trend. Parallel trends is assumed within
/// bands of three birth years only: a client is compared with clients born in
/// the same band (Callaway & Sant'Anna's conditional parallel trends with
/// the band as a saturated covariate), as later entrants are more often
/// young and police contact rises and falls with age. Estimated for all clients and per age band,
/// Veiligheidshuis and region; the event-time curve (months -12..12, with a
/// uniform band) for all clients.
public struct StaggeredComparison: Sendable {
    /// Months of the event-time curve, counted from the intake month (0).
    public static let eventMonths = -12...12
    /// The same in the estimator's event time (from month 1, the first treated period).
    static let eventTimes = (eventMonths.lowerBound - 1)...(eventMonths.upperBound - 1)
    /// Months in the base window: the base is a client's mean count over the
    /// year before the anticipation months, months -(M + 12)..-(M + 1).
    public static let baseMonths = 12
    /// Multiplier-bootstrap draws and seed of the uniform band.
    public static let draws = 999, seed: UInt64 = 2021_0013

    public var periods: ObservationPeriods
    public var windows: [Int]
    public var ageBands: [AgeBand]
    public var anticipationMonths: Int
    public var minimumCell: Int

    public init(periods: ObservationPeriods, windows: [Int], ageBands: [AgeBand], anticipationMonths: Int, minimumCell: Int) {
        self.periods = periods
        self.windows = windows
        self.ageBands = ageBands
        self.anticipationMonths = anticipationMonths
        self.minimumCell = minimumCell
    }

    /// A client of the sets as a unit, with its age and scopes.
    struct Client: Sendable {
        var unit: MonthlyPanel.Unit
        var age: Int
        var scopes: [Scope]
    }

    /// Every row and the event-time curves of all clients.
    public func estimate(_ sets: [AnalysisSet]) -> StaggeredResults {
        let clients = sets.sorted { $0.id < $1.id }.map { s in
            Client(unit: .init(key: UInt64(s.id), intake: s.client.index, history: s.client.history, atRiskFrom: Self.twelfth(s.client),
                               stratum: Self.birthBand(s.client)), age: s.client.age,
                   scopes: [.all, Scope(.veiligheidshuis, s.veiligheidshuis), Scope(.regio, s.regio)])
        }
        var groups: [(Scope, String, [Client])] = []
        let scopes = Set(clients.flatMap(\.scopes)).sorted()
        for scope in scopes {
            let members = clients.filter { $0.scopes.contains(scope) }
            groups.append((scope, "all", members))
            if scope == .all { for band in ageBands { groups.append((scope, band.description, members.filter { band.contains($0.age) })) } }
        }
        // All clients' estimators serve both their window rows and the event-time curves.
        let units = clients.map(\.unit)
        let allFits = ParallelMap.map(OutcomeSource.allCases) { source in estimator(units, source: source) }
        let rows = ParallelMap.map(groups.map { ($0.0, $0.1, $0.2.map(\.unit)) }) { g in
            OutcomeSource.allCases.enumerated().flatMap { k, source in
                let fit = g.0 == .all && g.1 == "all" ? allFits[k]?.1 : estimator(g.2, source: source)?.1
                return self.rows(scope: g.0, band: g.1, units: g.2, source: source, fit: fit)
            }
        }
        let studies = ParallelMap.map(Array(OutcomeSource.allCases.enumerated())) { k, source in
            allFits[k].flatMap { eventStudy($0.0, $0.1, source: source) }
        }.compactMap { $0 }
        return StaggeredResults(anticipationMonths: anticipationMonths, rows: rows.flatMap { $0 }, eventStudies: studies,
                                draws: Self.draws, seed: Self.seed)
    }

    /// The day from which a client is 12: its 12th birthday (without a birth
    /// date, from its age in whole years at intake, the latest day it can be);
    /// nil when neither is known.
    static func twelfth(_ m: SetMember) -> Day? {
        if let birth = m.birth { return birth.adding(months: 144) }
        return m.age >= 0 ? m.index.adding(months: -12 * (m.age - 12)) : nil
    }

    /// Years of birth compared together: clients are compared only with clients
    /// born in the same band, so that they are of about the same age in every
    /// calendar month (police contact rises and falls with age, and later
    /// entrants are more often young).
    public static let birthBandYears = 3

    /// The client's band of birth years (from its age at intake when the birth date is unknown).
    static func birthBand(_ m: SetMember) -> Int {
        let year = m.birth?.year ?? (m.index.year - max(m.age, 0))
        return Int((Double(year) / Double(birthBandYears)).rounded(.down))
    }

    /// The estimator for `units` and `source`, or nil when the source has no whole months.
    func estimator(_ units: [MonthlyPanel.Unit], source: OutcomeSource) -> (MonthlyPanel, StaggeredDifferenceInDifferences)? {
        guard let period = periods[source], let panel = MonthlyPanel.build(units, source: source, period: period) else { return nil }
        do {
            let did = try StaggeredDifferenceInDifferences(panel.panel, anticipation: anticipationMonths + 1, eventTimes: Self.eventTimes,
                                                           minimumComparison: minimumCell, baseLength: Self.baseMonths)
            return (panel, did)
        } catch {
            preconditionFailure("valid anticipation and minimum are checked by AnalysisSettings: \(error)")
        }
    }

    /// The window rows of one scope, band and source from its estimator (nil: the source has no whole months).
    func rows(scope: Scope, band: String, units: [MonthlyPanel.Unit], source: OutcomeSource,
              fit: StaggeredDifferenceInDifferences?) -> [StaggeredRow] {
        let preTrend = Self.preTrendMonths(anticipation: anticipationMonths).flatMap { months in
            fit?.waldTest(eventTimes: (months.lowerBound - 1)...(months.upperBound - 1))
        }
        return windows.map { w in
            let effect = fit?.cumulative(periods: w)
            let suppressed = effect.map { $0.treated < minimumCell || $0.comparison < minimumCell } ?? (units.count < minimumCell)
            return StaggeredRow(scope: scope, ageBand: band, source: source, windowMonths: w, clients: units.count,
                                effect: effect, preTrend: preTrend, suppressed: suppressed)
        }
    }

    /// Months (from the intake month) of the pre-trend test: -12 up to the last month before the anticipation months, -(M + 1):
    /// under parallel trends the clients' deviation from their base in these months is 0.
    /// Nil when the anticipation months leave none.
    public static func preTrendMonths(anticipation: Int) -> ClosedRange<Int>? {
        let last = -(anticipation + 1)
        return last >= -12 ? -12...last : nil
    }

    /// The event-time curve of all clients for `source`, from their panel and estimator.
    func eventStudy(_ panel: MonthlyPanel, _ fit: StaggeredDifferenceInDifferences, source: OutcomeSource) -> StaggeredResults.EventStudy? {
        do {
            var study = try fit.eventStudy(Self.eventTimes, draws: Self.draws, seed: Self.seed, keys: panel.keys)
            for i in study.points.indices { study.points[i].eventTime += 1 }  // months from the intake month
            return .init(source: source, study: study)
        } catch {
            preconditionFailure("one key per unit and a valid level: \(error)")
        }
    }
}
