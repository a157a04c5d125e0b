import Foundation
import RendementCore

/// One import a run read: its id, kind and content hash. A run records the
/// live imports it read, so a later stage can tell when one of them has been
/// replaced (or another added) since, and refuse to use the run's stale
/// results.
public struct RunInput: Sendable, Codable, Equatable, Hashable {
    public var importID: Int64
    public var kind: String
    public var sha256: String

    public init(importID: Int64, kind: String, sha256: String) {
        self.importID = importID
        self.kind = kind
        self.sha256 = sha256
    }

    /// Encodes a list as compact JSON (for the runs tables).
    static func json(_ inputs: [RunInput]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { return String(decoding: try encoder.encode(inputs.sorted { $0.importID < $1.importID }), as: UTF8.self) } catch {
            preconditionFailure("run inputs of plain values always encode: \(error)")
        }
    }

    /// Decodes a list stored by `json`; a damaged list is an error, never an empty one.
    static func list(_ text: String) throws -> [RunInput] {
        do { return try JSONDecoder().decode([RunInput].self, from: Data(text.utf8)) } catch {
            throw StoreError.damaged("the recorded inputs of a run cannot be read: \(error)")
        }
    }
}

/// Why a run's results no longer describe the store: the kinds of input
/// whose live imports differ from the ones the run read.
public struct Staleness: Sendable, Equatable, CustomStringConvertible {
    /// The kinds that changed, in the order of `InputKind.allCases`.
    public var changedKinds: [String]

    /// "the clienten import" / "the bvh and clienten imports".
    public var description: String {
        let names = changedKinds.count <= 1 ? changedKinds.joined()
            : changedKinds.dropLast().joined(separator: ", ") + " and " + changedKinds.last!
        return "the \(names) import\(changedKinds.count == 1 ? "" : "s") changed"
    }

    /// Compares what a run read with what is live now, for the given kinds.
    public static func of(recorded: [RunInput], live: [RunInput], kinds: [String]) -> Staleness? {
        let changed = kinds.filter { kind in
            Set(recorded.filter { $0.kind == kind }) != Set(live.filter { $0.kind == kind })
        }
        return changed.isEmpty ? nil : Staleness(changedKinds: changed)
    }
}

extension Store {
    /// The live imports of the given kinds, as run inputs.
    public func liveInputs(kinds: [InputKind]) throws -> [RunInput] {
        try imports().filter { $0.replacedAt == nil && kinds.contains($0.kind) }
            .map { RunInput(importID: $0.id, kind: $0.kind.rawValue, sha256: $0.sha256) }
    }

    /// Stores one named result of a run (JSON), replacing an earlier one of the same name.
    public func saveRunResult(kind: String, run: Int64, name: String, content: Data) throws {
        try database.transaction {
            try database.prepare("INSERT OR REPLACE INTO run_results(run_kind, run_id, name, content) VALUES (?, ?, ?, ?)")
                .run([kind, run, name, content])
        }
    }

    /// Stores several named results of a run at once (one transaction).
    public func saveRunResults(kind: String, run: Int64, _ results: [(name: String, content: Data)]) throws {
        try database.transaction {
            let insert = try database.prepare("INSERT OR REPLACE INTO run_results(run_kind, run_id, name, content) VALUES (?, ?, ?, ?)")
            for r in results { try insert.run([kind, run, r.name, r.content]) }
        }
    }

    /// A stored result of a run, or nil when the run stored none of that name.
    public func runResult(kind: String, run: Int64, name: String) throws -> Data? {
        try database.prepare("SELECT content FROM run_results WHERE run_kind = ? AND run_id = ? AND name = ?")
            .rows([kind, run, name]) { Data($0.blob(0)) }.first
    }
}
