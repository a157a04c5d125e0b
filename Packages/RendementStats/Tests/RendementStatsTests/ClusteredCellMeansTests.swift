import XCTest
import RendementStats

/// The closed-form saturated Poisson model against the iterative GLM with
/// CR1 standard errors (itself checked against statsmodels), and its
/// degenerate cases under the library's failure convention.
final class ClusteredCellMeansTests: XCTestCase {
    func testContrastEqualsTheClusterRobustPoissonGLM() throws {
        var rng = SeededGenerator(seed: 12)
        let cells: [[Double]] = (0..<30).map { _ in (0..<4).map { c in Double(rng.nextInt(below: 4 + c)) + (c >= 2 ? 0.5 : 0) } }
        let model = try ClusteredCellMeans(cells)
        XCTAssertNil(model.degeneracy)
        let (b, se) = try model.contrast([-1, 1, 1, -1])
        var rows: [[Double]] = [], y: [Double] = [], clusters: [Int] = []
        for (g, row) in cells.enumerated() {
            for (c, value) in row.enumerated() {
                let client = c < 2 ? 1.0 : 0.0, after = c % 2 == 1 ? 1.0 : 0.0
                rows.append([1, client, after, client * after]); y.append(value); clusters.append(g)
            }
        }
        let glm = try PoissonRegression.fit(rows: rows, y: y, names: ["Intercept", "client", "after", "client:after"], clusters: clusters)
        let term = try XCTUnwrap(glm.coefficients["client:after"])
        XCTAssertEqual(b, term.estimate, accuracy: 1e-10)
        XCTAssertEqual(se, term.standardError, accuracy: 1e-9)
    }

    func testDegenerateAndInvalidInput() throws {
        XCTAssertEqual(try ClusteredCellMeans([[1, 2, 3, 4]]).degeneracy, .tooFewClusters)
        let empty = try ClusteredCellMeans([[0, 2, 1, 1], [0, 1, 2, 2]])
        XCTAssertEqual(empty.degeneracy, .noEvents, "a cell without events anywhere")
        XCTAssertTrue(try empty.contrast([-1, 1, 1, -1]).estimate.isNaN)
        XCTAssertEqual(try empty.waldTest(contrasts: [[-1, 1, 1, -1]]).degeneracy, .noEvents)
        XCTAssertThrowsError(try ClusteredCellMeans([[1, 2], [1, 2, 3]]), "ragged")
        XCTAssertThrowsError(try ClusteredCellMeans([[1, -2], [1, 2]]), "negative count")
        XCTAssertThrowsError(try ClusteredCellMeans([[1, 2], [2, 3]]).contrast([1, 2, 3]), "one weight per cell")
        let few = try WaldTest(estimates: [0.1, 0.2], covariance: Matrix([[1, 0], [0, 1]]), clusters: 2)
        XCTAssertEqual(few.degeneracy, .tooFewClusters)
        let singular = try WaldTest(estimates: [0.1, 0.2], covariance: Matrix([[1, 1], [1, 1]]), clusters: 30)
        XCTAssertEqual(singular.degeneracy, .singularDesign)
        XCTAssertTrue(singular.pValue.isNaN)
    }
}
