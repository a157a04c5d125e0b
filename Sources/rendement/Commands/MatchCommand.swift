import ArgumentParser
import Foundation
import RendementCohorts
import RendementCore
import RendementStore

/// `rendement match`: clients and a comparable control group.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match each client to comparable persons never discussed in a Veiligheidshuis, and show the balance.",
        discussion: """
        Propensity score (logistic regression on age, age squared, sex, prior BVH contacts and HKS reports, \
        years known to the police), nearest neighbour on its logit within exact strata (default sex, age band, \
        intake month) and a caliper. Matched sets are stored for `rendement analyze`; balance.csv goes to --out.
        """
    )

    @OptionGroup var store: StoreOption

    @Option(help: "Controls per client (1:k).")
    var ratio: Int = 1

    @Option(help: "Caliper in standard deviations of the logit of the propensity score; 0 for none.")
    var caliper: Double = 0.2

    @Flag(help: "Allow a control to serve several clients.")
    var replace = false

    @Option(help: "Variables matched exactly: any of sex,age_band,intake_month, or none.")
    var exact: String = "sex,age_band,intake_month"

    @Option(help: "Calendar months a control's index date may lie from the client's intake month.")
    var monthTolerance: Int = 0

    @Option(help: "Age bands for exact matching, e.g. 12-17,18-24,25-34,35-.")
    var ageBands: String = "12-17,18-24,25-34,35-"

    @Option(help: "Distance: ps (logit of the propensity score) or mahalanobis (on the covariates, within the caliper on the score).")
    var distance: String = "ps"

    @Option(help: "Seed for the tie-breaking order.")
    var seed: UInt64 = 1

    @Option(help: "Folder for balance.csv.")
    var out: String = "output"

    @Option(help: "Write the person-level matches.csv here (opt-in; mode 0600; never inside a report folder).")
    var export: String?

    @Option(help: "Suppress balance rows of scopes with fewer matched clients than this (at least 10).")
    var minCell: Int = 10

    func validate() throws {
        guard ratio >= 1 else { throw ValidationError("--ratio must be at least 1") }
        guard caliper >= 0 else { throw ValidationError("--caliper must be 0 (none) or positive") }
        guard ExactMatching.parse(exact) != nil else { throw ValidationError("--exact takes sex,age_band,intake_month or none") }
        guard AgeBand.parseList(ageBands) != nil else { throw ValidationError("--age-bands: expected bands like 12-17,18-24,35-") }
        guard MatchingOptions.Distance(rawValue: distance) != nil else { throw ValidationError("--distance takes ps or mahalanobis") }
        if let reason = MinimumCell.refusal(minCell, name: "--min-cell") { throw ValidationError(reason) }
    }

    func run() throws {
        try reportingErrors {
            var settings = MatchingSettings()
            settings.ratio = ratio
            settings.caliperSD = caliper > 0 ? caliper : nil
            settings.withReplacement = replace
            settings.exact = ExactMatching.parse(exact)!.map(\.rawValue).sorted()
            settings.monthTolerance = monthTolerance
            settings.seed = seed
            settings.distance = distance
            settings.ageBands = AgeBand.parseList(ageBands)!.map(\.description)
            let storeFiles = [store.path, store.path + "-wal", store.path + "-shm"]
            if let export { try MatchesExport.check(export, protecting: storeFiles) }
            try TableFolder.check(out)
            let db = try Store(path: store.path, create: false)
            let progress = ProgressLine("matching")
            let report = try MatchingRun(settings: settings, toolVersion: RendementVersion.string).run(store: db) { _ in progress.update(0.5) }
            progress.finish()
            try TableFolder.write([("balance.csv", BalanceTable.csv(report.balance, minimumCell: minCell)),
                                   ("unmatched.csv", BalanceTable.unmatchedCSV(report.unmatchedByHouse, minimumCell: minCell))], into: out)
            MatchSummaryPrinter(report: report).print()
            print("Balance table: \(out)/balance.csv; unmatched clients per Veiligheidshuis and reason: \(out)/unmatched.csv")
            if let export {
                let units = try db.matchedUnits(run: report.runID)
                let names = try db.pseudonyms(Set(units.map(\.personKey)))
                try MatchesExport.write(units: units, pseudonyms: names, to: export, protecting: storeFiles)
                print("Person-level export (mode 0600, keep it protected): \(export)")
            }
        }
    }
}
