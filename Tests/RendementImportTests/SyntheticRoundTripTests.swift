import Foundation
import RendementCore
import RendementImport
import RendementStore
import RendementSynth
import XCTest

/// The big one: clean and messy extracts of the same population must give
/// stores with identical content; the messy import must reject exactly the
/// planted broken rows and count the planted duplicates.
final class SyntheticRoundTripTests: XCTestCase {
    func testMessyImportEqualsCleanImport() throws {
        let dir = TempDir()
        let clean = dir.file("clean"), messy = dir.file("messy")
        try FileManager.default.createDirectory(atPath: clean, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: messy, withIntermediateDirectories: true)
        _ = try SyntheticExtracts.generate(into: clean, options: SynthOptions(seed: 7, messy: false, persons: 2000))
        let truth = try SyntheticExtracts.generate(into: messy, options: SynthOptions(seed: 7, messy: true, persons: 2000))
        XCTAssertFalse(truth.brokenRows.isEmpty)

        let kinds: [InputKind] = [.veiligheidshuizen, .personen, .clienten, .bvh, .hks, .stappenmeter]
        let cleanStore = try makeStore(dir, "clean.sqlite")
        let messyStore = try makeStore(dir, "messy.sqlite")
        let today = ImportOptions.currentDay()
        for kind in kinds {
            let c = try Importer(store: cleanStore, options: ImportOptions(today: today)).importFile("\(clean)/\(kind.rawValue).csv", kind: kind)
            XCTAssertEqual(c.rejected, 0, "clean \(kind): \(c.firstRejects)")
            XCTAssertEqual(c.duplicates, 0)
            let mapping = truth.mappingFiles[kind.rawValue].map { "\(messy)/\($0)" }
            let m = try Importer(store: messyStore, options: ImportOptions(mappingPath: mapping, today: today))
                .importFile("\(messy)/\(kind.rawValue).csv", kind: kind)
            let file = "\(kind.rawValue).csv"
            XCTAssertEqual(m.duplicates, truth.duplicateRows[file] ?? 0, "duplicates in \(file)")
            let expected = truth.brokenRows.filter { $0.file == file }
                .map { "\($0.line)|\($0.column)|\($0.reason)" }.sorted()
            var got: [String] = []
            if let path = m.rejectsFile {
                got = try rejectsOf(path).map { "\($0[0])|\($0[1])|\($0[2])" }.sorted()
            }
            XCTAssertEqual(got, expected, "rejects of \(file)")
            XCTAssertEqual(m.rejected, expected.count)
            XCTAssertEqual(m.rowsImported, c.rowsImported, file)
        }
        let a = try storeContent(cleanStore), b = try storeContent(messyStore)
        for table in a.keys.sorted() where table != "imports" {
            XCTAssertFalse(a[table]!.isEmpty, table)
            XCTAssertEqual(a[table]!.count, b[table]!.count, table)
            XCTAssertTrue(a[table]! == b[table]!, "\(table) differs: first \(zip(a[table]!, b[table]!).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "")")
        }
        let conflicts = try cleanStore.database.scalar("SELECT count(*) FROM person_resolved WHERE birth_conflict = 1") ?? 0
        XCTAssertEqual(Int(conflicts), truth.personsWithBirthDateConflict)
    }
}
