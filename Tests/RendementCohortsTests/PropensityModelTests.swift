import XCTest
import RendementCore
import RendementStats
@testable import RendementCohorts

final class PropensityModelTests: XCTestCase {
    /// Pooling identical rows with frequency weights must give the same
    /// maximum-likelihood fit as the row-by-row logistic regression.
    func testPooledFitEqualsRowByRowFit() throws {
        var s: UInt64 = 5
        func r(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(n)) }
        func person(heavy: Bool) -> MatchingCovariates {
            MatchingCovariates(age: 12 + r(40), sex: r(5) == 0 ? .vrouw : .man, bvhPrior12: r(heavy ? 6 : 3),
                               hksPrior12: r(heavy ? 4 : 2), hksPrior60: r(heavy ? 9 : 4), monthsSinceFirst: r(60))
        }
        let clients = (0..<300).map { _ in person(heavy: true) }
        let candidates = (0..<3000).map { _ in person(heavy: false) }
        let pooled = try PropensityModel.fit(clients: clients, candidates: candidates)
        XCTAssertLessThan(pooled.patterns, clients.count + candidates.count)
        let rows = (clients + candidates).map(PropensityModel.features)
        let y = clients.map { _ in 1.0 } + candidates.map { _ in 0.0 }
        let direct = try LogisticRegression.fit(rows: rows, y: y)
        for (a, b) in zip(pooled.coefficients, direct.coefficients.estimates) {
            XCTAssertEqual(a, b, accuracy: 1e-8 * max(1, abs(b)))
        }
        for (a, b) in zip(pooled.standardErrors, direct.coefficients.standardErrors) {
            XCTAssertEqual(a, b, accuracy: 1e-8 * max(1, abs(b)))
        }
        XCTAssertGreaterThan(pooled.coefficients[4], 0, "heavier prior record raises the score")
        let p = pooled.score(clients[0])
        XCTAssertEqual(log(p / (1 - p)), pooled.logit(clients[0]), accuracy: 1e-12)
    }
}
