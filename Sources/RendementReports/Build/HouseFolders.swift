import Crypto
import Foundation

/// The folder name of each Veiligheidshuis in a report set: readable
/// (`Fryslân` -> `fryslan`, `Den Haag` -> `den-haag`), at most 64 bytes, and
/// unique. Names that would share a folder (`Utrecht!` and `Utrecht?`, or
/// names that differ only in case or accents) and names too long for it
/// each get a suffix of eight hexadecimal digits of the SHA-256 of the full
/// name: stable whatever the order of the registry, and the same in every run.
public enum HouseFolders {
    /// The longest folder name, in bytes (file systems allow 255).
    public static let maxBytes = 64

    /// Folder name per house name. Throws only when two names still share a
    /// folder after their suffixes (a SHA-256 prefix collision).
    public static func assign(_ names: [String]) throws -> [String: String] {
        let distinct = Array(Set(names))
        let bases = Dictionary(uniqueKeysWithValues: distinct.map { ($0, base($0)) })
        let shared = Dictionary(grouping: distinct, by: { bases[$0]! }).filter { $0.value.count > 1 }
        var out: [String: String] = [:]
        for name in distinct {
            let b = bases[name]!
            out[name] = shared[b] != nil || b.isEmpty || b.utf8.count > maxBytes ? suffixed(b, name) : b
        }
        let clashes = Dictionary(grouping: out, by: \.value).filter { $0.value.count > 1 }
        if let clash = clashes.first {
            throw HouseFolderClash(folder: clash.key, names: clash.value.map(\.key).sorted())
        }
        return out
    }

    /// Lower case, accents folded, every run of other characters than
    /// letters and digits one `-`, no `-` at either end.
    static func base(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let mapped = folded.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return mapped.split(separator: "-").joined(separator: "-").lowercased()
    }

    /// `base` cut to fit, then `-` and eight hex digits of SHA-256(name).
    static func suffixed(_ base: String, _ name: String) -> String {
        let hash = SHA256.hash(data: Data(name.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        var cut = base
        while cut.utf8.count > maxBytes - 9 { cut.removeLast() }
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut.isEmpty ? "veiligheidshuis-" + hash : cut + "-" + hash
    }
}

/// Two Veiligheidshuizen would share a report folder.
public struct HouseFolderClash: Error, CustomStringConvertible {
    public let folder: String
    public let names: [String]
    public var description: String { "the Veiligheidshuizen \(names.joined(separator: ", ")) would share the report folder \(folder); rename one in the registry" }
}
