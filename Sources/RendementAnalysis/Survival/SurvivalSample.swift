import RendementCore

/// The persons of the matched sets as survival data for one source: days
/// from the index date (after the grace period) to the first event,
/// censored at the end of the source's observation period; clients with
/// weight 1 and each of a set's k followed controls with weight 1/k (the
/// weighting of `effects.csv`), with the set as stratum and cluster.
struct SurvivalSample {
    var times: [Double] = []
    var events: [Bool] = []
    var isClient: [Bool] = []
    var weights: [Double] = []
    var sets: [Int] = []
    var ages: [Double] = []
    /// Sets with a followed client and at least one followed control.
    var setCount = 0

    var isEmpty: Bool { times.isEmpty }
    var groups: [Int] { isClient.map { $0 ? 1 : 0 } }

    /// (time in days, event) for one member, or nil when it cannot be followed
    /// (index date outside the period, or no day after the grace period left).
    static func observation(_ m: SetMember, source: OutcomeSource, period: ClosedRange<Day>, graceDays: Int) -> (Double, Bool)? {
        let start = m.index.number + Int32(graceDays)
        guard m.index >= period.lowerBound, start < period.upperBound.number else { return nil }
        if let first = source.days(m.history).first(onOrAfter: start + 1), first <= period.upperBound.number {
            return (Double(first - m.index.number), true)
        }
        return (Double(period.upperBound.number - m.index.number), false)
    }

    init(_ analysisSets: [AnalysisSet], source: OutcomeSource, period: ClosedRange<Day>, graceDays: Int) {
        for s in analysisSets {
            guard let c = Self.observation(s.client, source: source, period: period, graceDays: graceDays) else { continue }
            let controls = s.controls.compactMap { m in
                Self.observation(m, source: source, period: period, graceDays: graceDays).map { (m, $0) }
            }
            guard !controls.isEmpty else { continue }
            setCount += 1
            append(c, client: true, weight: 1, set: s.id, age: s.client.age)
            for (m, o) in controls { append(o, client: false, weight: 1 / Double(controls.count), set: s.id, age: m.age) }
        }
    }

    private mutating func append(_ o: (Double, Bool), client: Bool, weight: Double, set: Int, age: Int) {
        times.append(o.0); events.append(o.1); isClient.append(client); weights.append(weight); sets.append(set); ages.append(Double(age))
    }

    /// The indices of one group's members.
    func members(clients: Bool) -> [Int] { isClient.indices.filter { isClient[$0] == clients } }
}
