import XCTest
import RendementCore
@testable import RendementAnalysis

/// Disclosure control of the cooperation indicators: no hidden count can be
/// recovered by subtraction, and a share never gives away a small count.
final class CooperationDisclosureTests: XCTestCase {
    private let q = Quarter(year: 2013, quarter: 2)

    private func cell(_ house: String?, _ group: String?, registrations: Int, withPlan: Int, repeats: Int = 0) -> CooperationIndicators.Cell {
        CooperationIndicators.Cell(veiligheidshuis: house, doelgroep: group, quarter: q, rollingYear: false, registrations: registrations,
                                   persons: registrations, withPlan: withPlan, repeats: repeats, planDays: nil, planBeforeIntake: 0,
                                   partners: nil)
    }

    /// Rotterdam in one quarter: jeugd 3 (primary), veelplegers 20, huiselijk geweld 15, all groups 38.
    private func rotterdam() -> CooperationIndicators {
        CooperationIndicators(cells: [
            cell("Rotterdam", nil, registrations: 38, withPlan: 25, repeats: 12),
            cell("Rotterdam", "jeugd", registrations: 3, withPlan: 3),
            cell("Rotterdam", "veelplegers", registrations: 20, withPlan: 11, repeats: 12),
            cell("Rotterdam", "huiselijk_geweld", registrations: 15, withPlan: 11),
        ])
    }

    func testASmallGroupIsHiddenWithAComplementSoItCannotBeSubtracted() {
        let p = CooperationDisclosure.protect(rotterdam(), threshold: 10)
        let hidden = p.cells.filter { $0.hidden?.counts == true }.map { $0.doelgroep ?? "all" }
        XCTAssertTrue(hidden.contains("jeugd"))
        // 38 - 20 - 15 = 3 would give jeugd away: a second group (the smallest, huiselijk_geweld) is hidden with it.
        XCTAssertEqual(Set(hidden), ["jeugd", "huiselijk_geweld"])
        XCTAssertFalse(p.cell(house: "Rotterdam", quarter: q)!.hidden!.counts, "the total is kept")
        // The hidden groups together hold at least the threshold.
        XCTAssertGreaterThanOrEqual(p.cells.filter { $0.hidden?.counts == true }.map(\.registrations).reduce(0, +), 10)
    }

    func testAShareThatGivesAwayASmallCountIsHidden() {
        let p = CooperationDisclosure.protect(rotterdam(), threshold: 10)
        // veelplegers: 11 of 20 with a plan, so 9 without -- the share x 20 would give the 9 away.
        let veelplegers = p.cell(house: "Rotterdam", group: "veelplegers", quarter: q)!
        XCTAssertTrue(veelplegers.showsCounts(10))
        XCTAssertFalse(veelplegers.showsPlan(10))
        // Its repeats (12 of 20, 8 not) likewise; the total's 12 of 38 (26 not) may be shown.
        XCTAssertFalse(veelplegers.showsRepeats(10))
        let csv = CooperationTables.indicators(p, minimumCell: 10)
        let line = csv.split(separator: "\n").first { $0.hasPrefix("Rotterdam,veelplegers") }!
        XCTAssertFalse(line.contains("0.55"), "the plan share of veelplegers is not in the CSV: \(line)")
    }

    func testNothingIsHiddenWhenEveryCountIsLargeEnough() {
        let ind = CooperationIndicators(cells: [
            cell("Utrecht", nil, registrations: 60, withPlan: 40, repeats: 20),
            cell("Utrecht", "jeugd", registrations: 30, withPlan: 20, repeats: 10),
            cell("Utrecht", "veelplegers", registrations: 30, withPlan: 20, repeats: 10),
        ])
        let p = CooperationDisclosure.protect(ind, threshold: 10)
        XCTAssertTrue(p.cells.allSatisfy { $0.showsCounts(10) && $0.showsPlan(10) && $0.showsRepeats(10) })
    }
}
