import Foundation

/// Result of a two-sample Monte Carlo permutation test.
public struct PermutationTestResult: Sendable, Equatable {
    /// Observed statistic T(x, y).
    public let statistic: Double
    /// Two-sided p-value (b + 1)/(m + 1).
    public let pValue: Double
    /// b: permutations with |T*| >= |T_obs| (up to a relative tolerance of 1e-12).
    public let exceedances: Int
    /// m: number of random permutations.
    public let permutations: Int
    /// `.tooFewObservations` when a sample is empty (statistic and p NaN).
    public let degeneracy: Degeneracy?
}

/// Two-sample permutation test with random relabelling.
///
/// ```swift
/// let r = try PermutationTest.twoSample(clients, controls, permutations: 4999, seed: 7)
/// print(r.statistic, r.pValue)
/// ```
public enum PermutationTest {

    /// Two-sided permutation test of exchangeability of `x` and `y`.
    ///
    /// The pooled sample is shuffled `permutations` times with `SeededGenerator(seed:)`
    /// (Fisher–Yates); the first `x.count` values form the new x. The statistic defaults to
    /// the difference of means x̄ - ȳ; two-sided means counting |T*| >= |T_obs|, so a supplied
    /// statistic should be centred at 0 under H₀ (a difference, a log ratio, …). The p-value
    /// is (b + 1)/(m + 1), which counts the observed labelling as one permutation and is an
    /// exact (never anti-conservative) p-value for random permutations
    /// (Phipson & Smyth 2010, "Permutation p-values should never be zero").
    ///
    /// - Parameters:
    ///   - x: first sample.
    ///   - y: second sample.
    ///   - m: number of random permutations (>= 1).
    ///   - seed: the generator's seed.
    ///   - statistic: T(x, y), default x̄ - ȳ.
    /// - Returns: the test; `degeneracy == .tooFewObservations` when a sample is empty.
    /// - Throws: `StatsError.invalidValue` for m < 1.
    public static func twoSample(_ x: [Double], _ y: [Double], permutations m: Int = 9999, seed: UInt64,
                                 statistic: (([Double], [Double]) -> Double)? = nil) throws(StatsError) -> PermutationTestResult {
        guard m > 0 else { throw .invalidValue("\(m) permutations; at least 1 is needed") }
        guard !x.isEmpty && !y.isEmpty else {
            return PermutationTestResult(statistic: .nan, pValue: .nan, exceedances: 0, permutations: m, degeneracy: .tooFewObservations)
        }
        let stat = statistic ?? { Descriptives.mean($0) - Descriptives.mean($1) }
        let observed = stat(x, y)
        var pooled = x + y
        var rng = SeededGenerator(seed: seed)
        let threshold = abs(observed) * (1 - 1e-12)
        var b = 0
        for _ in 0..<m {
            rng.shuffle(&pooled)
            let t = stat(Array(pooled[0..<x.count]), Array(pooled[x.count...]))
            if abs(t) >= threshold { b += 1 }
        }
        return PermutationTestResult(statistic: observed, pValue: Double(b + 1) / Double(m + 1),
                                     exceedances: b, permutations: m, degeneracy: nil)
    }
}
