import XCTest
@testable import RendementAnalysis

final class BeforeAfterSummaryTests: XCTestCase {
    /// Two sets worked out by hand:
    /// set 1: client 3 -> 1, controls (2 -> 2, 0 -> 1): d = -2 - mean(0, 1) = -2.5
    /// set 2: client 0 -> 0, control (1 -> 0): d = 0 - (-1) = 1
    func testHandWorkedExample() {
        let s = BeforeAfterSummary([
            SetCounts(clientBefore: 3, clientAfter: 1, controlsBefore: [2, 0], controlsAfter: [2, 1]),
            SetCounts(clientBefore: 0, clientAfter: 0, controlsBefore: [1], controlsAfter: [0]),
        ])
        XCTAssertEqual(s.sets, 2)
        XCTAssertEqual(s.controls, 3)
        XCTAssertEqual(s.differences, [-2.5, 1])
        XCTAssertEqual(s.clientsBeforeMean, 1.5)
        XCTAssertEqual(s.clientsAfterMean, 0.5)
        XCTAssertEqual(s.controlsBeforeMean, (1.0 + 1.0) / 2)
        XCTAssertEqual(s.controlsAfterMean, (1.5 + 0.0) / 2)
        XCTAssertEqual(s.clientsBeforePrevalence, 0.5)
        XCTAssertEqual(s.clientsAfterPrevalence, 0.5)
        XCTAssertEqual(s.controlsBeforePrevalence, (0.5 + 1.0) / 2)
        XCTAssertEqual(s.controlsAfterPrevalence, (1.0 + 0.0) / 2)
        XCTAssertEqual(s.did, -0.75, accuracy: 1e-15)
        XCTAssertEqual(s.did, s.differences.reduce(0, +) / 2, accuracy: 1e-15, "did equals the mean of the set-level d")
    }
}
