import Foundation
import RendementStore

/// The temporary file between the two stages of a police import. Rows
/// arrive in file order; they are kept in buckets of person keys (16,384
/// persons each), each bucket buffered in memory and written to the file
/// in blocks when full. The store stage then reads the file bucket by
/// bucket, so every person's rows come together without holding the whole
/// extract in memory (a bucketed external sort).
///
/// The file lives next to the store and is unlinked as soon as it is
/// created: a killed import leaves nothing behind. Used by one thread at a
/// time (the reader, then the history writer).
final class EventSpill: @unchecked Sendable {
    static let bucketShift = 14
    static let blockEvents = 2048

    private let fd: Int32
    @exclusivity(unchecked) private var end = 0
    /// Each bucket's buffer of `blockEvents` rows, end to end, and its fill.
    @exclusivity(unchecked) private var buffers = UnsafeMutablePointer<SpilledEvent>.allocate(capacity: 0)
    @exclusivity(unchecked) private var filled = UnsafeMutablePointer<Int>.allocate(capacity: 0)
    @exclusivity(unchecked) private var bufferedBuckets = 0
    /// (offset, count) of each bucket's blocks in the file.
    @exclusivity(unchecked) private var blocks: [[(Int, Int)]] = []
    /// Rows written per bucket.
    @exclusivity(unchecked) private var bucketRows: [Int] = []
    @exclusivity(unchecked) private(set) var count = 0

    /// The store this import writes to (for messages).
    private let storePath: String

    /// Creates the (already unlinked) file in the folder of the store at `storePath`.
    init(storePath: String) throws {
        self.storePath = storePath
        let d = (storePath as NSString).deletingLastPathComponent
        let directory = d.isEmpty ? "." : d
        var template = Array((directory as NSString).appendingPathComponent(".rendement-import-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ImportSpillError("cannot create the import's temporary file in \(directory) (the folder of store \(storePath)): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
    }

    deinit {
        close(fd)
        buffers.deallocate()
        filled.deallocate()
    }

    /// Number of buckets (the last one may be partly used).
    var bucketCount: Int { blocks.count }

    /// Makes room for buckets up to `bucket` (their buffers grow in steps).
    private func addBuckets(through bucket: Int) {
        let n = max(bucket + 1, bufferedBuckets * 2, 8)
        let grown = UnsafeMutablePointer<SpilledEvent>.allocate(capacity: n * Self.blockEvents)
        let grownFill = UnsafeMutablePointer<Int>.allocate(capacity: n)
        grownFill.initialize(repeating: 0, count: n)
        for b in 0..<bufferedBuckets {
            (grown + b * Self.blockEvents).update(from: buffers + b * Self.blockEvents, count: filled[b])
            grownFill[b] = filled[b]
        }
        buffers.deallocate()
        filled.deallocate()
        buffers = grown
        filled = grownFill
        bufferedBuckets = n
        while blocks.count < n {
            blocks.append([])
            bucketRows.append(0)
        }
    }

    @inline(__always)
    func append(_ e: SpilledEvent) throws {
        let bucket = Int(e.person) >> Self.bucketShift
        if bucket >= bufferedBuckets { addBuckets(through: bucket) }
        count += 1
        let n = filled[bucket]
        buffers[bucket * Self.blockEvents + n] = e
        filled[bucket] = n + 1
        if n + 1 == Self.blockEvents { try flush(bucket) }
    }

    private func flush(_ bucket: Int) throws {
        let n = filled[bucket]
        guard n > 0 else { return }
        let bytes = n * MemoryLayout<SpilledEvent>.stride
        let raw = UnsafeRawPointer(buffers + bucket * Self.blockEvents)
        do {
            var done = 0
            while done < bytes {
                let w = pwrite(fd, raw + done, bytes - done, off_t(end + done))
                if w < 0 {
                    if errno == EINTR { continue }
                    if errno == ENOSPC || errno == EDQUOT {
                        throw ImportSpillError("the disk holding store \(storePath) is full (the import's temporary file next to it cannot grow)")
                    }
                    throw ImportSpillError("cannot write the import's temporary file next to store \(storePath): \(String(cString: strerror(errno)))")
                }
                done += w
            }
        }
        blocks[bucket].append((end, n))
        bucketRows[bucket] += n
        end += bytes
        filled[bucket] = 0
    }

    /// Writes out every partly filled buffer (call once, after the last row).
    func finish() throws {
        for b in 0..<bufferedBuckets { try flush(b) }
        buffers.deallocate()
        filled.deallocate()
        buffers = .allocate(capacity: 0)
        filled = .allocate(capacity: 0)
        bufferedBuckets = 0
        // The last buckets may have been made room for but never used.
        while let last = bucketRows.last, last == 0 {
            bucketRows.removeLast()
            blocks.removeLast()
        }
    }

    /// Number of rows in `bucket` (after `finish`).
    func rows(inBucket bucket: Int) -> Int { bucketRows[bucket] }

    /// Reads the `rows(inBucket:)` rows of bucket `bucket`, in file order,
    /// into `out` (which must have room for them).
    func read(bucket: Int, into out: UnsafeMutablePointer<SpilledEvent>) throws {
        var at = UnsafeMutableRawPointer(out)
        for (offset, n) in blocks[bucket] {
            let bytes = n * MemoryLayout<SpilledEvent>.stride
            var done = 0
            while done < bytes {
                let r = pread(fd, at + done, bytes - done, off_t(offset + done))
                if r < 0 && errno == EINTR { continue }
                if r <= 0 { throw ImportSpillError("cannot read the import's temporary file: \(String(cString: strerror(r < 0 ? errno : EIO)))") }
                done += r
            }
            at += bytes
        }
    }
}

/// A failure of the import's temporary file (full disk, I/O error).
struct ImportSpillError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
