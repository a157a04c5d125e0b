/// Why the store could not do what was asked, in one line a person can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// SQLite reported an error.
    case sqlite(code: Int32, message: String, context: String)
    /// Something the store holds cannot be read back (a damaged record).
    case damaged(String)
    /// Another process holds the write lock for longer than the busy timeout.
    case busy(path: String)
    /// The file is not a rendement store (or was written by a newer version).
    case incompatible(path: String, reason: String)
    /// The store cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The store (or its folder, for the WAL files) cannot be written.
    case readOnly(path: String, reason: String)
    /// The disk holding the store is full.
    case full(path: String)

    public var description: String {
        switch self {
        case let .sqlite(code, message, context): "store error \(code) while \(context): \(message)"
        case let .damaged(what): "the store is damaged: \(what)"
        case let .busy(path): "store is busy (another rendement process is writing to \(path)); try again when it has finished"
        case let .incompatible(path, reason): "\(path) is not a usable rendement store: \(reason)"
        case let .cannotOpen(path, reason): "cannot open store \(path): \(reason)"
        case let .readOnly(path, reason): "store \(path) is read-only (\(reason)); rendement writes to its store: make the file and its folder writable"
        case let .full(path): "the disk holding store \(path) is full; nothing was written: free space and run again"
        }
    }
}
