import Foundation
import XCTest

/// Records the worst relative error seen per category so the test run can print
/// the figures reported in `docs/stats-verification-dist.md`.
final class ErrorLedger: @unchecked Sendable {
    static let shared = ErrorLedger()
    private let lock = NSLock()
    private var worst: [String: (Double, String)] = [:]

    func record(_ category: String, _ err: Double, _ name: String) {
        lock.lock(); defer { lock.unlock() }
        if let w = worst[category], !(err > w.0) { return }
        worst[category] = (err, name)
    }

    func report(prefix: String) {
        lock.lock(); defer { lock.unlock() }
        for key in worst.keys.sorted() where key.hasPrefix(prefix) {
            let (e, n) = worst[key]!
            print(String(format: "WORST-ERROR %@ %.3e  (%@)", key, e, n))
        }
    }
}

/// Relative error |a-e|/|e| (|a-e| when e == 0); 0 when both are the same non-finite value.
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual.isNaN && expected.isNaN { return 0 }
    if actual.isInfinite || expected.isInfinite { return actual == expected ? 0 : .infinity }
    if actual == expected { return 0 }
    let d = abs(actual - expected)
    return expected == 0 ? d : d / abs(expected)
}

/// Asserts `actual ≈ expected` within `rel` relative or `abs` absolute tolerance,
/// printing the case name and both values on failure, and records the error in the ledger.
@discardableResult
func assertRelativelyEqual(_ actual: Double, _ expected: Double, rel: Double, abs absTol: Double = 0,
                           _ name: @autoclosure () -> String, category: String? = nil,
                           file: StaticString = #filePath, line: UInt = #line) -> Double {
    let err = relativeError(actual, expected)
    let absDiff = (actual.isFinite && expected.isFinite) ? Swift.abs(actual - expected) : (err == 0 ? 0 : .infinity)
    let ok = err <= rel || absDiff <= absTol
    // The ledger keeps the relative error, except for references that are (near) zero, where only
    // the absolute tolerance is meaningful and the absolute difference is recorded instead.
    if let category {
        let tiny = expected.isFinite && Swift.abs(expected) <= absTol
        ErrorLedger.shared.record(category, tiny ? absDiff : err, name())
    }
    if !ok {
        XCTFail("\(name()): actual \(actual) expected \(expected) (rel err \(err), rel tol \(rel), abs tol \(absTol))",
                file: file, line: line)
    }
    return err
}
