/// A group of matched sets an estimate is about: all sets, one
/// Veiligheidshuis, one region, one intake quarter or one target group.
public struct Scope: Hashable, Sendable, Comparable {
    public enum Kind: String, Sendable, CaseIterable {
        case all, veiligheidshuis, regio, kwartaal, doelgroep
    }

    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    public static let all = Scope(.all, "all")

    /// The scopes a set belongs to.
    public static func of(_ set: AnalysisSet) -> [Scope] {
        [.all, Scope(.veiligheidshuis, set.veiligheidshuis), Scope(.regio, set.regio),
         Scope(.kwartaal, set.intakeQuarter.description), Scope(.doelgroep, set.doelgroep)]
    }

    public static func < (a: Scope, b: Scope) -> Bool {
        let order = Kind.allCases
        return (order.firstIndex(of: a.kind)!, a.name) < (order.firstIndex(of: b.kind)!, b.name)
    }
}
