import Foundation
import XCTest
@testable import RendementCore

/// The file primitives every writer uses: no link followed, protected files
/// never replaced, folders swapped whole, non-regular inputs refused.
final class FilesTests: XCTestCase {
    private var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "rendement-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: dir) }

    private func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func testOutputFileReplacesWholeAndNeverThroughALink() throws {
        let path = dir + "/table.csv"
        try OutputFile.write("a\n", to: path)
        try OutputFile.write("b\n", to: path)
        XCTAssertEqual(read(path), "b\n")
        let victim = dir + "/victim"
        try "victim".write(toFile: victim, atomically: false, encoding: .utf8)
        symlink(victim, dir + "/link.csv")
        XCTAssertThrowsError(try OutputFile.write("x", to: dir + "/link.csv")) { error in
            XCTAssertTrue("\(error)".contains("symbolic link"), "\(error)")
        }
        XCTAssertEqual(read(victim), "victim")
        // A hard link to a protected file is the protected file.
        link(victim, dir + "/hard.csv")
        XCTAssertThrowsError(try OutputFile.write("x", to: dir + "/hard.csv", protecting: [victim]))
        XCTAssertEqual(read(victim), "victim")
        XCTAssertThrowsError(try OutputFile.write("x", to: dir + "/table.csv", existing: .replaceOnly(what: "ours", isOurs: { _ in false })))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }, [], "temporary files left")
    }

    func testPrivateFilesAre0600AndKeysNeverOverwritten() throws {
        let old = umask(0)
        defer { umask(old) }
        let path = dir + "/private.csv"
        try PrivateFile.write("x", to: path)
        var st = stat()
        lstat(path, &st)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        symlink(dir + "/nowhere", dir + "/dangling")
        XCTAssertThrowsError(try PrivateFile.create("k", at: dir + "/dangling"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/nowhere"))
        XCTAssertThrowsError(try PrivateFile.create("k", at: path))
        XCTAssertEqual(read(path), "x")
    }

    func testInputFilesMustBeRegular() throws {
        let fifo = dir + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        for (path, words) in [(fifo, "named pipe (FIFO)"), ("/dev/zero", "character device"), (dir!, "is a directory")] {
            XCTAssertThrowsError(try InputFile.open(path, expected: "a CSV file")) { error in
                XCTAssertTrue("\(error)".contains(words), "\(path): \(error)")
            }
        }
        try "abc".write(toFile: dir + "/f.csv", atomically: false, encoding: .utf8)
        XCTAssertEqual(try InputFile.read(dir + "/f.csv", expected: "a CSV file"), Array("abc".utf8))
    }

    func testFolderSwapReplacesTheWholeFolderAndCleansUpAfterKilledRuns() throws {
        let target = dir + "/set"
        try FileManager.default.createDirectory(atPath: target + "/old-sub", withIntermediateDirectories: true)
        try "old".write(toFile: target + "/old-sub/page.md", atomically: false, encoding: .utf8)
        // A staging folder of a process that no longer runs, and one of this process.
        let dead = dir + "/.set.rendement-2147483646-abc"
        let live = dir + "/.set.rendement-\(getpid())-def"
        for f in [dead, live] { try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: false) }
        FolderSwap.removeStale(for: target)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live))
        try FileManager.default.removeItem(atPath: live)

        let staging = try FolderSwap.makeStaging(for: target)
        try "new".write(toFile: staging + "/index.md", atomically: false, encoding: .utf8)
        try FolderSwap.swapIn(staging, for: target)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target), ["index.md"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["set"])
    }

    func testTableFolderKeepsOtherFilesAndRefusesLinks() throws {
        let folder = dir + "/output"
        try TableFolder.write([("effects.csv", "1\n")], into: folder)
        try "balance".write(toFile: folder + "/balance.csv", atomically: false, encoding: .utf8)
        try TableFolder.write([("effects.csv", "2\n"), ("survival.csv", "s\n")], into: folder)
        XCTAssertEqual(read(folder + "/effects.csv"), "2\n")
        XCTAssertEqual(read(folder + "/balance.csv"), "balance")
        symlink(dir + "/elsewhere", folder + "/link.csv")
        XCTAssertThrowsError(try TableFolder.write([("effects.csv", "3\n")], into: folder))
        XCTAssertEqual(read(folder + "/effects.csv"), "2\n")
    }
}
