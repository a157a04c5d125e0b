import RendementCore

/// Which populations of an analysis run may be published: decided once, from
/// the stored results, before any table is written -- and asked by every
/// table, page and chart (`mayPublish`).
///
/// A *population* is a group of matched sets that a published row describes:
/// - an effects row: scope x age band x source x window (`EffectRow`), with
///   its additive counts of persons: sets (= clients), controls, clients with
///   and without an event before and after intake (prevalence x sets), the
///   sets of its placebo and of its pre-trend test;
/// - a cohort cell: the matched sets and the clients of one
///   Veiligheidshuis in one intake quarter (`AnalysisResults.setTallies`,
///   the clients per quarter of the matching run), with the totals per
///   Veiligheidshuis, per region, per quarter and of the country.
///
/// Primary suppression hides a population when any of its counts lies in
/// `1 ..< threshold` -- so a figure derived from fewer persons (a
/// prevalence x n, or n minus it, below the threshold) is hidden too.
/// Secondary suppression (`ComplementarySuppression`) then runs over the
/// real hierarchies, per source and window: age bands within all ages;
/// Veiligheidshuizen within their region and the country, regions within the
/// country, and likewise intake quarters and target groups within the
/// country; intake quarters within a Veiligheidshuis's "so far", rolling
/// year and year to date; Veiligheidshuizen within the country's quarter and
/// rolling year. A hidden population hides every figure of its row,
/// including its counts, whether it was hidden for its own counts or to
/// protect another -- a reader cannot tell which (docs/privacy.md).
public struct DisclosurePlan: Sendable {
    /// An effects row's population.
    public struct RowKey: Hashable, Sendable {
        public var scope: Scope
        public var ageBand: String
        public var source: OutcomeSource
        public var windowMonths: Int

        public init(_ r: EffectRow) {
            self.init(scope: r.scope, ageBand: r.ageBand, source: r.source, windowMonths: r.windowMonths)
        }

        /// The population of a row of the not-yet-treated comparison: the same groups as the effects rows.
        public init(_ r: StaggeredRow) {
            self.init(scope: r.scope, ageBand: r.ageBand, source: r.source, windowMonths: r.windowMonths)
        }

        public init(scope: Scope, ageBand: String, source: OutcomeSource, windowMonths: Int) {
            self.scope = scope
            self.ageBand = ageBand
            self.source = source
            self.windowMonths = windowMonths
        }
    }

    /// A cohort cell: one Veiligheidshuis (nil: all) in one intake quarter (nil: all quarters).
    public struct CohortKey: Hashable, Sendable {
        public var veiligheidshuis: String?
        public var quarter: Quarter?
    }

    public let threshold: Int
    /// Hidden effects rows, with why.
    public private(set) var rows: [RowKey: ComplementarySuppression.Status] = [:]
    /// Hidden cohort cells, with why.
    public private(set) var cohort: [CohortKey: ComplementarySuppression.Status] = [:]
    /// Hidden rows of the not-yet-treated comparison (`StaggeredRow`), with why.
    public private(set) var staggered: [RowKey: ComplementarySuppression.Status] = [:]

    /// The plan for `results`; `regions` maps each Veiligheidshuis to its
    /// region, `clients` gives the clients per Veiligheidshuis and intake
    /// quarter (of the matching run).
    public init(results: AnalysisResults, regions: [String: String], clients: [(veiligheidshuis: String, quarter: Quarter, clients: Int)]) {
        threshold = results.settings.minimumCell
        planRows(results.effects, regions: regions)
        planStaggered(results.staggered?.rows ?? [], regions: regions)
        planCohort(results.setTallies, clients: clients, regions: regions)
    }

    /// Whether an effects row's figures and counts may be published.
    public func mayPublish(_ row: EffectRow) -> Bool { rows[RowKey(row)] == nil }

    /// Whether the counts (clients, matched sets) of a Veiligheidshuis (nil:
    /// all) in an intake quarter (nil: all quarters) may be published.
    public func mayPublishCohort(house: String?, quarter: Quarter? = nil) -> Bool {
        cohort[CohortKey(veiligheidshuis: house, quarter: quarter)] == nil
    }

    /// `results` with every hidden row marked suppressed (`EffectRow.suppressed`),
    /// secondary ones with `secondarySuppressed`, so that tables built on the
    /// rows hide them.
    public func applied(to results: AnalysisResults) -> AnalysisResults {
        var out = results
        for i in out.effects.indices {
            guard let status = rows[RowKey(out.effects[i])] else { continue }
            out.effects[i].suppressed = true
            if status == .secondary { out.effects[i].secondarySuppressed = true }
        }
        for i in out.staggered?.rows.indices ?? 0..<0 where staggered[RowKey(out.staggered!.rows[i])] != nil {
            out.staggered!.rows[i].suppressed = true
        }
        return out
    }

    /// The additive counts of persons of an effects row (see the type's comment).
    public static func counts(_ r: EffectRow) -> [Int] {
        let placebo = r.placebo.estimate?.summary.sets ?? 0
        guard let s = r.estimate?.summary else { return [0, 0, 0, 0, 0, 0, placebo, r.preTrend.sets] }
        let n = s.sets
        let before = Int((s.clientsBeforePrevalence * Double(n)).rounded()), after = Int((s.clientsAfterPrevalence * Double(n)).rounded())
        return [n, s.controls, before, after, n - before, n - after, placebo, r.preTrend.sets]
    }

    // MARK: effects rows

    private mutating func planRows(_ effects: [EffectRow], regions: [String: String]) {
        var groups: [String: [EffectRow]] = [:]
        for r in effects { groups["\(r.source.rawValue) \(r.windowMonths)", default: []].append(r) }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            var index: [RowKey: Int] = [:]
            for (i, r) in group.enumerated() { index[RowKey(r)] = i }
            var plan = ComplementarySuppression(values: group.map(Self.counts),
                                                relations: Self.relations(group.map(RowKey.init), index: index, regions: regions), threshold: threshold)
            plan.protect()
            for (i, r) in group.enumerated() where plan.isHidden(i) { rows[RowKey(r)] = plan.status[i] }
        }
    }

    /// The relations among the rows of one source and window.
    static func relations(_ group: [RowKey], index: [RowKey: Int], regions: [String: String]) -> [ComplementarySuppression.Relation] {
        guard let first = group.first else { return [] }
        func at(_ scope: Scope, _ band: String = "all") -> Int? {
            var k = first
            k.scope = scope
            k.ageBand = band
            return index[k]
        }
        var out: [ComplementarySuppression.Relation] = []
        func add(_ total: Int?, _ parts: [Int?]) {
            guard let total else { return }
            let p = parts.compactMap { $0 }
            if !p.isEmpty { out.append(.init(total: total, parts: p)) }
        }
        let scopes = Set(group.map(\.scope))
        let bands = Set(group.map(\.ageBand)).subtracting(["all"]).sorted()
        // Age bands within all ages, for every scope estimated by age band.
        for s in scopes.sorted() where !s.kind.isPeriod { add(at(s), bands.map { at(s, $0) }) }
        // Within the country: houses, regions, quarters, target groups; houses within regions.
        let byKind = Dictionary(grouping: scopes.sorted(), by: \.kind)
        let named = { (kind: Scope.Kind) in byKind[kind] ?? [] }
        for band in ["all"] + bands {
            for kind in [Scope.Kind.veiligheidshuis, .regio, .kwartaal, .doelgroep] {
                add(at(.all, band), named(kind).map { at($0, band) })
            }
            for region in named(.regio) {
                add(at(region, band), named(.veiligheidshuis).filter { regions[$0.name] == region.name }.map { at($0, band) })
            }
        }
        // Intake quarters within a house's so far, rolling year and year to date; houses within the country's periods.
        let quarterScopes = named(.veiligheidshuisKwartaal)
        for (house, quarters) in Dictionary(grouping: quarterScopes, by: \.name).sorted(by: { $0.key < $1.key }) {
            add(at(Scope(.veiligheidshuis, house)), quarters.map { at($0) })
        }
        for s in named(.veiligheidshuisVierKwartalen) {
            add(at(s), (0..<4).map { at(Scope(.veiligheidshuisKwartaal, s.name, quarter: s.quarter!.adding(-$0))) })
        }
        for s in named(.veiligheidshuisJaar) {
            let q = s.quarter!
            add(at(s), (0..<q.quarter).map { at(Scope(.veiligheidshuisKwartaal, s.name, quarter: q.adding(-$0))) })
            // Nested totals: the year to date = that of the quarter before + this quarter (else their difference gives the quarter away).
            if q.quarter > 1 {
                add(at(s), [at(Scope(.veiligheidshuisJaar, s.name, quarter: q.adding(-1))), at(Scope(.veiligheidshuisKwartaal, s.name, quarter: q))])
            }
        }
        for (q, parts) in Dictionary(grouping: quarterScopes, by: { $0.quarter! }).sorted(by: { $0.key < $1.key }) {
            add(at(Scope(.kwartaal, q.description)), parts.map { at($0) })
        }
        let rollingByQuarter = Dictionary(grouping: named(.veiligheidshuisVierKwartalen), by: { $0.quarter! })
        for s in named(.vierKwartalen) {
            add(at(s), (rollingByQuarter[s.quarter!] ?? []).map { at($0) })
            add(at(s), (0..<4).map { at(Scope(.kwartaal, s.quarter!.adding(-$0).description)) })
        }
        return out
    }

    // MARK: rows of the not-yet-treated comparison

    /// The staggered rows, per source and window, over the same hierarchies
    /// as the effects rows; a row whose effects row is hidden starts hidden,
    /// so that the two comparisons never show a group one of them hides.
    /// Counts: the clients that took part and their comparison clients.
    private mutating func planStaggered(_ rowsOfDesign: [StaggeredRow], regions: [String: String]) {
        var groups: [String: [StaggeredRow]] = [:]
        for r in rowsOfDesign { groups["\(r.source.rawValue) \(r.windowMonths)", default: []].append(r) }
        for key in groups.keys.sorted() {
            let group = groups[key]!, keys = group.map(RowKey.init)
            let index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let hidden = Set(group.indices.filter { group[$0].suppressed || rows[keys[$0]] != nil })
            var plan = ComplementarySuppression(values: group.map { [$0.clients, $0.effect?.comparison ?? 0] },
                                                relations: Self.relations(keys, index: index, regions: regions),
                                                threshold: threshold, hidden: hidden)
            plan.protect()
            for i in group.indices where plan.isHidden(i) { staggered[keys[i]] = plan.status[i] }
        }
    }

    /// Whether a row of the not-yet-treated comparison may be published.
    public func mayPublish(_ row: StaggeredRow) -> Bool { staggered[RowKey(row)] == nil }

    // MARK: cohort cells

    private mutating func planCohort(_ tallies: [AnalysisResults.SetTally], clients: [(veiligheidshuis: String, quarter: Quarter, clients: Int)],
                                     regions: [String: String]) {
        var counts: [CohortKey: [Int]] = [:]
        func add(_ k: CohortKey, sets: Int, clients: Int) {
            let c = counts[k] ?? [0, 0]
            counts[k] = [c[0] + sets, c[1] + clients]
        }
        for t in tallies {
            for k in Self.cohortKeys(t.veiligheidshuis, t.quarter) { add(k, sets: t.sets, clients: 0) }
        }
        for c in clients {
            for k in Self.cohortKeys(c.veiligheidshuis, c.quarter) { add(k, sets: 0, clients: c.clients) }
        }
        // Region totals (houses within regions) are cells too: the regions table publishes them (as sets per window).
        var regionCells: [String: [Int]] = [:]
        for (k, v) in counts where k.quarter == nil {
            guard let h = k.veiligheidshuis, let r = regions[h] else { continue }
            let c = regionCells[r] ?? [0, 0]
            regionCells[r] = [c[0] + v[0], c[1] + v[1]]
        }
        let keys = counts.keys.sorted { ($0.veiligheidshuis ?? "", $0.quarter.map { $0.year * 4 + $0.quarter } ?? 0) < ($1.veiligheidshuis ?? "", $1.quarter.map { $0.year * 4 + $0.quarter } ?? 0) }
        let regionNames = regionCells.keys.sorted()
        let values = keys.map { counts[$0]! } + regionNames.map { regionCells[$0]! }
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        let regionIndex = Dictionary(uniqueKeysWithValues: regionNames.enumerated().map { ($1, keys.count + $0) })
        var relations: [ComplementarySuppression.Relation] = []
        let houses = Set(keys.compactMap(\.veiligheidshuis)).sorted()
        let quarters = Set(keys.compactMap(\.quarter)).sorted()
        let all = index[CohortKey(veiligheidshuis: nil, quarter: nil)]
        func cell(_ h: String?, _ q: Quarter?) -> Int? { index[CohortKey(veiligheidshuis: h, quarter: q)] }
        for h in houses { if let t = cell(h, nil) { relations.append(.init(total: t, parts: quarters.compactMap { cell(h, $0) })) } }
        for q in quarters { if let t = cell(nil, q) { relations.append(.init(total: t, parts: houses.compactMap { cell($0, q) })) } }
        if let all {
            relations.append(.init(total: all, parts: houses.compactMap { cell($0, nil) }))
            relations.append(.init(total: all, parts: quarters.compactMap { cell(nil, $0) }))
            relations.append(.init(total: all, parts: regionNames.map { regionIndex[$0]! }))
        }
        for r in regionNames {
            relations.append(.init(total: regionIndex[r]!, parts: houses.filter { regions[$0] == r }.compactMap { cell($0, nil) }))
        }
        var plan = ComplementarySuppression(values: values, relations: relations, threshold: threshold)
        plan.protect()
        for (i, k) in keys.enumerated() where plan.isHidden(i) { cohort[k] = plan.status[i] }
    }

    /// The cell of a house and quarter and the totals it counts in.
    static func cohortKeys(_ house: String, _ quarter: Quarter) -> [CohortKey] {
        [CohortKey(veiligheidshuis: house, quarter: quarter), CohortKey(veiligheidshuis: house, quarter: nil),
         CohortKey(veiligheidshuis: nil, quarter: quarter), CohortKey(veiligheidshuis: nil, quarter: nil)]
    }
}
