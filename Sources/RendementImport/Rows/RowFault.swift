import RendementCore

/// Why one row is rejected: the canonical column (empty for the whole row),
/// the stable reason code, a message saying what was expected, and the value.
struct RowFault: Error {
    var column: String
    var reason: RejectionReason
    var message: String
    var got: String
}
