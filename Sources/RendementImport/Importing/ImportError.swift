import Foundation
import RendementCore
import RendementStore

/// Why an import failed as a whole (nothing was imported). The description
/// is one line naming the file, line, column and what was expected.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    /// The file is unusable (header, encoding, mapping, registry).
    case unusableFile(path: String, problem: InputProblem)
    /// Too many rows were rejected.
    case tooManyRejects(path: String, rejected: Int, read: Int, maxRate: Double, first: ImportSummary.Reject?)
    /// The store refused (busy, disk full, ...).
    case store(path: String, error: StoreError)
    /// The import's temporary file failed (disk full, I/O error).
    case temporaryFile(path: String, reason: String)
    /// The test hook `failAfterRows` fired.
    case aborted(path: String, afterRows: Int)

    public var description: String {
        switch self {
        case let .unusableFile(path, problem):
            return problem.located(in: path)
        case let .tooManyRejects(path, rejected, read, maxRate, first):
            let share = read == 0 ? 0 : Double(rejected) / Double(read)
            var text = "\(path): \(rejected) of \(read) rows rejected (\(String(format: "%.1f", share * 100))%, more than --max-reject-rate \(maxRate)); nothing imported"
            if let f = first {
                text += "; first: line \(f.line)" + (f.column.isEmpty ? "" : ", column \(f.column)") + ": \(f.reason.rawValue): \(f.message)"
            }
            return text
        case let .store(path, error):
            return "\(path): store error: \(error)"
        case let .temporaryFile(path, reason):
            return "\(path): \(reason); nothing imported"
        case let .aborted(path, n):
            return "\(path): import aborted after \(n) rows (test hook); nothing imported"
        }
    }
}
