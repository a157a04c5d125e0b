import XCTest

final class PlaceholderTests: XCTestCase {
    func testModuleBuilds() { XCTAssertEqual(1 + 1, 2) }
}
