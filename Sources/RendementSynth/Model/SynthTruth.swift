/// What the generator planted, written as `truth.json` beside the extracts so
/// tests and checks can compare the analysis with the truth.
public struct SynthTruth: Codable, Sendable {
    /// One planted broken row of a `--messy` extract and the rejection the
    /// importer must give it.
    public struct BrokenRow: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
        /// Canonical column name, empty when the whole row is at fault.
        public var column: String
    }

    /// Expected rate ratio of one age band in one window (mean multiplier over
    /// the after-window for an intake on `reference_index_date`).
    public struct ExpectedRateRatio: Codable, Sendable {
        public var band: String
        public var windowMonths: Int
        public var rateRatio: Double
    }

    public var tool: String
    public var seed: UInt64
    public var scale: String
    public var messy: Bool
    public var persons: Int
    public var clients: Int
    public var clientsWithoutPoliceRecord: Int
    public var registrations: Int
    public var registrationsWithoutPlan: Int
    public var rows: [String: Int]
    public var duplicateRows: [String: Int]
    public var periods: [String: [String]]
    public var intakePeriod: [String]
    public var personsWithBirthDateConflict: Int
    public var effect: PlantedEffect
    /// How clients were selected: `observed` (history) or `latent` (rate).
    public var selection: ClientSelection
    /// The crisis planted in the months before intake (factor 1: none).
    public var spike: PreIntakeSpike
    public var effectDescription: String
    public var referenceIndexDate: String
    public var expectedRateRatios: [ExpectedRateRatio]
    public var brokenRows: [BrokenRow]
    public var mappingFiles: [String: String]
}
