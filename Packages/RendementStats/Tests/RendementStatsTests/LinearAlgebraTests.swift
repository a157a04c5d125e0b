import XCTest
@testable import RendementStats

/// Dense linear algebra: Cholesky, solve, inverse, products (closed-form checks).
final class LinearAlgebraTests: XCTestCase {
    func testCholeskySolveAndInverse() throws {
        // A = B B' + I is symmetric positive definite.
        let b = Matrix([[1, 2, 0.5], [0, 1, -1], [3, 0.2, 1]])
        let a = b * b.transposed + Matrix.identity(3)
        let chol = try Cholesky(a)
        let l = chol.lower
        let rebuilt = l * l.transposed
        for i in 0..<9 { XCTAssertEqual(rebuilt.values[i], a.values[i], accuracy: 1e-12) }
        let x = [1.0, -2.0, 3.5]
        let rhs = a.multiply(x)
        let solved = chol.solve(rhs)
        for i in 0..<3 { XCTAssertEqual(solved[i], x[i], accuracy: 1e-12) }
        let inv = chol.inverse()
        let id = a * inv
        for i in 0..<3 { for j in 0..<3 { XCTAssertEqual(id[i, j], i == j ? 1 : 0, accuracy: 1e-12) } }
        XCTAssertEqual(a.transposeMultiply([1, 0, 0]), a.row(0))
    }

    func testNotPositiveDefiniteIsDetected() {
        let a = Matrix([[1, 2], [2, 4]])
        XCTAssertThrowsError(try Cholesky(a)) { error in
            guard case .notPositiveDefinite(index: 1, pivot: _, tolerance: _)? = error as? StatsError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Cholesky(Matrix([[-1]])))
        XCTAssertThrowsError(try Cholesky(Matrix(rows: 2, columns: 3)))
    }

    func testStreamingCrossProduct() {
        let rows: [[Double]] = [[1, 2], [1, -1], [1, 0.5]]
        var acc = Matrix(rows: 2, columns: 2)
        for r in rows { acc.addOuterProduct(r, weight: 2) }
        let x = Matrix(rows)
        let direct = 2 * (x.transposed * x)
        XCTAssertEqual(acc, direct)
        XCTAssertEqual(Matrix(columns: [[1, 1, 1], [2, -1, 0.5]]), x)
    }

    func testDesignMatrixBuilder() throws {
        var b = DesignMatrixBuilder(rowCount: 4)
        try b.addIntercept()
        try b.addColumn("age", [20, 30, 40, 50])
        try b.addIndicators("region", ["b", "a", "c", "a"])
        XCTAssertEqual(b.names, ["Intercept", "age", "region[b]", "region[c]"])
        let design = b.build()
        XCTAssertEqual(design.names, b.names)
        let m = design.matrix
        XCTAssertEqual(m.row(0), [1, 20, 1, 0])
        XCTAssertEqual(m.row(2), [1, 40, 0, 1])
        XCTAssertEqual(m.row(3), [1, 50, 0, 0])
        var c = DesignMatrixBuilder(rowCount: 3)
        try c.addIndicators("g", [1, 2, 3], reference: 2)
        XCTAssertEqual(c.names, ["g[1]", "g[3]"])
        // Invalid input throws instead of trapping.
        XCTAssertThrowsError(try c.addColumn("short", [1, 2]))
        XCTAssertThrowsError(try c.addColumn("g[1]", [1, 2, 3]), "a repeated name")
        XCTAssertThrowsError(try DesignMatrix(Matrix(rows: 2, columns: 2), names: ["a"]))
    }
}
