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
        Propensity score (logistic regression on age, age squared, sex, and the police history of a matching \
        history that ends 24 months before intake: BVH contacts and HKS reports, their trend, years known to the \
        police), nearest neighbour on its logit within exact strata (default sex, age band, intake month) and a \
        caliper; clients left over are matched in relaxed rounds while balance holds. Matched sets are stored for \
        `rendement analyze`; balance.csv goes to --out.
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

    @Flag(inversion: .prefixedNo, help: "Staged matching: match clients left without a control again with the intake month widened by one month at a time (up to --relaxed-month-tolerance) and then without the age band, while every |SMD| stays within 0.1.")
    var relax = true

    @Option(help: "The widest month tolerance of the relaxation rounds.")
    var relaxedMonthTolerance: Int = 3

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

    /// Checked by the same rules as the `matching` object of a configuration file.
    func validate() throws {
        do { _ = try settings() } catch let e as SettingError { throw ValidationError(e.description) }
        if let reason = MinimumCell.refusal(minCell, name: "--min-cell") { throw ValidationError(reason) }
    }

    /// The typed settings of these flags, validated (`MatchingSettings.validate`).
    func settings() throws -> MatchingSettings {
        var s = MatchingSettings()
        s.ratio = ratio
        guard caliper >= 0 else { throw SettingError(key: "caliperSD", flag: "--caliper", "expected 0 (no caliper) or a positive number") }
        s.caliperSD = caliper > 0 ? caliper : nil
        s.withReplacement = replace
        guard let variables = ExactMatching.parse(exact) else {
            throw SettingError(key: "exact", flag: "--exact", "expected any of \(ExactMatching.Variable.allCases.map(\.rawValue).joined(separator: ",")) or none")
        }
        s.exact = ExactMatching.Variable.allCases.filter(variables.contains)
        s.monthTolerance = monthTolerance
        s.relax = relax
        s.relaxedMonthTolerance = relaxedMonthTolerance
        s.seed = seed
        guard let d = MatchingOptions.Distance(rawValue: distance) else {
            throw SettingError(key: "distance", flag: "--distance", "expected ps or mahalanobis, got \"\(distance)\"")
        }
        s.distance = d
        guard let bands = AgeBand.parseList(ageBands) else {
            throw SettingError(key: "ageBands", flag: "--age-bands", "expected non-overlapping bands like 12-17,18-24,25-34,35-")
        }
        s.ageBands = bands
        try s.validate()
        return s
    }

    func run() throws {
        try reportingErrors {
            let settings = try settings()
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
