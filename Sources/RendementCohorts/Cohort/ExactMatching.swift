import Foundation
import RendementCore

/// The variables matched exactly (default: sex, age band and intake month),
/// and the intake-month tolerance: with tolerance t, a candidate whose index
/// date lies within t calendar months of the client's intake month is
/// eligible. Each candidate lies in one stratum (its own month); a client
/// searches the strata of the months within its tolerance.
public struct ExactMatching: Sendable, Equatable, Codable {
    public enum Variable: String, Sendable, CaseIterable, Codable {
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

    /// The relaxation rounds of staged matching, starting from these rules:
    /// the month tolerance widened by one month at a time up to
    /// `maximumTolerance` (when intake month is matched exactly), then the
    /// age band dropped from the exact set (the propensity score, which holds
    /// age, still keeps ages close). The first round is `self`.
    public func relaxationRounds(maximumTolerance: Int = 3) -> [ExactMatching] {
        var rounds = [self]
        if variables.contains(.intakeMonth) {
            for t in stride(from: monthTolerance + 1, through: maximumTolerance, by: 1) {
                var r = self
                r.monthTolerance = t
                rounds.append(r)
            }
        }
        if variables.contains(.ageBand) {
            var r = rounds.last!
            r.variables.remove(.ageBand)
            rounds.append(r)
        }
        return rounds
    }

    /// A short description of the rules, for tables and reports (e.g.
    /// `sex,age_band,intake_month+-1`).
    public var label: String {
        Variable.allCases.filter(variables.contains).map { v in
            v == .intakeMonth && monthTolerance > 0 ? "\(v.rawValue)+-\(monthTolerance)" : v.rawValue
        }.joined(separator: ",").ifEmpty("none")
    }

    private func bandIndex(_ age: Int) -> Int { ageBands.firstIndex { $0.contains(age) } ?? -1 }

    private static func month(_ day: Day) -> Int { day.year * 12 + day.month - 1 }

    /// The strata a client searches (one per month within the tolerance).
    public func clientStrata(_ m: CohortMember) -> [Int64] {
        guard variables.contains(.intakeMonth) else { return [key(m, month: 0)] }
        let month = Self.month(m.index)
        return (month - monthTolerance...month + monthTolerance).map { key(m, month: $0) }
    }

    /// The stratum of a candidate (its own index month).
    public func candidateStratum(_ m: CohortMember) -> Int64 {
        key(m, month: variables.contains(.intakeMonth) ? Self.month(m.index) : 0)
    }

    private func key(_ m: CohortMember, month: Int) -> Int64 {
        var k: Int64 = 0
        if variables.contains(.sex) { k = k * 4 + Int64(m.covariates.sex.code) }
        if variables.contains(.ageBand) { k = k * 64 + Int64(bandIndex(m.covariates.age) + 1) }
        if variables.contains(.intakeMonth) { k = k * 200_000 + Int64(month) }
        return k
    }
}

extension String {
    /// The string, or `fallback` when it is empty.
    func ifEmpty(_ fallback: String) -> String { isEmpty ? fallback : self }
}
