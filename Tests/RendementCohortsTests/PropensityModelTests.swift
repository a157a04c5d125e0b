import XCTest
import RendementCore
import RendementStats
@testable import RendementCohorts

final class PropensityModelTests: XCTestCase {
    /// Pooling identical rows with frequency weights must give the same
    /// maximum-likelihood fit as the row-by-row logistic regression.
    func testCollinearAndConstantFeaturesAreLeftOut() throws {
        // Everyone has the same HKS history (constant) and only two prior-count values
        // (so log(1 + n) and n / 10 are collinear with the intercept).
        let clients = (0..<40).map { i in MatchingCovariates(age: 14 + i % 30, sex: i % 3 == 0 ? .vrouw : .man, bvhHistory12: i % 2,
                                                               hksHistory12: 0, hksHistory60: 0, monthsKnown: 6 + i % 40) }
        let candidates = (0..<400).map { i in MatchingCovariates(age: 13 + i % 40, sex: i % 4 == 0 ? .vrouw : .man, bvhHistory12: i % 5 == 0 ? 1 : 0,
                                                                   hksHistory12: 0, hksHistory60: 0, monthsKnown: i % 50) }
        let model = try PropensityModel.fit(clients: clients, candidates: candidates)
        XCTAssertTrue(model.constantFeatures.contains("log1p_hks_history_12m"))
        XCTAssertTrue(model.constantFeatures.contains("bvh_history_12m_per_10"), "collinear with log1p of a 0/1 count")
        XCTAssertTrue(model.constantFeatures.contains("log1p_bvh_history_recent_6m"), "no recent contacts in anyone's history")
        XCTAssertFalse(model.constantFeatures.contains("age"))
        XCTAssertTrue(model.logit(clients[0]).isFinite)
    }

    func testPooledFitEqualsRowByRowFit() throws {
        var s: UInt64 = 5
        func r(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(n)) }
        func person(heavy: Bool) -> MatchingCovariates {
            let year = r(heavy ? 6 : 3)
            return MatchingCovariates(age: 12 + r(40), sex: r(5) == 0 ? .vrouw : .man, bvhHistory12: year, bvhHistoryRecent6: r(year + 1),
                                      hksHistory12: r(heavy ? 4 : 2), hksHistory60: r(heavy ? 9 : 4), monthsKnown: r(60))
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
        let light = MatchingCovariates(age: 25, sex: .man, bvhHistory12: 0, hksHistory12: 0, hksHistory60: 0, monthsKnown: 12)
        let heavy = MatchingCovariates(age: 25, sex: .man, bvhHistory12: 5, hksHistory12: 3, hksHistory60: 8, monthsKnown: 12)
        XCTAssertGreaterThan(pooled.logit(heavy), pooled.logit(light), "a heavier prior record raises the score")
        let p = pooled.score(light)
        XCTAssertEqual(log(p / (1 - p)), pooled.logit(light), accuracy: 1e-9 * max(1, abs(pooled.logit(light))))
    }

    /// The written-out logit is the feature dot product to the last bit, and
    /// patterns sort and pool exactly as their feature vectors (sex unknown
    /// and woman are one pattern: neither is a man).
    func testLogitAndPatternsAgreeWithTheFeatures() throws {
        var s: UInt64 = 11
        func r(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(n)) }
        let sexes: [Sex] = [.man, .vrouw, .onbekend]
        let people = (0..<2000).map { _ in
            MatchingCovariates(age: 12 + r(60), sex: sexes[r(3)], bvhHistory12: r(8), bvhHistoryRecent6: r(4), hksHistory12: r(3),
                               hksHistory60: r(12), monthsKnown: r(90))
        }
        let model = try PropensityModel.fit(clients: Array(people.prefix(300)), candidates: Array(people.dropFirst(300)))
        for p in people {
            let dot = zip(model.coefficients, PropensityModel.features(p)).reduce(0) { $0 + $1.0 * $1.1 }
            XCTAssertEqual(model.logit(p).bitPattern, dot.bitPattern)
        }
        for _ in 0..<2000 {
            let a = people[r(people.count)], b = people[r(people.count)]
            let fa = PropensityModel.features(a), fb = PropensityModel.features(b)
            XCTAssertEqual(PropensityModel.Pattern(a) == PropensityModel.Pattern(b), fa == fb)
            XCTAssertEqual(PropensityModel.Pattern(a) < PropensityModel.Pattern(b), fa.lexicographicallyPrecedes(fb))
            XCTAssertEqual(PropensityModel.features(PropensityModel.Pattern(a).covariates), fa)
        }
    }
}
