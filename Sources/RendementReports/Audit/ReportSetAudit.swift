import Foundation
import RendementCore

/// The disclosure audit of a written report set (`rendement audit DIR`, and
/// `ReportSetWriter` before a set is released): reads the set's CSV tables
/// back as any reader can, rebuilds the linear relations between the counts
/// they publish, and computes for every hidden count the interval a reader
/// can derive by linear programming (`AttackerIntervals`). A hidden count
/// narrower than the threshold is a finding (`DisclosureFinding`); a set
/// with findings is refused.
///
/// The counts and relations read (docs/privacy.md, "The audit"):
/// - matched sets per source and window of: the country
///   (`index-effects-national.csv`), each region (`index-regions.csv`), each
///   Veiligheidshuis so far (`effects-to-date`), by age band (`age-bands`),
///   of its report quarter (`effects-quarter`) and of its rolling years
///   (`effects-rolling-year`, `effect-over-time`);
/// - clients and matched sets per Veiligheidshuis (`index-veiligheidshuizen.csv`)
///   and per intake quarter (`clients-per-quarter`);
/// - relations: all ages = sum of the age bands; the country = sum of the
///   regions = sum of the Veiligheidshuizen; a region = sum of its
///   Veiligheidshuizen; so far = sum of the intake quarters (those not
///   published are unknowns); a rolling year = sum of its four quarters;
///   matched sets are at most the clients. Unknowns and hidden counts are
///   never negative. (The sets of a window are also at most the matched
///   sets; that inequality is left out, so that each source and window is
///   its own small linear program -- it only bounds a hidden count from
///   above by a published one.)
public enum ReportSetAudit {
    /// What the audit found.
    public struct Report: Sendable {
        public var findings: [DisclosureFinding]
        /// Published problems other than narrow intervals (tables that contradict each other).
        public var inconsistencies: [String]
        public var publishedCounts: Int
        public var hiddenCounts: Int
        public var relations: Int

        /// One line per finding (empty when the set passes).
        public var lines: [String] { inconsistencies + findings.map(\.description) }
        public var passed: Bool { findings.isEmpty && inconsistencies.isEmpty }
    }

    /// Audits the report set in `folder` with threshold `threshold`.
    public static func run(folder: String, threshold: Int) throws -> Report {
        var tables: [String: String] = [:]
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder) where file.hasSuffix(".csv") {
            guard let data = FileManager.default.contents(atPath: folder + "/" + file), let text = String(data: data, encoding: .utf8) else {
                throw ReportSetAudit.Failure(reason: "cannot read \(file) of the report set \(folder)")
            }
            tables[file] = text
        }
        return run(tables: tables, threshold: threshold)
    }

    /// Why a report set cannot be audited.
    public struct Failure: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
        public init(reason: String) { self.reason = reason }
    }

    /// Audits the CSV tables of a report set, by path relative to the set (`index-regions.csv`, `utrecht/rendement-2013Q4-age-bands.csv`).
    public static func run(tables: [String: String], threshold: Int) -> Report {
        var model = Model()
        let read = { (path: String) -> PublishedCSV? in tables[path].flatMap { PublishedCSV.parse(csv: $0) } }
        let houses = readOverview(read, into: &model)
        for file in tables.keys.sorted() where file.contains("/") {
            let folderName = String(file.split(separator: "/")[0])
            let name = String(file.split(separator: "/").last!)
            guard name.hasPrefix("rendement-"), let q = Quarter(String(name.dropFirst("rendement-".count).prefix(6))),
                  let table = read(file) else { continue }
            let house = houses.byFolder[folderName] ?? folderName
            model.housePages[house] = q
            readHousePage(String(name.dropFirst("rendement-".count + 7).dropLast(4)), table, house: house, quarter: q, into: &model)
        }
        model.relate(regions: houses.regions)
        let findings = DisclosureFinding.audit(model.problem, threshold: threshold)
        let inconsistency = model.problem.inconsistency()
        return Report(findings: findings, inconsistencies: inconsistency.map { [$0] } ?? [],
                      publishedCounts: model.problem.cells.filter { $0.value != nil }.count,
                      hiddenCounts: model.problem.cells.filter(\.protected).count, relations: model.problem.relations.count)
    }

    /// The overview's tables; returns the houses' regions and report folders.
    static func readOverview(_ read: (String) -> PublishedCSV?, into model: inout Model) -> (regions: [String: String], byFolder: [String: String]) {
        var regions: [String: String] = [:], byFolder: [String: String] = [:]
        if let t = read("index-effects-national.csv") {
            for r in t.rows { model.publish(Key.effects("all", "all", nil, "all", r["source"], r["window_months"]), r["n_sets"]) }
        }
        if let t = read("index-regions.csv"), let window = t.rows.first?["window_months"] {
            for r in t.rows { model.publish(Key.effects("regio", r["regio"] ?? "", nil, "all", "bvh", window), r["n_sets"]) }
        }
        if let t = read("index-veiligheidshuizen.csv") {
            for r in t.rows {
                guard let h = r["veiligheidshuis"] else { continue }
                model.houses.insert(h)
                model.publish(Key.cohort(h, nil, "clients"), r["n_clients"])
                model.publish(Key.cohort(h, nil, "sets"), r["n_matched"])
                if let g = r["regio"], !g.isEmpty { regions[h] = g }
                if let link = r["report"], let f = link.split(separator: "/").first, link.contains("/") { byFolder[String(f)] = h }
            }
        }
        return (regions, byFolder)
    }

    /// One table of a Veiligheidshuis's quarterly page.
    static func readHousePage(_ table: String, _ t: PublishedCSV, house h: String, quarter q: Quarter, into model: inout Model) {
        model.houses.insert(h)
        for r in t.rows {
            switch table {
            case "effects-quarter":
                model.publish(Key.effects("veiligheidshuis_kwartaal", h, q, "all", r["source"], r["window_months"]), r["n_sets"])
            case "effects-rolling-year":
                model.publish(Key.effects("veiligheidshuis_vier_kwartalen", h, q, "all", r["source"], r["window_months"]), r["n_sets"])
            case "effects-to-date":
                model.publish(Key.effects("veiligheidshuis", h, nil, "all", r["source"], r["window_months"]), r["n_sets"])
            case "age-bands":
                model.publish(Key.effects("veiligheidshuis", h, nil, r["age_band"] ?? "", "bvh", r["window_months"]), r["n_sets"])
            case "effect-over-time":
                guard let quarter = r["quarter"].flatMap(Quarter.init) else { continue }
                model.publish(Key.effects("veiligheidshuis_vier_kwartalen", h, quarter, "all", r["source"], r["window_months"]), r["n_sets"])
            case "clients-per-quarter":
                guard let quarter = r["quarter"].flatMap(Quarter.init) else { continue }
                model.publish(Key.cohort(h, quarter, "clients"), r["n_clients"])
                model.publish(Key.cohort(h, quarter, "sets"), r["n_matched"])
            default: return
            }
        }
    }

    /// The names of the counts: one string per population and count.
    enum Key {
        static func effects(_ kind: String, _ name: String, _ q: Quarter?, _ band: String, _ source: String?, _ window: String?) -> String {
            "sets \(source ?? "?") \(window ?? "?")m, \(kind) \(name)\(q.map { " \($0)" } ?? "")\(band == "all" ? "" : ", age \(band)")"
        }

        static func cohort(_ house: String, _ q: Quarter?, _ what: String) -> String {
            "\(what == "sets" ? "matched sets" : "clients"), veiligheidshuis \(house)\(q.map { " \($0)" } ?? "")"
        }
    }

    /// The cells and relations being rebuilt.
    struct Model {
        var problem = AttackerIntervals()
        var index: [String: Int] = [:]
        var houses: Set<String> = []
        var housePages: [String: Quarter] = [:]

        /// The cell named `key`, created as an unknown when it was not published.
        mutating func cell(_ key: String) -> Int {
            if let i = index[key] { return i }
            let i = problem.add(.init(name: key))
            index[key] = i
            return i
        }

        func has(_ key: String) -> Bool { index[key] != nil }

        /// A published count: a number, or empty when hidden.
        mutating func publish(_ key: String, _ text: String?) {
            guard let text else { return }
            let i = cell(key)
            if let v = Double(text) {
                if let old = problem.cells[i].value, old != v {
                    // The same count published twice with different values: recorded as its own contradiction.
                    let j = problem.add(.init(name: key + " (again)", value: v))
                    problem.relations.append(.init(terms: [(i, 1), (j, -1)]))
                    return
                }
                problem.cells[i].value = v
                problem.cells[i].protected = false
            } else if text.isEmpty, problem.cells[i].value == nil {
                problem.cells[i].protected = true
            }
        }

        mutating func sum(_ total: String, _ parts: [String]) {
            guard !parts.isEmpty else { return }
            problem.relations.append(.sum(total: cell(total), parts: parts.map { cell($0) }))
        }

        mutating func atMost(_ part: String, _ total: String) {
            guard has(part), has(total) else { return }
            problem.relations.append(.bounded(part: cell(part), by: cell(total)))
        }

        /// The relations between everything read.
        mutating func relate(regions: [String: String]) {
            let designs = Set(index.keys.compactMap { k -> [String]? in
                guard k.hasPrefix("sets ") else { return nil }
                let p = k.dropFirst(5).split(separator: ",")[0].split(separator: " ")
                return [String(p[0]), String(p[1].dropLast())]
            }).sorted { $0.joined() < $1.joined() }
            let houses = self.houses.sorted()
            let regionNames = Set(regions.values).sorted()
            for d in designs {
                let (s, w) = (d[0], d[1])
                // A Veiligheidshuis without a page and with 0 matched sets published has 0 sets in every window.
                for h in houses where housePages[h] == nil && index[Key.cohort(h, nil, "sets")].flatMap({ problem.cells[$0].value }) == 0 {
                    publish(Key.effects("veiligheidshuis", h, nil, "all", s, w), "0")
                }
                let house = { (h: String) in Key.effects("veiligheidshuis", h, nil, "all", s, w) }
                let national = Key.effects("all", "all", nil, "all", s, w)
                if has(national) {
                    sum(national, houses.map(house))
                    if !regionNames.isEmpty, regions.count == houses.count { sum(national, regionNames.map { Key.effects("regio", $0, nil, "all", s, w) }) }
                }
                for r in regionNames where has(Key.effects("regio", r, nil, "all", s, w)) {
                    sum(Key.effects("regio", r, nil, "all", s, w), houses.filter { regions[$0] == r }.map(house))
                }
                for h in houses {
                    let bands = index.keys.filter { $0.hasPrefix(house(h) + ", age ") }.sorted()
                    if !bands.isEmpty { sum(house(h), bands) }
                    relateQuarters(h, s, w)
                }
            }
            for h in houses { relateCohort(h) }
        }

        /// So far = the intake quarters; rolling years = four quarters;
        mutating func relateQuarters(_ h: String, _ s: String, _ w: String) {
            guard let q = housePages[h] else { return }
            let quarter = { (x: Quarter) in Key.effects("veiligheidshuis_kwartaal", h, x, "all", s, w) }
            let rolling = index.keys.filter { $0.hasPrefix("sets \(s) \(w)m, veiligheidshuis_vier_kwartalen \(h) ") }
                .compactMap { Quarter(String($0.suffix(6))) }.sorted()
            let first = (rolling.map { $0.adding(-3) } + [q]).min()!
            var quarters: [Quarter] = []
            var x = first
            while x <= q { quarters.append(x); x = x.adding(1) }
            for r in rolling { sum(Key.effects("veiligheidshuis_vier_kwartalen", h, r, "all", s, w), (0..<4).map { quarter(r.adding(-$0)) }) }
            if has(Key.effects("veiligheidshuis", h, nil, "all", s, w)) || has(quarter(q)) {
                sum(Key.effects("veiligheidshuis", h, nil, "all", s, w), quarters.map(quarter) + ["\(h) \(s) \(w): sets of other quarters"])
            }
        }

        /// Clients and matched sets so far = the quarters published + the others; matched at most clients.
        mutating func relateCohort(_ h: String) {
            let quarters = index.keys.filter { $0.hasPrefix("clients, veiligheidshuis \(h) ") }.compactMap { Quarter(String($0.suffix(6))) }.sorted()
            for what in ["clients", "sets"] where !quarters.isEmpty && has(Key.cohort(h, nil, what)) {
                sum(Key.cohort(h, nil, what), quarters.map { Key.cohort(h, $0, what) } + ["\(h): \(what) of other quarters"])
            }
            for x in quarters.map(Optional.some) + [nil] { atMost(Key.cohort(h, x, "sets"), Key.cohort(h, x, "clients")) }
        }
    }
}
