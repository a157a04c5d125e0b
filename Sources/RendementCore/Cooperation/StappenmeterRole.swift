/// Who completed a Stappenmeter (`rol_invuller`): the chair of the case
/// meeting, the process director, or a partner organisation's delegate.
public enum StappenmeterRole: String, CaseIterable, Sendable, Codable {
    case voorzitter, procesregisseur, ketenpartner
}
