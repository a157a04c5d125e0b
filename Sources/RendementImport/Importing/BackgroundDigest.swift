import Foundation

/// `FileDigest.sha256` of a file computed on its own thread while the
/// import goes on; `wait` returns it (or its error).
final class BackgroundDigest: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String, InputProblem>?
    private var waited = false

    init(path: String) {
        let thread = Thread { [self] in
            do throws(InputProblem) { result = .success(try FileDigest.sha256(path)) } catch { result = .failure(error) }
            done.signal()
        }
        thread.start()
    }

    /// The digest; blocks until it is computed. Callable more than once, from one thread.
    func wait() throws(InputProblem) -> String {
        if !waited {
            done.wait()
            waited = true
        }
        return try result!.get()
    }
}
