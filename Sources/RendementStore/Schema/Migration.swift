/// One step of the store's schema history: a version number and the SQL that
/// brings a store from the previous version to this one. Migrations are
/// values (after GRDB's `DatabaseMigrator`); the list is ordered and never
/// rewritten, only appended to.
public struct Migration: Sendable {
    public let version: Int
    public let summary: String
    public let sql: String
}
