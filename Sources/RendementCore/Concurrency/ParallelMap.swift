import Dispatch
import Foundation

/// Maps independent work items on all cores (`DispatchQueue.concurrentPerform`),
/// keeping the input order of the results.
public enum ParallelMap {
    /// `items.map(transform)`, the items transformed concurrently.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable @escaping (T) -> R) -> [R] {
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            box.set(i, transform(items[i]))
        }
        return box.values()
    }

    private final class ResultBox<R>: @unchecked Sendable {
        private var storage: [R?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: R) { lock.lock(); storage[i] = value; lock.unlock() }
        func values() -> [R] { storage.map { $0! } }
    }
}

extension ParallelMap {
    /// `0..<count` cut into `parts` contiguous ranges of about equal size (fewer when `count` is small).
    public static func ranges(_ count: Int, parts: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Range<Int>] {
        let n = max(1, min(parts, count))
        return (0..<n).map { k in (count * k / n)..<(count * (k + 1) / n) }
    }
}
