import Foundation
import RendementCore

/// The variables matched exactly (default: sex, age band and intake month),
/// and the intake-month tolerance: with tolerance t, a candidate whose index
/// date lies within t calendar months of the client's intake month is
/// eligible.
public struct ExactMatching: Sendable, Equatable {
    public enum Variable: String, Sendable, CaseIterable {
        case sex
        case ageBand = "age_band"
        case intakeMonth = "intake_month"
    }

    public var variables: Set<Variable>
    public var ageBands: [AgeBand]
    public var monthTolerance: Int

    public init(variables: Set<Variable> = Set(Variable.allCases), ageBands: [AgeBand] = AgeBand.defaults, monthTolerance: Int = 0) {
        self.variables = variables
        self.ageBands = ageBands
        self.monthTolerance = monthTolerance
    }

    /// Parses `sex,age_band,intake_month` (or `none`).
    public static func parse(_ text: String) -> Set<Variable>? {
        if text == "none" { return [] }
        let parts = text.split(separator: ",").map { Variable(rawValue: String($0).trimmingCharacters(in: .whitespaces)) }
        guard parts.allSatisfy({ $0 != nil }) else { return nil }
        return Set(parts.compactMap { $0 })
    }

    private func bandIndex(_ age: Int) -> Int { ageBands.firstIndex { $0.contains(age) } ?? -1 }

    private static func month(_ day: Day) -> Int { day.year * 12 + day.month - 1 }

    /// The stratum key of a client.
    public func clientStratum(_ m: CohortMember) -> Int64 {
        key(m, month: Self.month(m.index))
    }

    /// The stratum keys a candidate belongs to (one per month within the tolerance).
    public func candidateStrata(_ m: CohortMember) -> [Int64] {
        guard variables.contains(.intakeMonth) else { return [key(m, month: 0)] }
        let month = Self.month(m.index)
        return (month - monthTolerance...month + monthTolerance).map { key(m, month: $0) }
    }

    private func key(_ m: CohortMember, month: Int) -> Int64 {
        var k: Int64 = 0
        if variables.contains(.sex) { k = k * 4 + Int64(m.covariates.sex.code) }
        if variables.contains(.ageBand) { k = k * 64 + Int64(bandIndex(m.covariates.age) + 1) }
        if variables.contains(.intakeMonth) { k = k * 200_000 + Int64(month) }
        return k
    }
}
