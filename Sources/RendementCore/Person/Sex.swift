/// A person's registered sex, with every spelling the contract accepts
/// (`man`/`vrouw`/`onbekend`, `M`/`V`/`O`, `M`/`F`/`U`, `male`/`female`/`unknown`).
public enum Sex: String, CaseIterable, Sendable {
    case man, vrouw, onbekend

    /// Parses any accepted synonym, case-insensitively; `nil` for anything else.
    public init?(synonym text: some StringProtocol) {
        switch text.lowercased() {
        case "man", "m", "male", "mannelijk": self = .man
        case "vrouw", "v", "f", "female", "vrouwelijk": self = .vrouw
        case "onbekend", "o", "u", "unknown", "x": self = .onbekend
        default: return nil
        }
    }

    /// Integer code used in the store: 1 man, 2 vrouw, 0 onbekend.
    public var code: Int {
        switch self { case .onbekend: 0; case .man: 1; case .vrouw: 2 }
    }

    public init?(code: Int) {
        switch code { case 0: self = .onbekend; case 1: self = .man; case 2: self = .vrouw; default: return nil }
    }
}
