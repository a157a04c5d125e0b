import RendementCore
import RendementStore

/// The cooperation part of an analysis run (issue 16, docs/cooperation.md):
/// the indicators from the client registrations and, per Stappenmeter
/// instrument, the scores, their trends and the exploratory ecological
/// association with the quarterly cohort effects. Stored with the run in
/// `AnalysisResults`; reports render it and never recompute.
public struct CooperationResults: Sendable, Codable, Equatable {
    /// Everything about the questionnaires filled in on one instrument.
    public struct InstrumentScores: Sendable, Codable, Equatable {
        public var instrument: StappenmeterInstrument
        public var forms: Int
        public var scores: StappenmeterScores
        public var trends: [StappenmeterTrend]
        public var association: EcologicalAssociation

        /// The trend of a Veiligheidshuis (nil: all) and step (nil: the total).
        public func trend(house: String?, step: String?) -> StappenmeterTrend? {
            trends.first { $0.veiligheidshuis == house && $0.step == step }
        }
    }

    public var indicators: CooperationIndicators
    /// One entry per instrument definition, by name.
    public var stappenmeter: [InstrumentScores]

    /// The outcome source and window of the cohort effect in the ecological association (the headline's: BVH, 2 months or the first window).
    public static func associationWindow(_ windows: [Int]) -> Int { windows.contains(2) ? 2 : windows.first ?? 2 }

    /// Computes the cooperation results.
    /// - Parameters:
    ///   - minimumCell: a quarter's mean score enters the association only with at least this many questionnaires.
    public static func compute(registrations: [RegistrationRecord], forms: [StappenmeterForm], instruments: [Int64: StappenmeterInstrument],
                               effects: [EffectRow], windows: [Int], minimumCell: Int) -> CooperationResults {
        var byInstrument: [(StappenmeterInstrument, [StappenmeterScores.Form])] = []
        for f in forms {
            guard let instrument = instruments[f.importID] else { continue }  // forms are read with their live import's instrument
            let scored = instrument.stepIDs.compactMap { f.scores[$0] }
            let form = StappenmeterScores.Form(house: f.veiligheidshuis, meeting: f.casusoverleg, quarter: Quarter(containing: f.invuldatum),
                                               scores: f.scores, total: Double(scored.reduce(0, +)) / Double(max(scored.count, 1)))
            if let i = byInstrument.firstIndex(where: { $0.0 == instrument }) { byInstrument[i].1.append(form) } else { byInstrument.append((instrument, [form])) }
        }
        byInstrument.sort { ($0.0.instrument, $0.0.version, $0.0.stepIDs.joined(separator: ",")) < ($1.0.instrument, $1.0.version, $1.0.stepIDs.joined(separator: ",")) }
        let window = associationWindow(windows)
        let stappenmeter = byInstrument.map { instrument, list in
            let scores = StappenmeterScores.compute(list, instrument: instrument)
            return InstrumentScores(instrument: instrument, forms: list.count, scores: scores, trends: trends(list, instrument),
                                    association: association(scores, effects: effects, window: window, minimumCell: minimumCell))
        }
        return CooperationResults(indicators: CooperationIndicators.compute(registrations), stappenmeter: stappenmeter)
    }

    /// Trends per Veiligheidshuis (and all) for the total and each step.
    static func trends(_ forms: [StappenmeterScores.Form], _ instrument: StappenmeterInstrument) -> [StappenmeterTrend] {
        let houses = [nil] + Set(forms.map(\.house)).sorted().map(Optional.some)
        return houses.flatMap { house -> [StappenmeterTrend] in
            let mine = forms.filter { house == nil || $0.house == house }
            let total = StappenmeterTrend.fit(house: house, step: nil, mine.map { ($0.quarter, $0.total) })
            return [total] + instrument.stepIDs.compactMap { step in
                let points = mine.compactMap { f in f.scores[step].map { (f.quarter, Double($0)) } }
                return points.isEmpty ? nil : StappenmeterTrend.fit(house: house, step: step, points)
            }
        }
    }

    /// The points (Veiligheidshuis, quarter) with a published mean total and a published cohort effect, and their fit.
    static func association(_ scores: StappenmeterScores, effects: [EffectRow], window: Int, minimumCell: Int) -> EcologicalAssociation {
        var did: [String: (Double, Int)] = [:]
        for e in effects where e.scope.kind == .veiligheidshuisKwartaal && e.source == .bvh && e.windowMonths == window && e.ageBand == "all" && !e.suppressed {
            guard let q = e.scope.quarter, let est = e.estimate, est.summary.did.isFinite else { continue }
            did["\(e.scope.name)|\(q)"] = (est.summary.did, est.summary.clients)
        }
        let points = scores.cells.compactMap { c -> EcologicalAssociation.Point? in
            guard let house = c.veiligheidshuis, c.casusoverleg == nil, let q = c.quarter, c.step == nil, c.n >= minimumCell,
                  let (d, clients) = did["\(house)|\(q)"] else { return nil }
            return EcologicalAssociation.Point(veiligheidshuis: house, quarter: q, meanScore: c.mean, questionnaires: c.n, did: d, clients: clients)
        }
        return EcologicalAssociation.fit(points, source: OutcomeSource.bvh.rawValue, windowMonths: window)
    }
}
