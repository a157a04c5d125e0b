import Foundation

/// A 2 × 2 table `[[a, b], [c, d]]` (rows: exposure yes/no; columns: outcome yes/no).
public struct TwoByTwoTable: Sendable, Equatable {
    public let a: Double, b: Double, c: Double, d: Double
    public init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }
    var n: Double { a + b + c + d }
}
