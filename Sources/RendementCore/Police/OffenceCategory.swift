/// The main offence group of an HKS offence (delictcategorie).
public enum OffenceCategory: String, CaseIterable, Sendable, Codable {
    case geweld, vermogen
    case vernielingOpenbareOrde = "vernieling_openbare_orde"
    case drugs, verkeer, overig

    /// Accepts the canonical labels, ignoring case, spaces, `-` and `_`.
    public init?(text: some StringProtocol) {
        let key = InputName.normalize(String(text))
        guard let c = OffenceCategory.allCases.first(where: { InputName.normalize($0.rawValue) == key }) else { return nil }
        self = c
    }

    public var code: Int { OffenceCategory.allCases.firstIndex(of: self)! }

    public init?(code: Int) {
        guard OffenceCategory.allCases.indices.contains(code) else { return nil }
        self = OffenceCategory.allCases[code]
    }
}
