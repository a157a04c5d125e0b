import Foundation
import RendementCore
import RendementStore

/// The rules of the Veiligheidshuis registry, applied when a registry file
/// is imported (a broken rule refuses the whole file with one line naming
/// what is wrong; nothing is imported):
///
/// 1. the file lists each Veiligheidshuis once -- names compared as
///    clienten rows are matched to them (ignoring case, spaces, `_`, `-`);
///    every line of a repeated name is named;
/// 2. a name is not already in the live registry from another import;
/// 3. a replaced registry (`--replace`) keeps every Veiligheidshuis that has
///    clients. A name kept in another spelling follows by itself; a renamed
///    one needs a mapping file (`--rename FILE.json`, `{"old": "new"}`).
///    Each rename is applied to every stored row that names the house and
///    recorded in `registry_renames` (`Store.renameVeiligheidshuis`).
struct RegistryRules {
    let file: RegistryFile
    /// Old name -> new name, from `--rename`.
    let renames: [String: String]

    init(file: RegistryFile, renamePath: String?) throws(InputProblem) {
        self.file = file
        renames = try renamePath.map { p throws(InputProblem) in try Self.loadRenames(p) } ?? [:]
    }

    /// Rule 1, before anything is written.
    func checkFile() throws(InputProblem) {
        let repeated = file.duplicates
        guard !repeated.isEmpty else { return }
        let detail = repeated.map { group in
            "Veiligheidshuis \"\(group[0].name)\" is on lines " + Self.list(group.map { "\($0.line)" + ($0.name == group[0].name ? "" : " (\"\($0.name)\")") })
        }
        throw .duplicateRegistryNames(detail.joined(separator: "; "))
    }

    /// Rules 2 and 3, in the import's transaction, after the replaced import
    /// (if any) is marked replaced and before the new rows are written.
    /// Returns the renames applied.
    func apply(store: Store, importID: Int64, replaced: Int64?) throws -> [RegistryRename] {
        let others = try store.registryEntries().filter { $0.importID != importID }
        for entry in file.entries {
            if let taken = others.first(where: { InputName.normalize($0.record.name) == entry.key }) {
                throw InputProblem.registryNameTaken("Veiligheidshuis \"\(entry.name)\" (line \(entry.line)) is already in the registry as \"\(taken.record.name)\" from import #\(taken.importID) (\(taken.fileName))")
            }
        }
        guard replaced != nil else {
            if !renames.isEmpty { throw InputProblem.badRename("--rename needs --replace of an earlier registry import with the same label") }
            return []
        }
        // The registry after this import, by matching key -> spelling.
        var result: [String: String] = [:]
        for e in others { result[InputName.normalize(e.record.name)] = e.record.name }
        for e in file.entries { result[e.key] = e.name }
        let perHouse = try store.registrationsPerVeiligheidshuis()
        // Every line of a rename file must do something: its old name has registrations.
        var byOldKey: [String: (old: String, new: String)] = [:]
        for (old, new) in renames.sorted(by: { $0.key < $1.key }) {
            let key = InputName.normalize(old)
            if let other = byOldKey[key] { throw InputProblem.badRename("\"\(other.old)\" and \"\(old)\" are the same name") }
            guard perHouse.keys.contains(where: { InputName.normalize($0) == key }) else {
                throw InputProblem.badRename("\"\(old)\" has no registrations, so there is nothing to rename; leave it out")
            }
            byOldKey[key] = (old, new)
        }
        var changes: [(old: String, new: String)] = []
        var missing: [String] = []
        for (house, n) in perHouse.sorted(by: { $0.key < $1.key }) {
            let key = InputName.normalize(house)
            if let (_, target) = byOldKey[key] {
                guard let name = result[InputName.normalize(target)] else {
                    throw InputProblem.badRename("\"\(house)\" is to become \"\(target)\", which is not in the new registry")
                }
                if name != house { changes.append((house, name)) }
            } else if let name = result[key] {
                if name != house { changes.append((house, name)) }
            } else {
                missing.append("\(house) (\(n) registration\(n == 1 ? "" : "s"))")
            }
        }
        guard missing.isEmpty else { throw InputProblem.registryDropsClients(missing.joined(separator: ", ")) }
        return try changes.map { c in
            RegistryRename(importID: importID, oldName: c.old, newName: c.new,
                           registrations: try store.renameVeiligheidshuis(c.old, to: c.new, recordedBy: importID))
        }
    }

    /// Reads `{"old name": "new name", ...}`.
    static func loadRenames(_ path: String) throws(InputProblem) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .badRename("cannot read \(path)") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .badRename("\(path) is not a JSON object {\"old name\": \"new name\"}")
        }
        var out: [String: String] = [:]
        for (old, new) in object {
            guard let name = new as? String, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .badRename("the new name of \"\(old)\" in \(path) is not a non-empty string")
            }
            out[old] = name
        }
        return out
    }

    /// "3 and 7", "3, 7 and 9".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
