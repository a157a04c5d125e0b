import Foundation

/// The kind of a file system entry in words, for refusals such as "it is a
/// named pipe (FIFO), not a regular file".
public enum FileKind {
    /// "a folder", "a named pipe (FIFO)", ... for an `st_mode`.
    public static func name(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    /// Whether `path` is a regular file itself (a symbolic link is not followed, and is not one).
    public static func isRegular(_ path: String) -> Bool { mode(of: path) == S_IFREG }

    /// Whether `path` is a folder itself (a symbolic link is not followed, and is not one).
    public static func isFolder(_ path: String) -> Bool { mode(of: path) == S_IFDIR }

    /// The file type bits of `path` as `lstat` sees them; nil when it does not exist.
    private static func mode(of path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
    }
}
