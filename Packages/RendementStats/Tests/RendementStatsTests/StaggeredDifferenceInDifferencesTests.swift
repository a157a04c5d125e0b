import XCTest
@testable import RendementStats

/// ATT(g, t), event-time and cumulative effects, the pre-trend Wald test and
/// the uniform band against `Fixtures/staggered.json` (csdid 0.4.3 and a direct
/// numpy implementation, scripts/reference/staggered_did.py).
final class StaggeredDifferenceInDifferencesTests: XCTestCase {
    struct Fixture {
        var json: [String: Any]
        var estimator: StaggeredDifferenceInDifferences
        var anticipation: Int
        var range: ClosedRange<Int>
    }

    func fixture() throws -> Fixture {
        let json = try FixtureLoader.load("staggered.json")
        let cohorts: [Int?] = (json["cohorts"] as! [Any]).map { $0 is NSNull ? nil : FixtureLoader.int($0) }
        let panel = try StaggeredPanel(periods: FixtureLoader.int(json["periods"]), cohorts: cohorts,
                                       outcomes: FixtureLoader.doubles(json["outcomes"]))
        let range = FixtureLoader.ints(json["event_times"])
        let anticipation = FixtureLoader.int(json["anticipation"])
        let estimator = try StaggeredDifferenceInDifferences(panel, anticipation: anticipation, eventTimes: range[0]...range[1])
        return Fixture(json: json, estimator: estimator, anticipation: anticipation, range: range[0]...range[1])
    }

    func testGroupTimeEffectsMatchCsdid() throws {
        let f = try fixture()
        let cells = f.json["cells"] as! [[String: Any]]
        XCTAssertEqual(f.estimator.cells.count, cells.count, "the same cells are estimated")
        for c in cells {
            let g = FixtureLoader.int(c["group"]), t = FixtureLoader.int(c["period"])
            let mine = try XCTUnwrap(f.estimator.cell(group: g, period: t), "ATT(\(g), \(t))")
            XCTAssertEqual(mine.att, FixtureLoader.double(c["att"]), accuracy: 1e-9, "ATT(\(g), \(t))")
            XCTAssertEqual(mine.standardError, FixtureLoader.double(c["se"]), accuracy: 1e-9, "se ATT(\(g), \(t))")
        }
    }

    func testEventTimeAndCumulativeEffectsMatchCsdid() throws {
        let f = try fixture()
        for p in f.json["event_study"] as! [[String: Any]] {
            let e = FixtureLoader.int(p["e"])
            let mine = try XCTUnwrap(f.estimator.eventTime(e), "theta(\(e))")
            XCTAssertEqual(mine.estimate, FixtureLoader.double(p["att"]), accuracy: 1e-9, "theta(\(e))")
            XCTAssertEqual(mine.standardError, FixtureLoader.double(p["se"]), accuracy: 1e-9, "se theta(\(e))")
        }
        XCTAssertNil(f.estimator.eventTime(-f.anticipation - 1), "the base period is a reference, not an estimate")
        for p in f.json["cumulative"] as! [[String: Any]] {
            let w = FixtureLoader.int(p["w"])
            let mine = try XCTUnwrap(f.estimator.cumulative(periods: w), "cumulative \(w)")
            XCTAssertEqual(mine.estimate, FixtureLoader.double(p["att"]), accuracy: 1e-9, "cumulative \(w)")
            XCTAssertEqual(mine.standardError, FixtureLoader.double(p["se"]), accuracy: 1e-9, "se cumulative \(w)")
        }
    }

    /// Units at risk only from their entry period: each cell uses the units
    /// at risk in both its periods (the direct implementation's formulas).
    func testEntriesMatchTheDirectImplementation() throws {
        let f = try fixture()
        let w = f.json["with_entries"] as! [String: Any]
        let p = f.estimator.panel
        let panel = try StaggeredPanel(periods: p.periods, cohorts: p.cohorts, outcomes: FixtureLoader.doubles(w["outcomes"]),
                                       entries: FixtureLoader.ints(w["entries"]))
        let est = try StaggeredDifferenceInDifferences(panel, anticipation: f.anticipation, eventTimes: f.range)
        let cells = w["cells"] as! [[String: Any]]
        XCTAssertEqual(est.cells.count, cells.count)
        for c in cells {
            let g = FixtureLoader.int(c["group"]), t = FixtureLoader.int(c["period"])
            let mine = try XCTUnwrap(est.cell(group: g, period: t), "ATT(\(g), \(t))")
            XCTAssertEqual(mine.att, FixtureLoader.double(c["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(c["se"]), accuracy: 1e-9)
        }
        for q in w["event_study"] as! [[String: Any]] {
            let mine = try XCTUnwrap(est.eventTime(FixtureLoader.int(q["e"])))
            XCTAssertEqual(mine.estimate, FixtureLoader.double(q["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(q["se"]), accuracy: 1e-9)
        }
        for q in w["cumulative"] as! [[String: Any]] {
            let mine = try XCTUnwrap(est.cumulative(periods: FixtureLoader.int(q["w"])))
            XCTAssertEqual(mine.estimate, FixtureLoader.double(q["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(q["se"]), accuracy: 1e-9)
        }
        XCTAssertNotEqual(est.cumulative(periods: 2)?.estimate, f.estimator.cumulative(periods: 2)?.estimate, "entries change the estimate")
    }

    /// Conditional parallel trends within strata: csdid with `xformla='~C(s)'`
    /// (outcome regression on stratum dummies) on a panel whose strata trend apart.
    func testStrataMatchCsdidWithCovariates() throws {
        let f = try fixture()
        let w = f.json["with_strata"] as! [String: Any]
        let p = f.estimator.panel
        let panel = try StaggeredPanel(periods: p.periods, cohorts: p.cohorts, outcomes: FixtureLoader.doubles(w["outcomes"]),
                                       strata: FixtureLoader.ints(w["strata"]))
        let est = try StaggeredDifferenceInDifferences(panel, anticipation: f.anticipation, eventTimes: f.range)
        let cells = w["cells"] as! [[String: Any]]
        XCTAssertEqual(est.cells.count, cells.count)
        for c in cells {
            let g = FixtureLoader.int(c["group"]), t = FixtureLoader.int(c["period"])
            let mine = try XCTUnwrap(est.cell(group: g, period: t), "ATT(\(g), \(t))")
            XCTAssertEqual(mine.att, FixtureLoader.double(c["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(c["se"]), accuracy: 1e-9)
        }
        for q in w["event_study"] as! [[String: Any]] {
            let mine = try XCTUnwrap(est.eventTime(FixtureLoader.int(q["e"])))
            XCTAssertEqual(mine.estimate, FixtureLoader.double(q["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(q["se"]), accuracy: 1e-9)
        }
        for q in w["cumulative"] as! [[String: Any]] {
            let mine = try XCTUnwrap(est.cumulative(periods: FixtureLoader.int(q["w"])))
            XCTAssertEqual(mine.estimate, FixtureLoader.double(q["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(q["se"]), accuracy: 1e-9)
        }
    }

    /// A base window of 4 periods (the mean outcome over them as the base),
    /// with entries: every period, inside the window too, against the direct implementation.
    func testBaseWindowMatchesTheDirectImplementation() throws {
        let f = try fixture()
        let w = f.json["with_base_window"] as! [String: Any], e = f.json["with_entries"] as! [String: Any]
        let p = f.estimator.panel
        let panel = try StaggeredPanel(periods: p.periods, cohorts: p.cohorts, outcomes: FixtureLoader.doubles(e["outcomes"]),
                                       entries: FixtureLoader.ints(e["entries"]))
        let est = try StaggeredDifferenceInDifferences(panel, anticipation: f.anticipation, eventTimes: f.range,
                                                       baseLength: FixtureLoader.int(w["base_length"]))
        let cells = w["cells"] as! [[String: Any]]
        XCTAssertEqual(est.cells.count, cells.count)
        for c in cells {
            let g = FixtureLoader.int(c["group"]), t = FixtureLoader.int(c["period"])
            let mine = try XCTUnwrap(est.cell(group: g, period: t), "ATT(\(g), \(t))")
            XCTAssertEqual(mine.att, FixtureLoader.double(c["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(c["se"]), accuracy: 1e-9)
        }
        for q in w["event_study"] as! [[String: Any]] {
            let mine = try XCTUnwrap(est.eventTime(FixtureLoader.int(q["e"])))
            XCTAssertEqual(mine.estimate, FixtureLoader.double(q["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(q["se"]), accuracy: 1e-9)
        }
        for q in w["cumulative"] as! [[String: Any]] {
            let mine = try XCTUnwrap(est.cumulative(periods: FixtureLoader.int(q["w"])))
            XCTAssertEqual(mine.estimate, FixtureLoader.double(q["att"]), accuracy: 1e-9)
            XCTAssertEqual(mine.standardError, FixtureLoader.double(q["se"]), accuracy: 1e-9)
        }
    }

    func testPreTrendWaldTestMatchesReference() throws {
        let f = try fixture()
        let w = f.json["wald"] as! [String: Any]
        let test = try XCTUnwrap(f.estimator.waldTest(eventTimes: FixtureLoader.int(w["from"])...FixtureLoader.int(w["to"])))
        XCTAssertEqual(test.statistic, FixtureLoader.double(w["statistic"]), accuracy: 1e-6)
        XCTAssertEqual(test.degreesOfFreedom, FixtureLoader.int(w["df"]))
        XCTAssertEqual(test.pValue, FixtureLoader.double(w["p"]), accuracy: 1e-6)
    }

    /// The bootstrap critical value is a Monte Carlo estimate: with 4,999
    /// draws the 0.95 quantile of a maximum of about 14 |t| values has a
    /// standard error near 0.02; the reference's Gaussian value (400,000
    /// draws) must lie within 0.1, and the band must be wider than the
    /// pointwise one and narrower than Bonferroni's.
    func testUniformBandWithinMonteCarloErrorOfGaussianReference() throws {
        let f = try fixture()
        let keys = (0..<f.estimator.panel.units).map { UInt64($0) &* 7919 &+ 13 }
        let study = try f.estimator.eventStudy(f.range, draws: 4999, seed: 42, keys: keys)
        let c = try XCTUnwrap(study.uniformCriticalValue)
        XCTAssertEqual(c, FixtureLoader.double(f.json["uniform_critical_value_gaussian"]), accuracy: 0.1)
        let k = study.points.filter { $0.effect != nil }.count
        XCTAssertGreaterThan(c, 1.96)
        XCTAssertLessThan(c, Normal.standard.quantile(1 - 0.025 / Double(k)))
        XCTAssertEqual(study.points.first { $0.isReference }?.eventTime, -f.anticipation - 1)
    }

    /// Units keep their multiplier weights whatever their order: the same
    /// panel with the units reversed (and their keys with them) gives the
    /// same critical value.
    func testUniformBandDoesNotDependOnUnitOrder() throws {
        let f = try fixture()
        let p = f.estimator.panel
        let keys = (0..<p.units).map { UInt64($0) &* 7919 &+ 13 }
        let reversedUnits = Array((0..<p.units).reversed())
        let outcomes = reversedUnits.flatMap { i in (0..<p.periods).map { p.outcomes[i * p.periods + $0] } }
        let reversed = try StaggeredDifferenceInDifferences(
            StaggeredPanel(periods: p.periods, cohorts: reversedUnits.map { p.cohorts[$0] }, outcomes: outcomes),
            anticipation: f.anticipation, eventTimes: f.range)
        let a = try f.estimator.eventStudy(f.range, draws: 499, seed: 9, keys: keys)
        let b = try reversed.eventStudy(f.range, draws: 499, seed: 9, keys: reversedUnits.map { keys[$0] })
        XCTAssertEqual(try XCTUnwrap(a.uniformCriticalValue), try XCTUnwrap(b.uniformCriticalValue), accuracy: 1e-9)
        XCTAssertEqual(a.points.compactMap { $0.effect?.estimate }.count, b.points.compactMap { $0.effect?.estimate }.count)
    }

    func testInvalidInputIsRefused() {
        XCTAssertThrowsError(try StaggeredPanel(periods: 3, cohorts: [1, nil], outcomes: [0, 1, 2]))
        XCTAssertThrowsError(try StaggeredPanel(periods: 2, cohorts: [1], outcomes: [0, .nan]))
        XCTAssertThrowsError(try StaggeredPanel(periods: 2, cohorts: [1], outcomes: [0, 1], entries: [0, 1]))
        XCTAssertThrowsError(try StaggeredDifferenceInDifferences(StaggeredPanel(periods: 2, cohorts: [1], outcomes: [0, 1]),
                                                                  anticipation: -1, eventTimes: 0...1))
    }

    /// A cell needs `minimumComparison` comparison units: with a minimum above
    /// every cell's count nothing is estimated and the aggregates are nil.
    func testMinimumComparisonLeavesCellsOut() throws {
        let f = try fixture()
        let strict = try StaggeredDifferenceInDifferences(f.estimator.panel, anticipation: f.anticipation, eventTimes: f.range,
                                                          minimumComparison: f.estimator.panel.units)
        XCTAssertTrue(strict.cells.isEmpty)
        XCTAssertNil(strict.cumulative(periods: 1))
        XCTAssertNil(strict.waldTest(eventTimes: -8...(-4)))
    }
}
