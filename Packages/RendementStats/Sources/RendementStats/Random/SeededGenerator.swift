import Foundation

/// A seeded, platform-independent pseudo-random number generator for reproducible
/// resampling and simulation.
///
/// Algorithm (fully specified so every platform produces the same stream):
/// - Seeding: the 256-bit state `s0…s3` is filled with four successive outputs of
///   SplitMix64 (Steele, Lea & Flood 2014; Vigna's `splitmix64.c`) started at `seed`:
///   `state += 0x9E3779B97F4A7C15; z = state; z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9;
///   z = (z ^ (z >> 27)) &* 0x94D049BB133111EB; return z ^ (z >> 31)`.
/// - Generation: xoshiro256** 1.0 (Blackman & Vigna 2018, `xoshiro256starstar.c`):
///   `result = rotl(s1 &* 5, 7) &* 9`, then the standard state update.
/// - `nextDouble()`: the top 53 bits times 2⁻⁵³, uniform on [0, 1).
/// - `nextInt(below:)`: Lemire's (2019) multiply-shift with rejection, unbiased.
/// - `shuffle`: Fisher–Yates from the last index down, `j = nextInt(below: i + 1)`.
/// - `nextNormal()`: inverse-cdf `Normal.standard.quantile(u)` with `u = (k + 0.5)·2⁻⁵³`
///   from the top 53 bits `k` (never 0 or 1). Integer and uniform streams are bit-identical
///   everywhere; normal deviates can differ in the last ulp only if two platforms' `log`
///   differ.
///
/// Swift's own `Int.random(in:using:)` and `shuffled(using:)` also accept this generator,
/// but their algorithms belong to the standard library and may change between Swift
/// versions; use the methods here when results must be reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the xoshiro256** state from `seed` through SplitMix64.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// Creates the generator from an explicit 256-bit state (must not be all zero);
    /// used to check against the reference implementation.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// Next 64-bit output of xoshiro256**.
    public mutating func next() -> UInt64 {
        let result = SeededGenerator.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = SeededGenerator.rotl(s3, 45)
        return result
    }

    /// Uniform double on [0, 1): `(next() >> 11) · 2⁻⁵³`.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in `0..<bound` (`bound > 0`), Lemire's unbiased multiply-shift method.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let s = UInt64(bound)
        var m = next().multipliedFullWidth(by: s)
        if m.low < s {
            let threshold = (0 &- s) % s
            while m.low < threshold {
                m = next().multipliedFullWidth(by: s)
            }
        }
        return Int(m.high)
    }

    /// Standard normal deviate by inversion (see the type documentation).
    public mutating func nextNormal() -> Double {
        let k = next() >> 11
        let u = (Double(k) + 0.5) * 0x1.0p-53
        return Normal.standardQuantile(u)
    }

    /// Fisher–Yates shuffle in place (last index down to 1).
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        var i = a.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            if i != j { a.swapAt(i, j) }
            i -= 1
        }
    }

    /// `count` indices drawn uniformly with replacement from `0..<n`.
    public mutating func sampleIndicesWithReplacement(from n: Int, count: Int) -> [Int] {
        (0..<count).map { _ in nextInt(below: n) }
    }

    /// `count` elements drawn uniformly with replacement from `a`.
    public mutating func sampleWithReplacement<T>(_ a: [T], count: Int) -> [T] {
        sampleIndicesWithReplacement(from: a.count, count: count).map { a[$0] }
    }
}
