import Foundation
import RendementImport

// Built by scripts/fuzz.sh with `-sanitize=fuzzer -D FUZZING`: main runs
// libFuzzer's driver over LLVMFuzzerTestOneInput. In an ordinary build this is
// a replay driver: `swift run rendement-fuzz FILE|DIR...` runs the harness
// over every file given (a directory: every file in it) and prints what it saw.

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzImportInput(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// libFuzzer's driver (compiler-rt `FuzzerInterface.h`); SwiftPM names this
/// module's entry point, so `main` runs the driver instead of libFuzzer's own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput))
    }
}
#else
@main
struct FuzzReplay {
    static func main() {
        let fm = FileManager.default
        var files: [String] = []
        for arg in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("rendement-fuzz: no such file: \(arg)\n".utf8))
                exit(2)
            }
            if isDirectory.boolValue {
                let names = (try? fm.contentsOfDirectory(atPath: arg)) ?? []
                files += names.sorted().filter { !$0.hasPrefix(".") }.map { arg + "/" + $0 }
            } else {
                files.append(arg)
            }
        }
        if files.isEmpty {
            print("usage: rendement-fuzz FILE|DIR... (replays fuzz inputs through the import harness)")
            exit(2)
        }
        let verbose = files.count <= 50
        for file in files {
            guard let data = fm.contents(atPath: file) else { continue }
            let outcome = data.withUnsafeBytes { fuzzImportInput($0) }
            if verbose {
                let what = outcome.problem.map { "unusable: \($0.message)" }
                    ?? "rows \(outcome.rowsRead), accepted \(outcome.accepted), rejected \(outcome.rejected.values.reduce(0, +))"
                print("\(file): \(outcome.kind.rawValue), \(what)")
            }
        }
        print("replayed \(files.count) inputs")
    }
}
#endif
