import Foundation
import XCTest
@testable import RendementStats

/// Compares every special-function and distribution case in `Fixtures/distributions.json`
/// (scipy reference values) at relative tolerance 1e-10.
final class DistributionTests: XCTestCase {
    static let rel = 1e-10

    func testAgainstScipy() throws {
        let fx = try FixtureLoader.load("distributions.json")
        let cases = try XCTUnwrap(fx["cases"] as? [[String: Any]])
        XCTAssertGreaterThan(cases.count, 1000)
        var checked = 0
        for c in cases {
            let dist = c["dist"] as! String
            let fn = c["fn"] as! String
            let params = FixtureLoader.doubles(c["params"])
            let x = FixtureLoader.double(c["x"])
            let expected = FixtureLoader.double(c["expected"])
            let name = c["name"] as! String
            guard let actual = evaluate(dist, fn, params, x) else {
                XCTFail("unhandled case \(name)"); continue
            }
            // Relative 1e-10 everywhere; absolute 1e-305 only so that values in the
            // subnormal range (where a double has < 12 significant digits) can pass.
            assertRelativelyEqual(actual, expected, rel: Self.rel, abs: 1e-305, name, category: "dist.\(dist).\(fn)")
            checked += 1
        }
        print("distribution cases checked: \(checked)")
        ErrorLedger.shared.report(prefix: "dist.")
    }

    /// Self-consistency over random parameters not in the fixtures: tail(quantile(p)) = p for the
    /// continuous distributions, relative 1e-9 on the smaller tail (p from 1e-250 to ½).
    func testQuantileRoundTripRandomParameters() {
        var g = SeededGenerator(seed: 31337)
        var worst = 0.0
        for _ in 0..<400 {
            let df1 = Foundation.exp(-1.5 + 9 * g.nextDouble())     // 0.22 … 1800
            let df2 = Foundation.exp(-1.5 + 9 * g.nextDouble())
            let tau = Foundation.exp(-575 * g.nextDouble() * g.nextDouble()) * 0.5   // ½ … ~1e-250
            let t = StudentT(degreesOfFreedom: df1)
            let c = ChiSquared(degreesOfFreedom: df1)
            let f = FDistribution(numeratorDF: df1, denominatorDF: df2)
            var checks: [(String, Double, Double)] = [
                ("t(\(df1)).sf(isf(\(tau)))", t.sf(t.inverseSurvival(tau)), tau),
                ("t(\(df1)).cdf(quantile(\(tau)))", t.cdf(t.quantile(tau)), tau),
                ("chi2(\(df1)).sf(isf(\(tau)))", c.sf(c.inverseSurvival(tau)), tau),
                ("chi2(\(df1)).cdf(quantile(\(tau)))", c.cdf(c.quantile(tau)), tau),
                ("F(\(df1),\(df2)).sf(isf(\(tau)))", f.sf(f.inverseSurvival(tau)), tau),
                ("F(\(df1),\(df2)).cdf(quantile(\(tau)))", f.cdf(f.quantile(tau)), tau),
                ("N.sf(isf(\(tau)))", Normal.standard.sf(Normal.standard.inverseSurvival(tau)), tau),
            ]
            // skip cases whose quantile over/underflows the double range
            checks = checks.filter { $0.1.isFinite && $0.1 > 0 }
            for (name, got, want) in checks {
                worst = max(worst, assertRelativelyEqual(got, want, rel: 1e-9, name, category: "dist.roundtrip"))
            }
        }
        print(String(format: "quantile round-trip worst relative error %.3e", worst))
    }

    private func evaluate(_ dist: String, _ fn: String, _ p: [Double], _ x: Double) -> Double? {
        switch dist {
        case "special":
            switch fn {
            case "logGamma": return SpecialFunctions.logGamma(x)
            case "gammaP": return SpecialFunctions.regularizedGammaP(p[0], x)
            case "gammaQ": return SpecialFunctions.regularizedGammaQ(p[0], x)
            case "beta": return SpecialFunctions.regularizedBeta(x, p[0], p[1])
            case "betaComplement": return SpecialFunctions.regularizedBetaComplement(x, p[0], p[1])
            case "logBeta": return SpecialFunctions.logBeta(p[0], x)
            default: return nil
            }
        case "normal":
            let d = Normal(mean: p[0], sd: p[1])
            switch fn {
            case "cdf": return d.cdf(x)
            case "sf": return d.sf(x)
            case "pdf": return d.pdf(x)
            case "logsf": return d.logsf(x)
            case "logcdf": return d.logcdf(x)
            case "quantile": return d.quantile(x)
            case "isf": return d.inverseSurvival(x)
            default: return nil
            }
        case "t":
            let d = StudentT(degreesOfFreedom: p[0])
            switch fn {
            case "cdf": return d.cdf(x)
            case "sf": return d.sf(x)
            case "pdf": return d.pdf(x)
            case "logsf": return d.logsf(x)
            case "logcdf": return d.logcdf(x)
            case "quantile": return d.quantile(x)
            case "isf": return d.inverseSurvival(x)
            default: return nil
            }
        case "chi2":
            let d = ChiSquared(degreesOfFreedom: p[0])
            switch fn {
            case "cdf": return d.cdf(x)
            case "sf": return d.sf(x)
            case "pdf": return d.pdf(x)
            case "logsf": return d.logsf(x)
            case "logcdf": return d.logcdf(x)
            case "quantile": return d.quantile(x)
            case "isf": return d.inverseSurvival(x)
            default: return nil
            }
        case "f":
            let d = FDistribution(numeratorDF: p[0], denominatorDF: p[1])
            switch fn {
            case "cdf": return d.cdf(x)
            case "sf": return d.sf(x)
            case "pdf": return d.pdf(x)
            case "logsf": return d.logsf(x)
            case "logcdf": return d.logcdf(x)
            case "quantile": return d.quantile(x)
            case "isf": return d.inverseSurvival(x)
            default: return nil
            }
        case "binom":
            let d = Binomial(trials: Int(p[0]), probability: p[1])
            switch fn {
            case "pmf": return d.pmf(Int(x))
            case "cdf": return d.cdf(Int(x))
            case "sf": return d.sf(Int(x))
            case "quantile": return d.quantile(x)
            default: return nil
            }
        case "poisson":
            let d = Poisson(mean: p[0])
            switch fn {
            case "pmf": return d.pmf(Int(x))
            case "cdf": return d.cdf(Int(x))
            case "sf": return d.sf(Int(x))
            case "quantile": return d.quantile(x)
            default: return nil
            }
        default: return nil
        }
    }
}
