/// The descriptive figures of one scope, source and window (the first columns
/// of `effects.csv`): numbers of sets and persons, mean events and prevalence
/// (share with at least one event) before and after, for clients and for
/// controls, and the difference-in-differences of the means.
///
/// A control figure is the mean over sets of the mean over that set's
/// qualifying controls, so `did` equals the mean of the set-level `d`
/// (data-schema/contract.md section 4). Sets without a qualifying control are left out
/// by the caller.
public struct BeforeAfterSummary: Sendable, Equatable, Codable {
    public var sets: Int
    public var clients: Int
    public var controls: Int
    public var clientsBeforeMean: Double
    public var clientsAfterMean: Double
    public var controlsBeforeMean: Double
    public var controlsAfterMean: Double
    public var clientsBeforePrevalence: Double
    public var clientsAfterPrevalence: Double
    public var controlsBeforePrevalence: Double
    public var controlsAfterPrevalence: Double
    /// The set-level differences `d`, in the order of the input (not stored
    /// with a run: empty when read back from the store).
    public var differences: [Double]
    /// Sample standard deviation of `d` (n - 1; nil for fewer than two sets):
    /// what the power figures of the reports need, stored with the run.
    public var differencesStandardDeviation: Double?

    enum CodingKeys: String, CodingKey {
        case sets, clients, controls, clientsBeforeMean, clientsAfterMean, controlsBeforeMean, controlsAfterMean
        case clientsBeforePrevalence, clientsAfterPrevalence, controlsBeforePrevalence, controlsAfterPrevalence
        case differencesStandardDeviation
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sets = try c.decode(Int.self, forKey: .sets)
        clients = try c.decode(Int.self, forKey: .clients)
        controls = try c.decode(Int.self, forKey: .controls)
        clientsBeforeMean = try c.decode(Double.self, forKey: .clientsBeforeMean)
        clientsAfterMean = try c.decode(Double.self, forKey: .clientsAfterMean)
        controlsBeforeMean = try c.decode(Double.self, forKey: .controlsBeforeMean)
        controlsAfterMean = try c.decode(Double.self, forKey: .controlsAfterMean)
        clientsBeforePrevalence = try c.decode(Double.self, forKey: .clientsBeforePrevalence)
        clientsAfterPrevalence = try c.decode(Double.self, forKey: .clientsAfterPrevalence)
        controlsBeforePrevalence = try c.decode(Double.self, forKey: .controlsBeforePrevalence)
        controlsAfterPrevalence = try c.decode(Double.self, forKey: .controlsAfterPrevalence)
        differencesStandardDeviation = try c.decodeIfPresent(Double.self, forKey: .differencesStandardDeviation)
        differences = []
    }

    /// `(clients after - before) - (controls after - before)`.
    public var did: Double {
        (clientsAfterMean - clientsBeforeMean) - (controlsAfterMean - controlsBeforeMean)
    }

    public init(_ sets: [SetCounts]) {
        precondition(sets.allSatisfy { $0.controlCount > 0 }, "every set needs a qualifying control")
        let n = Double(sets.count)
        func mean(_ f: (SetCounts) -> Double) -> Double { sets.isEmpty ? .nan : sets.reduce(0) { $0 + f($1) } / n }
        func controlMean(_ values: [Int], _ transform: (Int) -> Double) -> Double {
            values.reduce(0) { $0 + transform($1) } / Double(values.count)
        }
        let count = { (x: Int) in Double(x) }
        let any = { (x: Int) in x > 0 ? 1.0 : 0.0 }
        self.sets = sets.count
        clients = sets.count
        controls = sets.reduce(0) { $0 + $1.controlCount }
        clientsBeforeMean = mean { count($0.clientBefore) }
        clientsAfterMean = mean { count($0.clientAfter) }
        controlsBeforeMean = mean { controlMean($0.controlsBefore, count) }
        controlsAfterMean = mean { controlMean($0.controlsAfter, count) }
        clientsBeforePrevalence = mean { any($0.clientBefore) }
        clientsAfterPrevalence = mean { any($0.clientAfter) }
        controlsBeforePrevalence = mean { controlMean($0.controlsBefore, any) }
        controlsAfterPrevalence = mean { controlMean($0.controlsAfter, any) }
        differences = sets.map(\.difference)
        differencesStandardDeviation = Self.standardDeviation(differences)
    }

    /// Sample standard deviation (n - 1), nil for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }
}
