/// An INSERT that writes many rows per statement step: `rowsPerStep` rows
/// at a time through one statement with that many VALUES tuples, the rest
/// through a one-tuple statement. SQLite's per-statement work (step,
/// reset, program start) is then paid once per step instead of once per
/// row -- the bulk loops of a national import insert millions of rows.
public final class MultiRowInsert {
    /// The step size the bulk loops use (statements of 32 tuples keep well
    /// inside SQLite's parameter limit and save most of the per-step work).
    public static let standardRowsPerStep = 32

    public let rowsPerStep: Int
    /// Parameters (`?`) per tuple.
    public let parameters: Int
    private let one: Statement, many: Statement

    /// `head` is the statement up to VALUES (`INSERT INTO t(a, b) VALUES `),
    /// `tuple` one row's values with `parameters` placeholders (`(?, 7, ?)`).
    public init(_ database: Database, head: String, tuple: String, parameters: Int, rowsPerStep: Int = MultiRowInsert.standardRowsPerStep) throws {
        self.rowsPerStep = rowsPerStep
        self.parameters = parameters
        one = try database.prepare(head + tuple)
        many = try database.prepare(head + Array(repeating: tuple, count: rowsPerStep).joined(separator: ", "))
    }

    /// Inserts rows 0..<count; `bind(statement, row, first)` binds row
    /// `row`'s values to parameters `first`, `first + 1`, ... of `statement`.
    public func insert(count: Int, _ bind: (Statement, Int, Int32) throws -> Void) throws {
        var row = 0
        while row < count {
            let step = count - row >= rowsPerStep ? rowsPerStep : 1
            let s = step == 1 ? one : many
            for k in 0..<step { try bind(s, row + k, Int32(parameters * k + 1)) }
            try s.insert()
            row += step
        }
    }
}
