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
        public var description: String {
            switch self {
            case let .quarterOutsideData(q, range):
                "no client entered in \(q): the data cover intake from \(range.lowerBound) to \(range.upperBound); choose a quarter in that range"
            case .noClients: "the matching run has no clients: nothing to report"
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

    /// The quarterly pages and the overview.
    private func writePages(into files: inout ReportSetFiles) throws {
        var links: [String: String] = [:]
        let houses = inputs.registry.map(\.name).filter { house == nil || $0 == house }
        let folders = try HouseFolders.assign(houses)
        let q = try reportQuarter()
        for h in houses where inputs.matching.clients(of: h) > 0 {
            let dir = folders[h]!
            try files.makeFolder(dir)
            let page = "rendement-\(q)"
            try write(QuarterlyReport(inputs: inputs, house: h, quarter: q, language: language).document(), to: &files, folder: dir + "/", page: page)
            links[h] = dir + "/" + page + (formats.contains(.md) ? ".md" : ".html")
        }
        try write(OverviewReport(inputs: inputs, language: language, links: links).document(), to: &files, folder: "", page: "index")
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
