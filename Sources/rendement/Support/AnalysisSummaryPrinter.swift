import Foundation
import RendementAnalysis

/// Prints the headline figures of an analysis for people: per window and
/// source for all clients, the means before and after, the
/// difference-in-differences with its CI and the rate ratio.
struct AnalysisSummaryPrinter {
    let results: AnalysisRun.Results

    func print() {
        let sets = results.stored.sets()
        Swift.print("Matched sets analysed: \(Readable.count(sets)) (matching run #\(results.stored.matchRunID); analysis run #\(results.record.id))")
        let m = results.settings.anticipationMonths
        Swift.print("All clients; mean events per person, before -> after; did = difference-in-differences (95% CI); RR = rate ratio;")
        Swift.print("baseline ends \(m) month\(m == 1 ? "" : "s") before intake (anticipation); credible = placebo and pre-trend tests pass:")
        let periods = results.periods
        for source in OutcomeSource.allCases where (source == .bvh ? periods.bvh : periods.hks) == nil {
            Swift.print("  \(source.rawValue.uppercased()): not analysed: no \(source.rawValue.uppercased()) extract imported (rendement import \(source.rawValue) FILE)")
        }
        for row in results.effects where row.scope == .all && row.ageBand == "all" {
            guard (row.source == .bvh ? periods.bvh : periods.hks) != nil else { continue }
            let label = "  \(row.source.rawValue.uppercased()) \(row.windowMonths) mo"
            guard let e = row.estimate, !row.suppressed else { Swift.print(label + (row.estimate == nil ? ": no sets with follow-up" : ": hidden by disclosure control (fewer than the threshold of persons here, or in a group it could be subtracted from)")); continue }
            let s = e.summary
            var line = label + String(format: ": n=%d  clients %.2f -> %.2f, controls %.2f -> %.2f, did %.3f",
                                      s.sets, s.clientsBeforeMean, s.clientsAfterMean, s.controlsBeforeMean, s.controlsAfterMean, s.did)
            if let ci = e.didCI { line += String(format: " (%.3f to %.3f)", ci.lower, ci.upper) }
            if let p = e.pValue { line += p > 0 ? String(format: " p=%.3g", p) : " p<1e-300" }
            if let rr = e.rateRatio, let ci = e.rateRatioCI { line += String(format: ", RR %.2f (%.2f to %.2f)", rr, ci.lower, ci.upper) }
            if let p = e.pRateRatio { line += String(format: " p=%.3g", p) }
            line += row.credibility.credible ? ", credible" : ", not credible (\(row.credibility.code))"
            Swift.print(line)
        }
        printStaggered()
        Swift.print("Time: " + results.timings.map { "\($0.stage) \(String(format: "%.1f", $0.seconds)) s" }.joined(separator: ", "))
    }

    /// The not-yet-treated comparison of all clients, when the run made it.
    func printStaggered() {
        guard let st = results.stored.staggered else { return }
        Swift.print("Clients against clients not yet entered (staggered did): extra events per client over the intake month and the months after it (95% CI):")
        for row in st.rows where row.scope == .all && row.ageBand == "all" {
            let label = "  \(row.source.rawValue.uppercased()) \(row.windowMonths) mo"
            guard let e = row.effect, row.reason == nil else {
                Swift.print(label + ": no estimate (\(row.reason?.rawValue ?? "none"))"); continue
            }
            let ci = e.confidenceInterval()
            var line = label + String(format: ": %d clients in %d cohorts, %d comparison; att %.3f (%.3f to %.3f) p=%.3g",
                                      e.treated, e.cohorts, e.comparison, e.estimate, ci.lower, ci.upper, e.pValue)
            if let p = row.preTrend { line += String(format: ", pre-trend p=%.3g", p.pValue) }
            Swift.print(line)
        }
    }
}
