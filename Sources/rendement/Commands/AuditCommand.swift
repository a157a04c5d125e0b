import ArgumentParser
import Foundation
import RendementCore
import RendementReports

/// `rendement audit DIR`: the disclosure audit of a written report set, by
/// hand (the report command runs it before every set is released).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check a report set for hidden counts that a reader could work out from the published ones.",
        discussion: """
        Reads the CSV tables of the report set back, rebuilds the sums between them (all ages = the age bands, \
        the country = the regions = the Veiligheidshuizen, so far = the intake quarters, a rolling year = its \
        four quarters, ...) and computes by linear programming the smallest and largest value a reader can \
        derive for every hidden count. Exit 0 when every hidden count spans at least the threshold; otherwise \
        exit 1 with one line per finding. docs/privacy.md explains the rule.
        """
    )

    @Argument(help: "The folder of the report set (with its CSV tables).")
    var folder: String

    @Option(name: .customLong("min-cell"), help: "The threshold the set was made with (at least \(MinimumCell.floor)).")
    var minimumCell: Int = MinimumCell.floor

    func validate() throws {
        if let refusal = MinimumCell.refusal(minimumCell, name: "--min-cell") { throw ValidationError(refusal) }
    }

    func run() throws {
        let report = try reportingErrors { () throws -> ReportSetAudit.Report in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ReportSetAudit.Failure(reason: "\(folder) is not a folder")
            }
            guard (try FileManager.default.subpathsOfDirectory(atPath: folder)).contains(where: { $0.hasSuffix(".csv") }) else {
                throw ReportSetAudit.Failure(reason: "\(folder) holds no CSV tables to audit (write the report set with --format md or csv)")
            }
            return try ReportSetAudit.run(folder: folder, threshold: minimumCell)
        }
        for line in report.lines { print(Escaping.terminal(line)) }
        guard report.passed else { throw fail("the disclosure audit found \(report.lines.count) problem\(report.lines.count == 1 ? "" : "s") (listed above): do not release this report set") }
        print("Disclosure audit passed: \(report.hiddenCounts) hidden counts, \(report.publishedCounts) published, \(report.relations) relations; every hidden count spans at least \(minimumCell).")
    }
}
