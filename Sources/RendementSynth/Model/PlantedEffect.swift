import Foundation
import RendementCore

/// The effect planted in synthetic data: after the index date a client's
/// police-contact and offence rate is multiplied by
/// `m(t) = factor - firstMonthsBoost * exp(-t / boostDays)` (t in days since
/// intake), so the drop is largest in the first months and larger the younger
/// the client. Controls never get an effect.
public struct PlantedEffect: Sendable, Codable, Equatable {
    /// One age band's long-run factor and the extra drop right after intake.
    public struct Band: Sendable, Codable, Equatable {
        public var band: String
        public var factor: Double
        public var firstMonthsBoost: Double
    }

    public var bands: [Band]
    public var boostDays: Double

    /// The default planted effect: 0.6 for 12-17, 0.75 for 18-24, 0.85 for
    /// 25-34, 0.9 for 35+, each with an extra early drop of half its long-run
    /// drop, fading with a 45-day time constant.
    public static let planted = PlantedEffect(bands: [
        Band(band: "12-17", factor: 0.60, firstMonthsBoost: 0.20),
        Band(band: "18-24", factor: 0.75, firstMonthsBoost: 0.125),
        Band(band: "25-34", factor: 0.85, firstMonthsBoost: 0.075),
        Band(band: "35-", factor: 0.90, firstMonthsBoost: 0.05),
    ], boostDays: 45)

    /// No effect at all (for calibration of tests).
    public static let none = PlantedEffect(bands: planted.bands.map {
        Band(band: $0.band, factor: 1, firstMonthsBoost: 0)
    }, boostDays: 45)

    func bandIndex(age: Int) -> Int {
        for (i, b) in bands.enumerated() where AgeBand(b.band)?.contains(age) == true { return i }
        return age < 12 ? 0 : bands.count - 1
    }

    /// The multiplier `daysAfter` days after intake for a client of `age`.
    public func multiplier(age: Int, daysAfter: Double) -> Double {
        let b = bands[bandIndex(age: age)]
        guard daysAfter > 0 else { return 1 }
        return max(0, b.factor - b.firstMonthsBoost * exp(-daysAfter / boostDays))
    }

    /// The mean multiplier over the after-window `(index, index + months]` of
    /// an intake on `index`: the rate ratio a correct analysis should find for
    /// that window (up to sampling error).
    public func expectedRateRatio(band: Band, index: Day, months: Int) -> Double {
        let end = index.adding(months: months)
        let days = index.days(to: end)
        var total = 0.0
        for d in 1...days {
            total += max(0, band.factor - band.firstMonthsBoost * exp(-(Double(d) - 0.5) / boostDays))
        }
        return total / Double(days)
    }
}
