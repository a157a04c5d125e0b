/// The role a person has in a BVH incident. "Police contact" in recidivism
/// terms is a registration as `verdachte` (suspect) or `betrokkene` (involved).
public enum BVHRole: String, CaseIterable, Sendable, Codable {
    case verdachte, betrokkene, slachtoffer, getuige, aangever, overig

    public init?(text: some StringProtocol) {
        let t = text.lowercased()
        if let r = BVHRole(rawValue: t) { self = r; return }
        switch t {
        case "suspect", "verd", "verdacht": self = .verdachte
        case "involved", "betr", "betrokken": self = .betrokkene
        case "victim": self = .slachtoffer
        case "witness": self = .getuige
        case "reporter", "melder": self = .aangever
        case "other", "anders": self = .overig
        default: return nil
        }
    }

    /// Stable integer code for the store.
    public var code: Int { BVHRole.allCases.firstIndex(of: self)! }

    public init?(code: Int) {
        guard BVHRole.allCases.indices.contains(code) else { return nil }
        self = BVHRole.allCases[code]
    }

    /// Whether this role counts as a police contact by default.
    public var isPoliceContact: Bool { self == .verdachte || self == .betrokkene }
}
