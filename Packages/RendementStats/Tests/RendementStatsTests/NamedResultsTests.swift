import XCTest
import RendementStats

/// Results carry their term names and one interval type; Kaplan-Meier answers
/// bounds at any time with the transform chosen when asked.
final class NamedResultsTests: XCTestCase {
    func testRegressionCoefficientsAreReadByName() throws {
        var b = DesignMatrixBuilder(rowCount: 6)
        try b.addIntercept()
        try b.addColumn("age", [20, 25, 30, 35, 40, 45])
        try b.addIndicators("site", ["a", "b", "a", "b", "a", "b"])
        let y: [Double] = [1.1, 2.3, 2.9, 4.2, 5.1, 6.2]
        let fit = try OrdinaryLeastSquares.fit(b.build(), y: y)
        XCTAssertEqual(fit.coefficients.names, ["Intercept", "age", "site[b]"])
        let age = try XCTUnwrap(fit.coefficients["age"])
        XCTAssertEqual(age.name, "age")
        XCTAssertEqual(age.estimate, fit.coefficients.estimates[1])
        XCTAssertEqual(age.confidenceInterval(level: 0.9), fit.coefficients.confidenceIntervals(level: 0.9)[1])
        XCTAssertEqual(age.pValue, fit.coefficients.pValues[1])
        XCTAssertNil(fit.coefficients["weight"])
        XCTAssertEqual(fit.coefficients.map(\.name), fit.coefficients.names, "a collection of named coefficients")
        // Unnamed designs get statsmodels' x1...xk.
        let plain = try OrdinaryLeastSquares.fit(rows: (0..<6).map { [1, Double($0)] }, y: y)
        XCTAssertEqual(plain.coefficients.names, ["x1", "x2"])
    }

    func testCoxCoefficientsAreNamedToo() throws {
        let t: [Double] = [2, 3, 3, 5, 6, 7, 9, 10, 12, 14]
        let e = [true, true, false, true, true, false, true, true, false, true]
        let design = try DesignMatrix(columns: [("client", [1, 0, 1, 0, 1, 0, 1, 0, 1, 0]), ("age", [20, 31, 25, 40, 22, 35, 28, 50, 19, 44])])
        let cox = try CoxProportionalHazards(times: t, events: e, design: design)
        XCTAssertNil(cox.degeneracy)
        let client = try XCTUnwrap(cox.coefficients["client"])
        XCTAssertEqual(client.confidenceInterval().map(exp), cox.hazardRatioIntervals()[0])
        XCTAssertEqual(cox.coefficients.names, ["client", "age"])
    }

    func testKaplanMeierBoundsAtAnyTimeWithTheTransformChosenWhenAsked() throws {
        let km = try KaplanMeier(times: [3, 5, 5, 8, 12, 12, 15], events: [true, true, false, true, false, true, false])
        XCTAssertEqual(km.survival(at: 6), km.survival(at: 5))
        let all = km.confidenceIntervals(transform: .plain, level: 0.9)
        XCTAssertEqual(km.confidenceInterval(at: 9, transform: .plain, level: 0.9), all[2], "the step at 8 holds until 12")
        XCTAssertNotEqual(km.confidenceInterval(at: 9, transform: .log), km.confidenceInterval(at: 9, transform: .logLog),
                          "one curve, every transform")
        XCTAssertEqual(km.confidenceInterval(at: 1), ConfidenceInterval(lower: 1, upper: 1, level: 0.95))
        // Numbers at risk just before a day: subjects with time >= day.
        XCTAssertEqual(km.subjectsAtRisk(justBefore: 5), 6)
        XCTAssertEqual(km.subjectsAtRisk(justBefore: 5.5), 4)
        XCTAssertEqual(km.subjectsAtRisk(justBefore: 15), 1)
        XCTAssertEqual(km.subjectsAtRisk(justBefore: 16), 0)
        XCTAssertEqual(km.subjectEvents(through: 12), 4)
    }

    func testWeightedKaplanMeierCountsWeights() throws {
        // Three controls of one set at weight 1/3 each weigh as much as one client.
        let km = try KaplanMeier(times: [4, 4, 6, 9], events: [true, false, true, false], weights: [1.0 / 3, 1.0 / 3, 1.0 / 3, 1])
        XCTAssertEqual(km.atRisk[0], 2, accuracy: 1e-15)
        XCTAssertEqual(km.subjectsAtRisk[0], 4)
        XCTAssertEqual(km.survival(at: 4), 1 - (1.0 / 3) / 2, accuracy: 1e-15)
        XCTAssertEqual(km.survival(at: 6), (1 - (1.0 / 3) / 2) * (1 - (1.0 / 3) / (4.0 / 3)), accuracy: 1e-15)
    }
}
