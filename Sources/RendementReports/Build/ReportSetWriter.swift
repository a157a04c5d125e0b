import Foundation
import RendementAnalysis
import RendementCore

/// Writes a report set: `DIR/index.md` (+ `.html`) and per Veiligheidshuis
/// `DIR/<name>/rendement-<YYYY>Q<n>.md` (+ `.html`), each page's charts as
/// SVG files beside it and each table as CSV (`<page>-<table>.csv`).
public struct ReportSetWriter {
    public enum Format: String, CaseIterable, Sendable { case md, csv, html }

    public var inputs: ReportInputs
    public var language: ReportLanguage
    public var formats: Set<Format>
    /// Only this Veiligheidshuis (nil: all).
    public var house: String?
    /// Only this quarter (nil: each house's latest intake quarter).
    public var quarter: Quarter?

    public init(inputs: ReportInputs, language: ReportLanguage, formats: Set<Format> = Set(Format.allCases),
                house: String? = nil, quarter: Quarter? = nil) {
        self.inputs = inputs
        self.language = language
        self.formats = formats
        self.house = house
        self.quarter = quarter
    }

    /// A folder name that is safe on every file system.
    static func folderName(_ house: String) -> String {
        let folded = house.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let mapped = folded.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return mapped.split(separator: "-").joined(separator: "-")
    }

    /// Writes everything; returns the path of the overview page.
    @discardableResult
    public func write(to folder: String) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var links: [String: String] = [:]
        let houses = inputs.registry.map(\.name).filter { house == nil || $0 == house }
        for h in houses {
            let intakes = inputs.population.cohort.clients.filter { $0.veiligheidshuis == h }.map { Quarter(containing: $0.index) }
            guard let q = quarter ?? intakes.max() else { continue }
            let dir = folder + "/" + Self.folderName(h)
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let page = "rendement-\(q)"
            try write(QuarterlyReport(inputs: inputs, house: h, quarter: q, language: language).document(), folder: dir, page: page)
            links[h] = Self.folderName(h) + "/" + page + (formats.contains(.md) ? ".md" : ".html")
        }
        try write(OverviewReport(inputs: inputs, language: language, links: links).document(), folder: folder, page: "index")
        return folder + "/index." + (formats.contains(.md) ? "md" : "html")
    }

    func write(_ doc: ReportDocument, folder: String, page: String) throws {
        if formats.contains(.md) {
            try MarkdownRenderer.render(doc, filePrefix: page).write(toFile: "\(folder)/\(page).md", atomically: true, encoding: .utf8)
            for case let .chart(name, svg, _) in doc.blocks {
                try svg.write(toFile: "\(folder)/\(page)-\(name).svg", atomically: true, encoding: .utf8)
            }
        }
        if formats.contains(.html) {
            try HTMLRenderer.render(doc).write(toFile: "\(folder)/\(page).html", atomically: true, encoding: .utf8)
        }
        if formats.contains(.csv) || formats.contains(.md) {
            for t in doc.tables {
                try t.csv.write(toFile: "\(folder)/\(page)-\(t.name).csv", atomically: true, encoding: .utf8)
            }
        }
    }
}
