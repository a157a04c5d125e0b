/// The five input files of the contract (data-schema/contract.md section 1).
public enum InputKind: String, CaseIterable, Sendable {
    case bvh, hks, clienten, veiligheidshuizen, personen
    /// Completed Stappenmeters (self-reports on the cooperation of a case meeting).
    case stappenmeter

    /// The kinds matching reads: a replaced import of any of them makes a
    /// match run (and every analysis of it) stale.
    public static let readByMatching: [InputKind] = [.personen, .bvh, .hks, .clienten]

    /// The kinds an analysis reads besides its matching run's (the registry:
    /// regions and founding years; the Stappenmeters): a replaced import makes the analysis stale.
    public static let readByAnalysisOnly: [InputKind] = [.veiligheidshuizen, .stappenmeter]

    /// Police extracts carry an observation period.
    public var isPoliceExtract: Bool { self == .bvh || self == .hks }
}
