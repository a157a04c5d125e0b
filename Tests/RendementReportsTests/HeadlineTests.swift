import XCTest
import RendementCore
@testable import RendementAnalysis
@testable import RendementReports

final class HeadlineTests: XCTestCase {
    private func row(_ sets: [SetCounts], suppressed: Bool = false) -> EffectRow {
        EffectRow(scope: .all, ageBand: "all", source: .bvh, windowMonths: 2, estimate: sets.isEmpty ? nil : DifferenceInDifferences(sets),
                  pHolm: nil, suppressed: suppressed)
    }

    func testSignificantDropInDutchAndEnglish() throws {
        // Clients 5 -> 3 (a 40% drop), controls 5 -> 5, in 40 sets with some spread.
        let sets = (0..<40).map { i in
            SetCounts(clientBefore: 5 + i % 2, clientAfter: 3 + i % 2 - (i % 4 == 0 ? 1 : 0), controlsBefore: [5 + i % 3], controlsAfter: [5 + (i + 1) % 3])
        }
        let r = row(sets)
        let nl = Headline(language: .nl).sentence(r)
        XCTAssertTrue(nl.hasPrefix("In de eerste twee maanden na instroom daalde het aantal politiecontacten van cliënten met"), nl)
        XCTAssertTrue(nl.contains("Dit verschil is statistisch significant (p < 0,001)."), nl)
        let en = Headline(language: .en).sentence(r)
        XCTAssertTrue(en.contains("clients' police contacts fell by"), en)
        XCTAssertTrue(en.contains("statistically significant (p < 0.001)"), en)
    }

    func testNotSignificantIsNeverReadAsNoEffect() {
        let sets = (0..<12).map { i in SetCounts(clientBefore: 2, clientAfter: i % 3, controlsBefore: [2], controlsAfter: [(i + 1) % 3]) }
        let nl = Headline(language: .nl).sentence(row(sets))
        XCTAssertTrue(nl.contains("niet statistisch significant"), nl)
        XCTAssertTrue(nl.contains("Dat betekent niet dat er geen effect is."), nl)
    }

    func testTooFewClients() {
        let nl = Headline(language: .nl).sentence(row([], suppressed: true))
        XCTAssertTrue(nl.contains("te weinig cliënten (minder dan 10)"), nl)
        let en = Headline(language: .en).sentence(row([], suppressed: true))
        XCTAssertTrue(en.contains("too few clients (fewer than 10)"), en)
    }
}
