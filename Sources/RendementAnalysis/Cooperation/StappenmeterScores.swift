import RendementCore
import RendementStats
import RendementStore

/// The Stappenmeter scores of one instrument (docs/cooperation.md): per
/// Veiligheidshuis, casusoverleg and quarter of completion -- and for all
/// of each (nil) -- the mean score of each step and of the total (a form's
/// total is the mean of the steps it scored) with a t confidence interval,
/// and the distribution (counts per point of the scale for a step,
/// quartiles for the total). Every cell keeps its number of questionnaires.
public struct StappenmeterScores: Sendable, Codable, Equatable {
    /// One cell of the table.
    public struct Cell: Sendable, Codable, Equatable {
        public var veiligheidshuis: String?
        public var casusoverleg: String?
        public var quarter: Quarter?
        /// The step id; nil for the total.
        public var step: String?
        /// Questionnaires with a score (on this step; for the total: all of them).
        public var n: Int
        public var mean: Double
        /// Sample standard deviation (n - 1); NaN for one questionnaire.
        public var standardDeviation: Double
        /// mean -/+ t(0.975, n - 1) sd / sqrt(n); nil below two questionnaires.
        public var ci: ConfidenceInterval?
        /// Questionnaires per point of the scale, from its min to its max (steps only).
        public var distribution: [Int]?
        public var q1: Double
        public var median: Double
        public var q3: Double
    }

    /// A form's scores, reduced to what the tables use.
    struct Form {
        var house: String
        var meeting: String
        var quarter: Quarter
        var scores: [String: Int]
        /// Mean of the scored steps.
        var total: Double
    }

    public var cells: [Cell]

    /// The cell of a Veiligheidshuis, casusoverleg, quarter and step (nil = all / the total).
    public func cell(house: String?, meeting: String? = nil, quarter: Quarter?, step: String?) -> Cell? {
        cells.first { $0.veiligheidshuis == house && $0.casusoverleg == meeting && $0.quarter == quarter && $0.step == step }
    }

    /// The table of `forms`, all filled in on `instrument`.
    static func compute(_ forms: [Form], instrument: StappenmeterInstrument) -> StappenmeterScores {
        var groups: [Key: [Form]] = [:]
        for f in forms {
            for h in [f.house, nil] as [String?] {
                for m in [f.meeting, nil] as [String?] {
                    for q in [f.quarter, nil] as [Quarter?] { groups[Key(house: h, meeting: m, quarter: q), default: []].append(f) }
                }
            }
        }
        var cells: [Cell] = []
        for key in groups.keys.sorted() {
            let group = groups[key]!
            cells.append(cell(key, step: nil, values: group.map(\.total), scale: nil))
            for step in instrument.stepIDs {
                let values = group.compactMap { $0.scores[step] }
                guard !values.isEmpty else { continue }
                cells.append(cell(key, step: step, values: values.map(Double.init),
                                  scale: (instrument.scale.min, instrument.scale.max)))
            }
        }
        return StappenmeterScores(cells: cells)
    }

    static func cell(_ key: Key, step: String?, values: [Double], scale: (Int, Int)?) -> Cell {
        let n = values.count
        let mean = Descriptives.mean(values), sd = Descriptives.standardDeviation(values)
        let ci = n >= 2 ? ConfidenceInterval.wald(estimate: mean, standardError: sd / Double(n).squareRoot(),
                                                  criticalValue: StudentT(degreesOfFreedom: Double(n - 1)).quantile(0.975), level: 0.95) : nil
        let q = Descriptives.quantiles(values, [0.25, 0.5, 0.75])
        let distribution = scale.map { lo, hi in (lo...hi).map { p in values.filter { $0 == Double(p) }.count } }
        return Cell(veiligheidshuis: key.house, casusoverleg: key.meeting, quarter: key.quarter, step: step, n: n, mean: mean,
                    standardDeviation: sd, ci: ci, distribution: distribution, q1: q[0], median: q[1], q3: q[2])
    }

    /// A cell's key; nil (all) sorts first.
    struct Key: Hashable, Comparable {
        var house: String?
        var meeting: String?
        var quarter: Quarter?
        static func < (a: Key, b: Key) -> Bool {
            (a.house ?? "", a.meeting ?? "", a.quarter.map { $0.year * 4 + $0.quarter } ?? 0)
                < (b.house ?? "", b.meeting ?? "", b.quarter.map { $0.year * 4 + $0.quarter } ?? 0)
        }
    }
}
