import RendementCore

/// What a synthetic registration carries for the cooperation indicators,
/// drawn from a stream keyed on (seed, person, intake day) so that the rest
/// of the population does not change with it: the days from intake to the
/// plan of approach (exponential, shorter in older Veiligheidshuizen: mean
/// 45 days minus 2.5 per year since founded, at least 10) and, for 70% of
/// registrations, the number of partners involved (2-4 plus one per 4 years
/// of the house's age, at most 12).
struct RegistrationExtras {
    let planDelay: Int
    let partners: Int?

    init(seed: UInt64, person: Int, registration day: Day, house: VeiligheidshuisRegistry.Entry) {
        var rng = SynthRandom(seed: seed ^ 0x00C0_0BE8_A710, stream: UInt64(person) &* 1_000_003 &+ UInt64(bitPattern: Int64(day.number)))
        let age = max(0, day.year - house.opgericht)
        let mean = max(10, 45 - 2.5 * Double(age))
        planDelay = min(180, Int(rng.exponential(rate: 1 / mean)))
        partners = rng.bernoulli(0.7) ? min(12, 2 + rng.int(3) + age / 4) : nil
    }
}
