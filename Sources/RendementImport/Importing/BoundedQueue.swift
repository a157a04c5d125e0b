import Foundation

/// A bounded blocking hand-over from one producer thread to one consumer
/// thread: `put` waits while `depth` items are in flight, `take` waits for
/// the next item; the producer ends with `finish` (after `fail` when it
/// failed, which `take` then throws), the consumer can `cancel` (`put` then
/// returns false) and wait for the producer with `waitUntilFinished`.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var items: [Element] = []
    private var finished = false, cancelled = false
    private var error: Error?

    init(depth: Int) { self.depth = depth }

    /// Hands an item over; false when the consumer has cancelled.
    func put(_ item: Element) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while items.count >= depth && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, nil when the producer has finished; throws the producer's failure.
    func take() throws -> Element? {
        condition.lock(); defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if let error { throw error }
        if items.isEmpty { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    /// Records the producer's failure (call `finish` after it).
    func fail(_ e: Error) {
        condition.lock(); defer { condition.unlock() }
        error = e
    }

    func finish() {
        condition.lock(); defer { condition.unlock() }
        finished = true
        condition.broadcast()
    }

    func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }

    var isCancelled: Bool {
        condition.lock(); defer { condition.unlock() }
        return cancelled
    }

    func waitUntilFinished() {
        condition.lock(); defer { condition.unlock() }
        while !finished { condition.wait() }
    }
}
