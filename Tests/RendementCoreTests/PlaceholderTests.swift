import XCTest
@testable import RendementCore
final class PlaceholderTests: XCTestCase {
    func testModuleBuilds() { XCTAssertEqual(RendementCoreVersion.string.isEmpty, false) }
}
