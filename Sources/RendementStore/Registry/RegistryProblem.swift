import RendementCore

/// The live Veiligheidshuis registry cannot be used as it is. (The importer
/// refuses such registries since schema version 6; a store filled earlier,
/// or changed by hand, may still hold one.)
public enum RegistryProblem: Error, CustomStringConvertible, Equatable, Sendable {
    /// Names listed more than once (compared as the importer compares them:
    /// ignoring case, spaces, `_` and `-`), with the imports they come from.
    case duplicateNames([Duplicate])

    /// One name listed more than once.
    public struct Duplicate: Equatable, Sendable {
        public var names: [String]
        public var importIDs: [Int64]

        public init(names: [String], importIDs: [Int64]) {
            self.names = names
            self.importIDs = importIDs
        }
    }

    public var description: String {
        switch self {
        case .duplicateNames(let duplicates):
            let list = duplicates.map { d in
                "\(d.names.map { "\"\($0)\"" }.joined(separator: " and ")) (import\(Set(d.importIDs).count > 1 ? "s" : "") "
                    + Array(Set(d.importIDs)).sorted().map { "#\($0)" }.joined(separator: ", ") + ")"
            }
            return "the Veiligheidshuis registry lists a Veiligheidshuis more than once: \(list.joined(separator: "; ")); "
                + "import a corrected registry with rendement import veiligheidshuizen FILE --replace"
        }
    }
}
