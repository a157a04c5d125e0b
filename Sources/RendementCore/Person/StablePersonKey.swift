/// A key for a person that depends only on the pseudonym (`persoon_id`), never
/// on the order in which files were imported: FNV-1a 64 over its UTF-8 bytes,
/// as `IncidentKey`. The store's own person keys are numbered in order of
/// first appearance, so anything that must give the same answer whatever the
/// import order -- tie-breaking in matching, the order of clients and
/// candidates, the order of controls within a set -- is keyed on this.
public enum StablePersonKey {
    /// The stable key of a pseudonym.
    public static func of(_ pseudonym: String) -> UInt64 {
        UInt64(bitPattern: IncidentKey.of(pseudonym))
    }
}
