import Foundation
import RendementCore

/// A one-line progress indicator on stderr for long steps; silent when stderr
/// is not a terminal (pipes, CI, log files).
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private var lastPercent = -1
    private let lock = NSLock()

    init(_ label: String) {
        self.label = Escaping.terminal(label)
        self.enabled = isatty(STDERR_FILENO) != 0
    }

    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int(min(1, max(0, fraction)) * 100)
        lock.lock(); defer { lock.unlock() }
        guard percent != lastPercent else { return }
        lastPercent = percent
        FileHandle.standardError.write(Data("\r\(label) \(percent)%".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
