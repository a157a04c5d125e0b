import Foundation
import XCTest
@testable import RendementStats

/// Resampling: (a) the percentile/BCa formulae on FIXED replicates against scipy 1.17's own
/// `_bca_interval` + `scipy.stats.quantile` (`Fixtures/resampling.json`), relative 1e-10;
/// (b) statistical sanity: coverage of a known mean, permutation p-values versus exact
/// enumeration, cluster resampling behaviour, reproducibility for a seed.
final class ResamplingTests: XCTestCase {

    func testIntervalFormulaeAgainstScipy() throws {
        let fx = try FixtureLoader.load("resampling.json")
        for c in try XCTUnwrap(fx["bca"] as? [[String: Any]]) {
            let name = c["name"] as! String
            let level = FixtureLoader.double(c["level"])
            let reps = FixtureLoader.doubles(c["replicates"])
            let data = FixtureLoader.doubles(c["data"])
            // jackknife computed here from the data (leave-one-out means), as scipy does internally
            let jack = data.indices.map { i -> Double in
                var d = data; d.remove(at: i); return Descriptives.mean(d)
            }
            for (j, e) in zip(jack, FixtureLoader.doubles(c["jackknife"])) {
                assertRelativelyEqual(j, e, rel: 1e-13, "\(name).jackknife", category: "rs.jackknife")
            }
            // θ̂ as scipy computed it (numpy pairwise sum): replicates that equal θ̂ up to the last ulp
            // decide between < and <= in ẑ₀, so the formula is checked on identical inputs.
            let est = FixtureLoader.double(c["estimate"])
            assertRelativelyEqual(Descriptives.mean(data), est, rel: 1e-14, "\(name).estimate", category: "rs.estimate")
            let (bca, _, a) = Bootstrap.bcaInterval(estimate: est, replicates: reps, jackknife: jack, confidenceLevel: level)
            assertRelativelyEqual(a, FixtureLoader.double(c["acceleration"]), rel: 1e-10, "\(name).a", category: "rs.acceleration")
            assertRelativelyEqual(bca.lower, FixtureLoader.double(c["bca_lo"]), rel: 1e-10, "\(name).bca.lo", category: "rs.bca")
            assertRelativelyEqual(bca.upper, FixtureLoader.double(c["bca_hi"]), rel: 1e-10, "\(name).bca.hi", category: "rs.bca")
            let pct = Bootstrap.percentileInterval(replicates: reps, confidenceLevel: level)
            assertRelativelyEqual(pct.lower, FixtureLoader.double(c["pct_lo"]), rel: 1e-12, "\(name).pct.lo", category: "rs.percentile")
            assertRelativelyEqual(pct.upper, FixtureLoader.double(c["pct_hi"]), rel: 1e-12, "\(name).pct.hi", category: "rs.percentile")
        }
        ErrorLedger.shared.report(prefix: "rs.")
    }

    func testPermutationPValueNearExactEnumeration() throws {
        let fx = try FixtureLoader.load("resampling.json")
        for c in try XCTUnwrap(fx["permutation_exact"] as? [[String: Any]]) {
            let name = c["name"] as! String
            let x = FixtureLoader.doubles(c["x"]), y = FixtureLoader.doubles(c["y"])
            let exact = FixtureLoader.double(c["p_exact"])
            let m = 20_000
            let r = try PermutationTest.twoSample(x, y, permutations: m, seed: 99)
            // Monte Carlo error: 4 binomial standard errors (+ the (b+1)/(m+1) offset)
            let tol = 4 * (exact * (1 - exact) / Double(m)).squareRoot() + 1.0 / Double(m)
            XCTAssertEqual(r.pValue, exact, accuracy: tol, "\(name): permutation p \(r.pValue) vs exact \(exact)")
            print("PERMUTATION \(name): mc \(r.pValue) exact \(exact) |diff| \(abs(r.pValue - exact)) tol \(tol)")
        }
    }

    func testPercentileAndBCaCoverageOfKnownMean() throws {
        // 300 samples of n = 25 from N(1, 2²); nominal 90 % intervals for the mean.
        var g = SeededGenerator(seed: 2024)
        var coverPct = 0, coverBCa = 0
        let trials = 300
        for t in 0..<trials {
            let data = (0..<25).map { _ in 1 + 2 * g.nextNormal() }
            let r = try Bootstrap.run(data, resamples: 999, confidenceLevel: 0.9, seed: UInt64(t)) { Descriptives.mean($0) }
            if r.percentile.lower <= 1 && 1 <= r.percentile.upper { coverPct += 1 }
            if r.bca.lower <= 1 && 1 <= r.bca.upper { coverBCa += 1 }
        }
        let pc = Double(coverPct) / Double(trials), bc = Double(coverBCa) / Double(trials)
        print("COVERAGE nominal 0.90: percentile \(pc), BCa \(bc) over \(trials) data sets")
        // nominal 0.90 ± 4 binomial SE, widened by 0.02 for the known slight under-coverage
        // of bootstrap intervals at n = 25
        let se = (0.9 * 0.1 / Double(trials)).squareRoot()
        XCTAssertEqual(pc, 0.90, accuracy: 4 * se + 0.02)
        XCTAssertEqual(bc, 0.90, accuracy: 4 * se + 0.02)
    }

    func testReproducibleForSeed() throws {
        let data = (0..<30).map { Double($0 % 7) + 0.1 * Double($0) }
        let a = try Bootstrap.run(data, resamples: 200, seed: 5) { Descriptives.median($0) }
        let b = try Bootstrap.run(data, resamples: 200, seed: 5) { Descriptives.median($0) }
        XCTAssertEqual(a.replicates, b.replicates)
        let c = try Bootstrap.run(data, resamples: 200, seed: 6) { Descriptives.median($0) }
        XCTAssertNotEqual(a.replicates, c.replicates)
    }

    func testClusterResamplingWidensIntervalForCorrelatedData() throws {
        // 20 clusters of 10 identical-ish values: the effective sample size is ~20, not 200,
        // so the cluster bootstrap SE must be close to sd(cluster means)/sqrt(20) and much
        // larger than the naive bootstrap SE.
        var g = SeededGenerator(seed: 77)
        var data = [Double](), labels = [Int]()
        var clusterMeans = [Double]()
        for c in 0..<20 {
            let mu = 3 * g.nextNormal()
            clusterMeans.append(mu)
            for _ in 0..<10 { data.append(mu + 0.1 * g.nextNormal()); labels.append(c) }
        }
        let naive = try Bootstrap.run(data, resamples: 2000, seed: 1) { Descriptives.mean($0) }
        let clustered = try Bootstrap.run(data, resamples: 2000, seed: 1, clusters: labels) { Descriptives.mean($0) }
        let expected = Descriptives.standardDeviation(clusterMeans, ddof: 0) / 20.0.squareRoot()
        print("CLUSTER SE naive \(naive.standardError) clustered \(clustered.standardError) expected ~\(expected)")
        XCTAssertGreaterThan(clustered.standardError, 2.5 * naive.standardError)
        XCTAssertEqual(clustered.standardError, expected, accuracy: 0.15 * expected)
    }
}
