import Foundation

/// Internal special-function helpers of the model half of the module
/// (namespaced so they never clash with the distribution half).
enum ModelMath {
    /// Digamma psi(x) for x > 0 by recurrence to x >= 6 and the asymptotic series
    /// (Abramowitz & Stegun 6.3.18). Accurate to ~1e-15 relative.
    static func digamma(_ xIn: Double) -> Double {
        var x = xIn
        var result = 0.0
        while x < 6 { result -= 1 / x; x += 1 }
        let f = 1 / (x * x)
        let series = f * (-1.0 / 12 + f * (1.0 / 120 + f * (-1.0 / 252 + f * (1.0 / 240 + f * (-1.0 / 132 + f * (691.0 / 32760 - f / 12))))))
        return result + Foundation.log(x) - 0.5 / x + series
    }

    /// Trigamma psi'(x) for x > 0 by recurrence and the asymptotic series (A&S 6.4.12).
    static func trigamma(_ xIn: Double) -> Double {
        var x = xIn
        var result = 0.0
        while x < 6 { result += 1 / (x * x); x += 1 }
        let f = 1 / (x * x)
        let series = 1 / x + f / 2 + (f / x) * (1.0 / 6 + f * (-1.0 / 30 + f * (1.0 / 42 + f * (-1.0 / 30 + f * (5.0 / 66 + f * (-691.0 / 2730 + f * 7.0 / 6))))))
        return result + series
    }
}
