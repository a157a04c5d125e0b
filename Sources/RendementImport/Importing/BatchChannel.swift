import Foundation

/// A bounded hand-over of batches between the reading thread and the store
/// thread, with a pool of reusable batches, end-of-input and cancellation.
final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var full: [RecordBatch] = []
    private var free: [RecordBatch] = []
    private var finished = false
    private var cancelled = false
    private let depth = 4

    /// A cleared batch to fill.
    func emptyBatch() -> RecordBatch {
        condition.lock(); defer { condition.unlock() }
        if let b = free.popLast() { return b }
        return RecordBatch()
    }

    /// Hands a filled batch over; false when the consumer has cancelled.
    func put(_ batch: RecordBatch) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while full.count >= depth && !cancelled { condition.wait() }
        if cancelled { return false }
        full.append(batch)
        condition.broadcast()
        return true
    }

    /// The next filled batch, or nil when the producer has finished.
    func take() -> RecordBatch? {
        condition.lock(); defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        if full.isEmpty { return nil }
        let b = full.removeFirst()
        condition.broadcast()
        return b
    }

    func recycle(_ batch: RecordBatch) {
        batch.clear()
        condition.lock(); defer { condition.unlock() }
        free.append(batch)
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
}
