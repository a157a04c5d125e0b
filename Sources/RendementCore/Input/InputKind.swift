/// The five input files of the contract (data-schema/contract.md section 1).
public enum InputKind: String, CaseIterable, Sendable {
    case bvh, hks, clienten, veiligheidshuizen, personen

    /// Police extracts carry an observation period.
    public var isPoliceExtract: Bool { self == .bvh || self == .hks }
}
