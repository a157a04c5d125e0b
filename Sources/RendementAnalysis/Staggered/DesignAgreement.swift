import RendementStats

/// Whether the two comparisons agree for one scope, source and window: the
/// matched-control difference-in-differences of means (`EffectRow`, extra
/// events per client over the window) and the not-yet-treated estimate
/// (`StaggeredRow`, extra events per client over the intake month and the
/// months after it). They agree when their difference is within what chance
/// explains: |a - b| <= 1.96 sqrt(se_a^2 + se_b^2) (the two estimates are
/// treated as independent; they share the clients, which makes the test
/// conservative -- it says "differ" less often than it should).
public struct DesignAgreement: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        /// The difference is within what chance explains.
        case agree
        /// The difference is larger than chance explains.
        case differ
        /// One of the two has no estimate (suppressed, no follow-up, no variation).
        case notComparable = "not_comparable"
    }

    public var verdict: Verdict
    /// The matched and the not-yet-treated estimate (nil when not comparable).
    public var matched: Double?, staggered: Double?
    /// z = (matched - staggered) / sqrt(se_m^2 + se_s^2).
    public var z: Double?

    /// Compares the two rows; `notComparable` when either has no estimate with a standard error.
    public static func compare(matched: EffectRow?, staggered: StaggeredRow?) -> DesignAgreement {
        guard let m = matched, !m.suppressed, let e = m.estimate, let seM = e.didStandardError, seM.isFinite,
              let s = staggered, s.reason == nil, let st = s.effect else {
            return DesignAgreement(verdict: .notComparable, matched: nil, staggered: nil, z: nil)
        }
        let a = e.summary.did, b = st.estimate
        let se = (seM * seM + st.standardError * st.standardError).squareRoot()
        guard se > 0 else { return DesignAgreement(verdict: .notComparable, matched: nil, staggered: nil, z: nil) }
        let z = (a - b) / se
        return DesignAgreement(verdict: abs(z) <= Normal.standard.quantile(0.975) ? .agree : .differ, matched: a, staggered: b, z: z)
    }
}
