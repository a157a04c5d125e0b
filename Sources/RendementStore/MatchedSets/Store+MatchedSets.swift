import Foundation
import RendementCore

extension Store {
    /// Stores a matching run, the imports it read, its sets and its results
    /// (`results(runID)`: named JSON documents) in one transaction; returns the run id.
    public func saveMatchRun(configuration: String, seed: UInt64, caliper: Double?, clients: Int, toolVersion: String,
                             units: [MatchedUnitRecord], unmatched: [UnmatchedClientRecord] = [], inputs: [RunInput] = [],
                             results: (Int64) throws -> [String: Data] = { _ in [:] }) throws -> Int64 {
        try database.transaction {
            let matched = Set(units.filter(\.isClient).map(\.setID)).count
            try database.prepare("""
                INSERT INTO match_runs(created_at, configuration, seed, caliper, clients, matched, tool_version, inputs)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).run([ISO8601DateFormatter().string(from: Date()), configuration, Int64(bitPattern: seed), caliper,
                          clients, matched, toolVersion, RunInput.json(inputs)])
            let run = database.lastInsertRowID
            let insert = try database.prepare("""
                INSERT INTO matched_units(run_id, set_id, role, person_key, index_day, index_incident, veiligheidshuis,
                                          doelgroep, weight, distance, match_round) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for u in units {
                try insert.run([run, u.setID, u.isClient ? 0 : 1, u.personKey, Int(u.index.number),
                                u.indexIncident.map { String($0) }, u.veiligheidshuis, u.doelgroep, u.weight, u.distance, u.round])
            }
            let insertUnmatched = try database.prepare("""
                INSERT INTO unmatched_clients(run_id, person_key, index_day, veiligheidshuis, doelgroep, reason) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for u in unmatched {
                try insertUnmatched.run([run, u.personKey, Int(u.index.number), u.veiligheidshuis, u.doelgroep, u.reason])
            }
            let insertResult = try database.prepare("INSERT INTO run_results(run_kind, run_id, name, content) VALUES ('match', ?, ?, ?)")
            for (name, content) in try results(run).sorted(by: { $0.key < $1.key }) { try insertResult.run([run, name, content]) }
            return run
        }
    }

    /// The clients of a run without a matched set.
    public func unmatchedClients(run: Int64) throws -> [UnmatchedClientRecord] {
        try database.prepare("""
            SELECT person_key, index_day, veiligheidshuis, doelgroep, reason FROM unmatched_clients WHERE run_id = ? ORDER BY person_key
            """).rows([run]) { r in
            UnmatchedClientRecord(personKey: r.int(0), index: Day(number: Int32(r.int(1))), veiligheidshuis: r.text(2) ?? "",
                                  doelgroep: r.text(3) ?? "", reason: r.text(4) ?? "")
        }
    }

    /// The most recent matching run, if any.
    public func latestMatchRun() throws -> MatchRunRecord? {
        try matchRuns(where: "1 = 1 ORDER BY run_id DESC LIMIT 1", []).first
    }

    /// The matching run with this id, if any.
    public func matchRun(id: Int64) throws -> MatchRunRecord? {
        try matchRuns(where: "run_id = ?", [id]).first
    }

    private func matchRuns(where clause: String, _ values: [Bindable?]) throws -> [MatchRunRecord] {
        let rows = try database.prepare("""
            SELECT run_id, created_at, configuration, seed, caliper, clients, matched, tool_version, inputs
            FROM match_runs WHERE \(clause)
            """).rows(values) { r in
            (MatchRunRecord(id: r.int(0), createdAt: r.text(1) ?? "", configuration: r.text(2) ?? "{}", seed: r.int(3),
                            caliper: r.isNull(4) ? nil : r.double(4), clients: Int(r.int(5)), matched: Int(r.int(6)),
                            toolVersion: r.text(7) ?? "", inputs: []), r.text(8) ?? "[]")
        }
        return try rows.map { record, inputs in
            var record = record
            record.inputs = try RunInput.list(inputs)
            return record
        }
    }

    /// The units of a run, by set and role (client first), controls in the
    /// order of their pseudonyms (never of the store's import-order keys).
    public func matchedUnits(run: Int64) throws -> [MatchedUnitRecord] {
        try database.prepare("""
            SELECT set_id, role, person_key, index_day, index_incident, veiligheidshuis, doelgroep, weight, distance, match_round
            FROM matched_units u WHERE run_id = ?
            ORDER BY set_id, role, (SELECT persoon_id FROM persons p WHERE p.person_key = u.person_key), index_day
            """).rows([run]) { r in
            MatchedUnitRecord(setID: Int(r.int(0)), isClient: r.int(1) == 0, personKey: r.int(2), index: Day(number: Int32(r.int(3))),
                              indexIncident: r.text(4).flatMap { Int64($0) }, veiligheidshuis: r.text(5) ?? "",
                              doelgroep: r.text(6) ?? "", weight: r.double(7), distance: r.isNull(8) ? nil : r.double(8),
                              round: Int(r.int(9)))
        }
    }
}
