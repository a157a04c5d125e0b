import Foundation
import RendementCohorts

/// Prints what matching did, for people: cohort, matched share, reasons for
/// unmatched clients, balance before and after, and time per stage.
struct MatchSummaryPrinter {
    let report: MatchingRun.Report

    func print() {
        let c = report.cohort
        let n = c.clients.count
        Swift.print("Clients (first intake with a plan of approach): \(Readable.count(n)) from \(Readable.count(c.registrations)) registrations (\(Readable.count(c.foldedRegistrations)) later registrations folded)")
        for (reason, count) in c.excluded.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            Swift.print("  left out, \(reason.rawValue.replacingOccurrences(of: "_", with: " ")): \(Readable.count(count))")
        }
        Swift.print("Control candidates: \(Readable.count(report.candidates)) person-dates of \(Readable.count(report.candidatePersons)) persons never registered")
        let share = n > 0 ? Double(report.matchedSets) / Double(n) * 100 : 0
        Swift.print("Matched: \(Readable.count(report.matchedSets)) of \(Readable.count(n)) clients (\(String(format: "%.1f", share))%) with \(Readable.count(report.controls)) controls" + (report.caliper.map { String(format: "; caliper %.4f on the logit", $0) } ?? ""))
        for round in report.rounds {
            let smd = round.largestSMD.map { String(format: "largest |SMD| %.3f", $0) } ?? "balance not measurable"
            Swift.print("  round \(round.number) (\(round.rules.label)): \(Readable.count(round.matched)) of \(Readable.count(round.attempted)) matched"
                        + (round.kept ? "" : ", not kept: balance would not hold") + "; \(smd)")
        }
        var reasons: [UnmatchedReason: Int] = [:]
        for (_, byReason) in report.unmatchedByHouse { for (r, k) in byReason { reasons[r, default: 0] += k } }
        for (r, k) in reasons.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            Swift.print("  unmatched, \(r.rawValue.replacingOccurrences(of: "_", with: " ")): \(Readable.count(k))")
        }
        Swift.print("Balance (all clients; SMD = standardised mean difference, treated-group SD; VR = variance ratio):")
        Swift.print("  covariate              SMD before  SMD after  VR after  flag")
        for row in report.balance where row.scopeType == "all" {
            let b = row.before?.smd ?? .nan, a = row.after?.smd ?? .nan, vr = row.after?.varianceRatio ?? .nan
            let flag = row.smdFlag ? "|SMD|>0.1" : (row.varianceRatioFlag ? "VR outside 0.5-2" : "")
            Swift.print("  " + row.covariate.padding(toLength: 22, withPad: " ", startingAt: 0)
                        + String(format: " %10.3f %10.3f %9.2f  ", b, a, vr) + flag)
        }
        let model = report.propensity
        Swift.print("Propensity model (logistic regression; coefficient and SE per feature):")
        for (i, name) in PropensityModel.featureNames.enumerated() {
            Swift.print("  " + name.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%10.4f %9.4f", model.coefficients[i], model.standardErrors[i]))
        }
        if !model.constantFeatures.isEmpty { Swift.print("  left out (constant): " + model.constantFeatures.joined(separator: ", ")) }
        Swift.print("Time: " + report.timings.map { "\($0.stage) \(String(format: "%.1f", $0.seconds)) s" }.joined(separator: ", "))
    }
}
