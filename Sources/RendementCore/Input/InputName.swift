/// Header and label matching rule of the contract: case-insensitive, ignoring
/// spaces, `_` and `-`.
public enum InputName {
    /// `Persoon ID` -> `persoonid`.
    public static func normalize(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "\t" }.map(Character.init))
    }
}
