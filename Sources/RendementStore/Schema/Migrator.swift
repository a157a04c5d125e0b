/// Brings a store to the current schema version, one migration per
/// transaction, and refuses stores from a newer version of the tool.
public enum Migrator {
    public static func migrate(_ db: Database) throws {
        let version = try db.userVersion
        if version > StoreSchema.currentVersion {
            throw StoreError.incompatible(path: db.path, reason: "schema version \(version) is newer than this tool's \(StoreSchema.currentVersion); update rendement")
        }
        if version >= 1 && version < 4,
           (try db.scalar("SELECT (SELECT count(*) FROM bvh_events) + (SELECT count(*) FROM hks_offences)") ?? 0) > 0 {
            throw StoreError.incompatible(path: db.path, reason: "made by an earlier rendement that stored police rows one by one; import the extracts again into a new store")
        }
        for m in StoreSchema.migrations where m.version > version {
            try db.transaction {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(m.version)")
            }
        }
    }
}
