import Foundation
import XCTest
@testable import RendementStats

/// Pins the PRNG streams against (a) published reference outputs of SplitMix64 and
/// xoshiro256** (labelled in `Fixtures/random.json`) and (b) an independent pure-integer
/// Python implementation of the documented algorithm. Exact equality.
final class RandomTests: XCTestCase {
    func u(_ s: Any?) -> UInt64 { UInt64(s as! String)! }

    func testPublishedReferenceValues() throws {
        let fx = try FixtureLoader.load("random.json")
        let pub = try XCTUnwrap(fx["published"] as? [String: Any])
        var sm = SplitMix64(seed: 1_234_567)
        for v in pub["splitmix1234567"] as! [String] { XCTAssertEqual(sm.next(), UInt64(v)!, "SplitMix64(1234567)") }
        var g = SeededGenerator(state: (1, 2, 3, 4))
        for v in pub["xoshiro1234"] as! [String] { XCTAssertEqual(g.next(), UInt64(v)!, "xoshiro256**(1,2,3,4)") }
    }

    func testAgainstPythonImplementation() throws {
        let fx = try FixtureLoader.load("random.json")
        for c in try XCTUnwrap(fx["splitmix"] as? [[String: Any]]) {
            var sm = SplitMix64(seed: u(c["seed"]))
            for v in c["outputs"] as! [String] { XCTAssertEqual(sm.next(), UInt64(v)!) }
        }
        let xs = try XCTUnwrap(fx["xoshiro_state"] as? [String: Any])
        let st = (xs["state"] as! [String]).map { UInt64($0)! }
        var g0 = SeededGenerator(state: (st[0], st[1], st[2], st[3]))
        for v in xs["outputs"] as! [String] { XCTAssertEqual(g0.next(), UInt64(v)!) }
        for c in try XCTUnwrap(fx["seeded"] as? [[String: Any]]) {
            let seed = u(c["seed"])
            var g = SeededGenerator(seed: seed)
            for v in c["outputs"] as! [String] { XCTAssertEqual(g.next(), UInt64(v)!, "seed \(seed) raw") }
            g = SeededGenerator(seed: seed)
            for v in FixtureLoader.doubles(c["doubles"]) { XCTAssertEqual(g.nextDouble(), v, "seed \(seed) double") }
            g = SeededGenerator(seed: seed)
            let bounds = [1, 2, 3, 7, 10, 1000, Int(Int32.max), 6, 6, 6]
            for (b, v) in zip(bounds, FixtureLoader.ints(c["ints"])) {
                XCTAssertEqual(g.nextInt(below: b), v, "seed \(seed) nextInt(below: \(b))")
            }
            g = SeededGenerator(seed: seed)
            var a = Array(0..<10)
            g.shuffle(&a)
            XCTAssertEqual(a, FixtureLoader.ints(c["shuffle10"]), "seed \(seed) shuffle")
        }
    }

    func testUniformAndNormalMoments() {
        var g = SeededGenerator(seed: 7)
        let n = 200_000
        var s = 0.0, s2 = 0.0, zs = 0.0, zs2 = 0.0
        for _ in 0..<n {
            let u = g.nextDouble(); XCTAssert(u >= 0 && u < 1)
            s += u; s2 += u * u
            let z = g.nextNormal(); zs += z; zs2 += z * z
        }
        let m = s / Double(n), v = s2 / Double(n) - m * m
        // 5 standard errors
        XCTAssertEqual(m, 0.5, accuracy: 5 * (1.0 / 12 / Double(n)).squareRoot())
        XCTAssertEqual(v, 1.0 / 12, accuracy: 5 * (1.0 / 180 / Double(n)).squareRoot())
        XCTAssertEqual(zs / Double(n), 0, accuracy: 5 / Double(n).squareRoot())
        XCTAssertEqual(zs2 / Double(n), 1, accuracy: 5 * (2 / Double(n)).squareRoot())
    }
}
