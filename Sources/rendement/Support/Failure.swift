import ArgumentParser
import Foundation
import RendementCore

/// Prints a one-line reason to stderr and exits non-zero. The reason may
/// quote data (a file name, a header, a value): control characters in it
/// are shown as codes (`Escaping.terminal`), so it stays one line.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("rendement: \(Escaping.terminal(message))\n".utf8))
    return ExitCode(code)
}

/// Runs `body`, turning any error into a one-line reason and exit code 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ExitCode { throw e } catch {
        throw fail("\(error)")
    }
}
