import Foundation

/// The target group (doelgroep) of a registration. Open-ended: the classic
/// groups are listed, any other label is kept as it is (normalised to
/// lower case with `_` for spaces).
public struct TargetGroup: Hashable, Sendable, CustomStringConvertible {
    public var label: String

    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        self.label = trimmed.split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "_")
    }

    public var description: String { label }

    /// jeugd, veelplegers, huiselijk_geweld, nazorg, overlast, complexe_casus.
    public static let classic = ["jeugd", "veelplegers", "huiselijk_geweld", "nazorg", "overlast", "complexe_casus"]

    public var isClassic: Bool { TargetGroup.classic.contains(label) }
}
