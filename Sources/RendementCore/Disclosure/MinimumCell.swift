/// The floor of the suppression threshold (`--min-cell`,
/// `analysis.minimumCell`): no published figure may rest on fewer than 10
/// persons, and a threshold below that floor is refused by every command and
/// in the configuration file -- it can be raised, never lowered. 10 is the
/// default and the rule of thumb of Statistics Netherlands (CBS) for tables
/// from microdata; docs/privacy.md explains it.
public enum MinimumCell {
    /// The lowest threshold accepted.
    public static let floor = 10

    /// Why `value` cannot be the threshold given as `name` (nil when it can).
    public static func refusal(_ value: Int, name: String) -> String? {
        value >= floor ? nil : "\(name) must be at least \(floor) (the documented floor: no figure may rest on fewer than \(floor) persons), got \(value)"
    }
}
