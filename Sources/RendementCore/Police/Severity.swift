/// Severity tier of an HKS offence in the WODC tradition (by statutory maximum
/// penalty): licht, ernstig, zeer ernstig.
public enum Severity: String, CaseIterable, Sendable, Codable {
    case licht, ernstig
    case zeerErnstig = "zeer_ernstig"

    public init?(text: some StringProtocol) {
        let key = InputName.normalize(String(text))
        guard let s = Severity.allCases.first(where: { InputName.normalize($0.rawValue) == key }) else { return nil }
        self = s
    }

    /// 1 licht, 2 ernstig, 3 zeer ernstig (0 in the store means unknown).
    public var code: Int { Severity.allCases.firstIndex(of: self)! + 1 }

    public init?(code: Int) {
        guard (1...3).contains(code) else { return nil }
        self = Severity.allCases[code - 1]
    }
}
