import Foundation

/// Writes the result tables of one stage (`analyze`: effects.csv and the
/// others; `match`: balance.csv, unmatched.csv) into their folder as one
/// step: a new folder is built beside it with the new tables and a hard
/// link to every other file already there (the other stage's tables), and
/// swapped in with `FolderSwap`. A run killed at any moment leaves all of
/// the old tables or all of the new, never a mix, and a link placed at a
/// table's path is never written through.
///
/// Refused with a reason: a folder that is a link, that holds anything but
/// regular files (a subfolder, a link, a FIFO), or that is (inside) a
/// report set.
///
///     let paths = try TableFolder.write([("effects.csv", text)], into: "output")
public enum TableFolder {
    /// Writes `tables` (file name, content) into `folder`; returns their paths.
    @discardableResult
    public static func write(_ tables: [(name: String, text: String)], into folder: String) throws -> [String] {
        try check(folder)
        FolderSwap.removeStale(for: folder)
        let staging = try FolderSwap.makeStaging(for: folder)
        do {
            let names = Set(tables.map(\.name))
            for entry in try existingEntries(folder) where !names.contains(entry) {
                guard link(folder + "/" + entry, staging + "/" + entry) == 0 else {
                    throw OutputFile.Failure(path: folder + "/" + entry, reason: "cannot keep it beside the new tables: \(String(cString: strerror(errno)))")
                }
            }
            for t in tables {
                try OutputFile.create(bytes: Array(t.text.utf8), at: staging + "/" + t.name)
            }
            try check(folder)
            try FolderSwap.swapIn(staging, for: folder)
        } catch {
            FolderSwap.discard(staging)
            throw error
        }
        return tables.map { folder + "/" + $0.name }
    }

    /// Refuses a folder the tables cannot replace their old versions in
    /// (also to check before the work that produces the tables).
    public static func check(_ folder: String) throws {
        var st = stat()
        guard lstat(folder, &st) == 0 else {
            if errno == ENOENT { return }
            throw OutputFile.Failure(path: folder, reason: String(cString: strerror(errno)))
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw OutputFile.Failure(path: folder, reason: "it is a symbolic link; give the real folder (rendement never writes through a link)")
        default: throw OutputFile.Failure(path: folder, reason: "it is \(FileKind.name(of: st.st_mode)), not a folder")
        }
        if let set = ReportSetManifest.enclosingReportSet(of: folder) {
            throw OutputFile.Failure(path: folder, reason: "it is inside the report set \(set); result tables go to a folder of their own")
        }
        _ = try existingEntries(folder)
    }

    /// The entries of `folder` (none when it does not exist); throws when one
    /// is not a regular file.
    static func existingEntries(_ folder: String) throws -> [String] {
        var st = stat()
        guard lstat(folder, &st) == 0 else { return [] }
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        for entry in entries {
            guard lstat(folder + "/" + entry, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) != S_IFREG {
                throw OutputFile.Failure(path: folder, reason: "it holds \(entry), which is \(FileKind.name(of: st.st_mode)); the tables are replaced as a whole only in a folder of plain files: choose another folder")
            }
        }
        return entries
    }
}
