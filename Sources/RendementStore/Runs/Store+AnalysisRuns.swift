import Crypto
import Foundation

/// One recorded analysis run: when, with which configuration, on which
/// inputs, for which stated purpose (doelbinding).
public struct AnalysisRunRecord: Sendable, Equatable {
    public var id: Int64
    public var createdAt: String
    public var kind: String
    public var configurationSHA256: String
    /// SHA-256 over the sorted list of live imports (kind and content hash).
    public var inputSHA256: String
    public var purpose: String
    public var toolVersion: String
}

extension Store {
    /// Records a run in `analysis_runs` and returns the record. The
    /// configuration is stored as given and hashed with SHA-256 (swift-crypto).
    public func recordAnalysisRun(kind: String, configuration: String, purpose: String, toolVersion: String) throws -> AnalysisRunRecord {
        func hex(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
        let inputs = try imports().filter { $0.replacedAt == nil }.map { "\($0.kind.rawValue):\($0.sha256)" }.sorted().joined(separator: "\n")
        let createdAt = ISO8601DateFormatter().string(from: Date())
        let configurationHash = hex(Data(configuration.utf8)), inputHash = hex(Data(inputs.utf8))
        try database.transaction {
            try database.prepare("""
                INSERT INTO analysis_runs(created_at, kind, configuration, configuration_sha256, input_sha256, purpose, tool_version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).run([createdAt, kind, configuration, configurationHash, inputHash, purpose, toolVersion])
        }
        return AnalysisRunRecord(id: database.lastInsertRowID, createdAt: createdAt, kind: kind, configurationSHA256: configurationHash,
                                 inputSHA256: inputHash, purpose: purpose, toolVersion: toolVersion)
    }

    /// Every recorded run, oldest first.
    public func analysisRuns() throws -> [AnalysisRunRecord] {
        try database.prepare("""
            SELECT run_id, created_at, kind, configuration_sha256, input_sha256, purpose, tool_version FROM analysis_runs ORDER BY run_id
            """).rows { r in
            AnalysisRunRecord(id: r.int(0), createdAt: r.text(1) ?? "", kind: r.text(2) ?? "", configurationSHA256: r.text(3) ?? "",
                              inputSHA256: r.text(4) ?? "", purpose: r.text(5) ?? "", toolVersion: r.text(6) ?? "")
        }
    }
}
