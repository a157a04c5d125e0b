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
            case "quantile": return Double(d.quantile(x))
            default: return nil
            }
        case "poisson":
            let d = Poisson(mean: p[0])
            switch fn {
            case "pmf": return d.pmf(Int(x))
            case "cdf": return d.cdf(Int(x))
            case "sf": return d.sf(Int(x))
            case "quantile": return Double(d.quantile(x))
            default: return nil
            }
        default: return nil
        }
    }
}
