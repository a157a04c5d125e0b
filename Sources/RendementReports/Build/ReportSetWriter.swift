import Foundation
import RendementAnalysis
import RendementCore

/// Writes a report set: `DIR/index.md` (+ `.html`) and per Veiligheidshuis
/// `DIR/<folder>/rendement-<YYYY>Q<n>.md` (+ `.html`), each page's charts as
/// SVG files beside it, each table as CSV (`<page>-<table>.csv`), and last
/// `DIR/manifest.json` listing every file with its SHA-256.
///
/// A set is written whole or not at all: into a fresh folder beside DIR,
/// then swapped in by one atomic rename (`FolderSwap`), so DIR holds the
/// earlier set or the new one, never a mix, whenever the process stops; an
/// earlier set is replaced as a whole (no stale file of it remains). DIR
/// must be new, empty, or an earlier report set (`ReportSetFolder`).
/// Folder names are unique and bounded (`HouseFolders`).
public struct ReportSetWriter {
    public enum Format: String, CaseIterable, Sendable { case md, csv, html }

    public var inputs: ReportInputs
    public var language: ReportLanguage
    public var formats: Set<Format>
    /// Only this Veiligheidshuis (nil: all).
    public var house: String?
    /// The quarter of the quarterly reports (nil: the latest quarter in which
    /// any client entered -- one quarter for every Veiligheidshuis).
    public var quarter: Quarter?

    /// Why a report set cannot be written for the settings given.
    public enum Failure: Error, CustomStringConvertible {
        case quarterOutsideData(Quarter, ClosedRange<Quarter>)
        case noClients
        /// The disclosure audit found hidden counts a reader could narrow: the set is not released.
        case disclosure([String])
        public var description: String {
            switch self {
            case let .quarterOutsideData(q, range):
                "no client entered in \(q): the data cover intake from \(range.lowerBound) to \(range.upperBound); choose a quarter in that range"
            case .noClients: "the matching run has no clients: nothing to report"
            case let .disclosure(lines):
                "the report set is not released: the disclosure audit found \(lines.count) hidden count\(lines.count == 1 ? "" : "s") a reader could narrow:\n" + lines.joined(separator: "\n")
            }
        }
    }

    /// The quarter the quarterly reports are about: the one asked for, which
    /// must lie within the intake quarters of the data, or the latest of them.
    public func reportQuarter() throws -> Quarter {
        let quarters = inputs.matching.clientsByHouseQuarter.map(\.quarter)
        guard let first = quarters.min(), let last = quarters.max() else { throw Failure.noClients }
        guard let quarter else { return last }
        guard (first...last).contains(quarter) else { throw Failure.quarterOutsideData(quarter, first...last) }
        return quarter
    }

    public init(inputs: ReportInputs, language: ReportLanguage, formats: Set<Format> = Set(Format.allCases),
                house: String? = nil, quarter: Quarter? = nil) {
        self.inputs = inputs
        self.language = language
        self.formats = formats
        self.house = house
        self.quarter = quarter
    }

    /// Writes everything; returns the path of the overview page.
    @discardableResult
    public func write(to folder: String) throws -> String {
        try ReportSetFolder.check(folder)
        FolderSwap.removeStale(for: folder)
        let staging = try FolderSwap.makeStaging(for: folder)
        do {
            var files = ReportSetFiles(root: staging)
            try writePages(into: &files)
            try files.writeManifest()
            try ReportSetFolder.check(folder)  // again: it may have changed while the set was written
            try FolderSwap.swapIn(staging, for: folder)
        } catch {
            FolderSwap.discard(staging)
            throw error
        }
        return folder + "/index." + (formats.contains(.md) ? "md" : "html")
    }

    /// The pages of the set: (folder "" or "NAME/", page name, document).
    func pages(audit: ReportSetAudit.Report?) throws -> [(folder: String, page: String, document: ReportDocument)] {
        var links: [String: String] = [:], out: [(String, String, ReportDocument)] = []
        let houses = inputs.registry.map(\.name).filter { house == nil || $0 == house }
        let folders = try HouseFolders.assign(houses)
        let q = try reportQuarter()
        for h in houses where inputs.matching.clients(of: h) > 0 {
            let dir = folders[h]!
            let page = "rendement-\(q)"
            out.append((dir + "/", page, QuarterlyReport(inputs: inputs, house: h, quarter: q, language: language, audit: audit).document()))
            links[h] = dir + "/" + page + (formats.contains(.md) ? ".md" : ".html")
        }
        out.append(("", "index", OverviewReport(inputs: inputs, language: language, links: links).document()))
        return out
    }

    /// The disclosure audit (`ReportSetAudit`) of the set's tables, as they would be written.
    public func audit() throws -> ReportSetAudit.Report {
        var tables: [String: String] = [:]
        for p in try pages(audit: nil) {
            for t in p.document.tables { tables["\(p.folder)\(p.page)-\(t.name).csv"] = t.csv }
        }
        return ReportSetAudit.run(tables: tables, threshold: inputs.minimumCell)
    }

    /// Audits the set, refuses it when the audit finds anything, and writes
    /// the pages with the audit's result in their data-quality section.
    private func writePages(into files: inout ReportSetFiles) throws {
        let audit = try audit()
        guard audit.passed else { throw Failure.disclosure(audit.lines) }
        for p in try pages(audit: audit) {
            if !p.folder.isEmpty { try files.makeFolder(String(p.folder.dropLast())) }
            try write(p.document, to: &files, folder: p.folder, page: p.page)
        }
    }

    /// One page in the chosen formats; `folder` is "" or "NAME/".
    func write(_ doc: ReportDocument, to files: inout ReportSetFiles, folder: String, page: String) throws {
        if formats.contains(.md) {
            try files.add(folder + page + ".md", MarkdownRenderer.render(doc, filePrefix: page))
            for case let .chart(name, svg, _) in doc.blocks {
                try files.add("\(folder)\(page)-\(name).svg", svg)
            }
        }
        if formats.contains(.html) {
            let csv = formats.contains(.csv) || formats.contains(.md)
            try files.add(folder + page + ".html", HTMLRenderer.render(doc, csvPrefix: csv ? page : nil))
        }
        if formats.contains(.csv) || formats.contains(.md) {
            for t in doc.tables {
                try files.add("\(folder)\(page)-\(t.name).csv", t.csv)
            }
        }
    }
}
