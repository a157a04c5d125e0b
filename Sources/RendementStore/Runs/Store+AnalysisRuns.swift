import Crypto
import Foundation

/// One recorded analysis run: when, with which configuration, on which match
/// run and imports, for which stated purpose (doelbinding).
public struct AnalysisRunRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var createdAt: String
    public var kind: String
    /// The full typed settings as JSON.
    public var configuration: String
    public var configurationSHA256: String
    /// SHA-256 over the sorted list of live imports (kind and content hash).
    public var inputSHA256: String
    public var purpose: String
    public var toolVersion: String
    /// The matching run whose sets were analysed (nil for runs recorded before schema 7).
    public var matchRunID: Int64?
    /// The live imports the run read.
    public var inputs: [RunInput]
}

extension Store {
    /// Records a run in `analysis_runs` and returns the record. The
    /// configuration is stored as given and hashed with SHA-256 (swift-crypto).
    public func recordAnalysisRun(kind: String, configuration: String, purpose: String, toolVersion: String,
                                  matchRunID: Int64? = nil, inputs: [RunInput]? = nil) throws -> AnalysisRunRecord {
        func hex(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
        let live = try imports().filter { $0.replacedAt == nil }
        let inputText = live.map { "\($0.kind.rawValue):\($0.sha256)" }.sorted().joined(separator: "\n")
        let recorded = inputs ?? live.map { RunInput(importID: $0.id, kind: $0.kind.rawValue, sha256: $0.sha256) }
        let createdAt = ISO8601DateFormatter().string(from: Date())
        let configurationHash = hex(Data(configuration.utf8)), inputHash = hex(Data(inputText.utf8))
        try database.transaction {
            try database.prepare("""
                INSERT INTO analysis_runs(created_at, kind, configuration, configuration_sha256, input_sha256, purpose, tool_version,
                                          match_run_id, inputs)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run([createdAt, kind, configuration, configurationHash, inputHash, purpose, toolVersion, matchRunID,
                          RunInput.json(recorded)])
        }
        return AnalysisRunRecord(id: database.lastInsertRowID, createdAt: createdAt, kind: kind, configuration: configuration,
                                 configurationSHA256: configurationHash, inputSHA256: inputHash, purpose: purpose,
                                 toolVersion: toolVersion, matchRunID: matchRunID, inputs: recorded)
    }

    /// Every recorded run, oldest first.
    public func analysisRuns() throws -> [AnalysisRunRecord] {
        try analysisRuns(where: "1 = 1 ORDER BY run_id", [])
    }

    /// The recorded analysis run with this id, if any.
    public func analysisRun(id: Int64) throws -> AnalysisRunRecord? {
        try analysisRuns(where: "run_id = ?", [id]).first
    }

    /// The latest analysis run of `kind` that stored results (nil when there is none).
    public func latestAnalysisRun(kind: String = "analysis") throws -> AnalysisRunRecord? {
        try analysisRuns(where: """
            kind = ? AND EXISTS (SELECT 1 FROM run_results r WHERE r.run_kind = 'analysis' AND r.run_id = analysis_runs.run_id)
            ORDER BY run_id DESC LIMIT 1
            """, [kind]).first
    }

    private func analysisRuns(where clause: String, _ values: [Bindable?]) throws -> [AnalysisRunRecord] {
        let rows = try database.prepare("""
            SELECT run_id, created_at, kind, configuration, configuration_sha256, input_sha256, purpose, tool_version, match_run_id, inputs
            FROM analysis_runs WHERE \(clause)
            """).rows(values) { r in
            (AnalysisRunRecord(id: r.int(0), createdAt: r.text(1) ?? "", kind: r.text(2) ?? "", configuration: r.text(3) ?? "{}",
                               configurationSHA256: r.text(4) ?? "", inputSHA256: r.text(5) ?? "", purpose: r.text(6) ?? "",
                               toolVersion: r.text(7) ?? "", matchRunID: r.isNull(8) ? nil : r.int(8), inputs: []), r.text(9) ?? "[]")
        }
        return try rows.map { record, inputs in
            var record = record
            record.inputs = try RunInput.list(inputs)
            return record
        }
    }
}
