import ArgumentParser
import Foundation

/// Prints a one-line reason to stderr and exits non-zero.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("rendement: \(message)\n".utf8))
    return ExitCode(code)
}

/// Runs `body`, turning any error into a one-line reason and exit code 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ExitCode { throw e } catch {
        throw fail("\(error)")
    }
}
