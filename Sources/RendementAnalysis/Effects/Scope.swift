import RendementCore

/// A group of matched sets an estimate is about: all sets, one
/// Veiligheidshuis, one region, one intake quarter or one target group; and,
/// for the quarterly reports, the clients of one Veiligheidshuis (or of all)
/// who entered in a period that ends with a quarter: that quarter, the four
/// quarters up to it, or the year up to it.
public struct Scope: Hashable, Sendable, Comparable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case all, veiligheidshuis, regio, kwartaal, doelgroep
        /// A Veiligheidshuis's clients with intake in `quarter`.
        case veiligheidshuisKwartaal = "veiligheidshuis_kwartaal"
        /// A Veiligheidshuis's clients with intake in `quarter` or the three quarters before it (rolling year).
        case veiligheidshuisVierKwartalen = "veiligheidshuis_vier_kwartalen"
        /// A Veiligheidshuis's clients with intake from the start of `quarter`'s year up to `quarter` (year to date).
        case veiligheidshuisJaar = "veiligheidshuis_jaar"
        /// All clients with intake in `quarter` or the three quarters before it (the national rolling year).
        case vierKwartalen = "vier_kwartalen"

        /// Whether the scope is a period ending with a quarter (and has age band `all` only).
        public var isPeriod: Bool {
            [.veiligheidshuisKwartaal, .veiligheidshuisVierKwartalen, .veiligheidshuisJaar, .vierKwartalen].contains(self)
        }
    }

    public var kind: Kind
    /// The Veiligheidshuis, region, quarter label or target group (`all` for all).
    public var name: String
    /// The last quarter of a period scope; nil otherwise.
    public var quarter: Quarter?

    public init(_ kind: Kind, _ name: String, quarter: Quarter? = nil) {
        self.kind = kind
        self.name = name
        self.quarter = quarter
    }

    public static let all = Scope(.all, "all")

    /// The scopes a set belongs to that are estimated for every age band.
    public static func of(_ set: AnalysisSet) -> [Scope] {
        [.all, Scope(.veiligheidshuis, set.veiligheidshuis), Scope(.regio, set.regio),
         Scope(.kwartaal, set.intakeQuarter.description), Scope(.doelgroep, set.doelgroep)]
    }

    /// The period scopes a set belongs to, for the quarters `quarters` (the
    /// quarters the reports cover): its intake quarter, the rolling years and
    /// the years to date that hold its intake.
    public static func periods(of set: AnalysisSet, quarters: ClosedRange<Quarter>) -> [Scope] {
        let q = set.intakeQuarter, house = set.veiligheidshuis
        var out = [Scope(.veiligheidshuisKwartaal, house, quarter: q)]
        for k in 0..<4 {
            let end = q.adding(k)
            guard quarters.contains(end) else { continue }
            out.append(Scope(.veiligheidshuisVierKwartalen, house, quarter: end))
            out.append(Scope(.vierKwartalen, "all", quarter: end))
            if end.year == q.year { out.append(Scope(.veiligheidshuisJaar, house, quarter: end)) }
        }
        return out
    }

    public static func < (a: Scope, b: Scope) -> Bool {
        let order = Kind.allCases
        let qa = a.quarter.map { $0.year * 4 + $0.quarter } ?? 0, qb = b.quarter.map { $0.year * 4 + $0.quarter } ?? 0
        return (order.firstIndex(of: a.kind)!, a.name, qa) < (order.firstIndex(of: b.kind)!, b.name, qb)
    }
}
