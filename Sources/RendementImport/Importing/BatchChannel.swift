import Foundation

/// A bounded hand-over of batches between the reading thread and the store
/// thread (`BoundedQueue`, four in flight), with a pool of reusable batches.
final class BatchChannel: @unchecked Sendable {
    private let queue = BoundedQueue<RecordBatch>(depth: 4)
    private let poolLock = NSLock()
    private var free: [RecordBatch] = []

    /// A cleared batch to fill.
    func emptyBatch() -> RecordBatch {
        poolLock.lock(); defer { poolLock.unlock() }
        return free.popLast() ?? RecordBatch()
    }

    /// Hands a filled batch over; false when the consumer has cancelled.
    func put(_ batch: RecordBatch) -> Bool { queue.put(batch) }

    /// The next filled batch, or nil when the producer has finished (it never fails the queue).
    func take() -> RecordBatch? { (try? queue.take()) ?? nil }

    func recycle(_ batch: RecordBatch) {
        batch.clear()
        poolLock.lock(); defer { poolLock.unlock() }
        free.append(batch)
    }

    func finish() { queue.finish() }

    func cancel() { queue.cancel() }

    var isCancelled: Bool { queue.isCancelled }
}
