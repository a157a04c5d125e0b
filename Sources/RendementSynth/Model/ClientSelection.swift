import Foundation

/// How the generator decides who becomes a Veiligheidshuis client, and when.
/// The two mechanisms behind spurious effects in a before/after comparison
/// (issue "Credible effects") can be switched on so the analysis can be
/// tested against them:
///
/// - `observedHistory`: a suspect incident in the intake period leads to
///   intake on that day with a probability that rises with what the police
///   registered before it (contacts in 12 months, reports in 5 years).
///   Selection then depends on observed history only.
/// - `latentRate`: a person is taken in with a probability that rises with
///   their *latent* contact rate (the heaviest people, whatever their recent
///   record), on a day drawn uniformly from the intake period. Matching on
///   prior counts then picks controls whose count was high by chance, who
///   drop back afterwards (Daw & Hatfield 2018).
public enum ClientSelection: String, Sendable, Codable, CaseIterable {
    case observedHistory = "observed"
    case latentRate = "latent"

    /// Probability that a reachable person with latent yearly rate `rate` is
    /// taken in under `latentRate`: logistic in log(rate), about one in six
    /// of the reachable persons overall, most of them from the heavy tail.
    public static func latentIntakeProbability(rate: Double) -> Double {
        guard rate > 0 else { return 0 }
        let eta = -2.2 + 2.0 * log(rate)
        return 1 / (1 + exp(-eta))
    }
}

/// A pre-intake crisis: in the `months` calendar months before intake the
/// person's police contact and offence rate is `factor` times its usual level
/// (Ashenfelter's dip seen from the other side), and back to usual after
/// intake. `factor` 1 means no crisis.
public struct PreIntakeSpike: Sendable, Codable, Equatable {
    public var factor: Double
    public var months: Int

    public init(factor: Double, months: Int) {
        precondition(factor >= 1, "a pre-intake spike raises the rate (factor >= 1)")
        precondition(months >= 0, "spike months cannot be negative")
        self.factor = factor
        self.months = months
    }

    /// No crisis before intake.
    public static let none = PreIntakeSpike(factor: 1, months: 0)

    /// The generator's default: twice the usual rate in the 3 months before
    /// intake, the shape the event studies of the test extracts showed.
    public static let typical = PreIntakeSpike(factor: 2, months: 3)

    /// Whether the spike adds anything.
    public var isActive: Bool { factor > 1 && months > 0 }
}
