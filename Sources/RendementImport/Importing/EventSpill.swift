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
    @exclusivity(unchecked) private var buffers: [[SpilledEvent]] = []
    /// (offset, count) of each bucket's blocks in the file.
    @exclusivity(unchecked) private var blocks: [[(Int, Int)]] = []
    /// Rows written per bucket.
    @exclusivity(unchecked) private var bucketRows: [Int] = []
    /// Rows per person key (for grouping buckets and the counting sort).
    @exclusivity(unchecked) private(set) var rowsPerPerson: [Int32] = []
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

    deinit { close(fd) }

    /// Number of buckets (the last one may be partly used).
    var bucketCount: Int { blocks.count }

    @inline(__always)
    func append(_ e: SpilledEvent) throws {
        let person = Int(e.person)
        let bucket = person >> Self.bucketShift
        if bucket >= buffers.count {
            while buffers.count <= bucket {
                buffers.append([])
                blocks.append([])
                bucketRows.append(0)
            }
        }
        if person >= rowsPerPerson.count {
            rowsPerPerson.append(contentsOf: repeatElement(0, count: max(person + 1 - rowsPerPerson.count, rowsPerPerson.count / 2)))
        }
        rowsPerPerson[person] += 1
        count += 1
        buffers[bucket].append(e)
        if buffers[bucket].count >= Self.blockEvents { try flush(bucket) }
    }

    private func flush(_ bucket: Int) throws {
        let n = buffers[bucket].count
        guard n > 0 else { return }
        let bytes = n * MemoryLayout<SpilledEvent>.stride
        try buffers[bucket].withUnsafeBytes { raw in
            var done = 0
            while done < bytes {
                let w = pwrite(fd, raw.baseAddress! + done, bytes - done, off_t(end + done))
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
        buffers[bucket].removeAll(keepingCapacity: true)
    }

    /// Writes out every partly filled buffer (call once, after the last row).
    func finish() throws {
        for b in buffers.indices { try flush(b) }
        buffers = []
    }

    /// Number of rows in `bucket` (after `finish`).
    func rows(inBucket bucket: Int) -> Int { bucketRows[bucket] }

    /// Appends the rows of bucket `bucket` to `out`, in file order.
    func read(bucket: Int, into out: inout [SpilledEvent]) throws {
        for (offset, n) in blocks[bucket] {
            let start = out.count
            let bytes = n * MemoryLayout<SpilledEvent>.stride
            var failure: Int32 = 0
            out.append(contentsOf: repeatElement(SpilledEvent.zero, count: n))
            out.withUnsafeMutableBytes { raw in
                var done = 0
                let base = raw.baseAddress! + start * MemoryLayout<SpilledEvent>.stride
                while done < bytes {
                    let r = pread(fd, base + done, bytes - done, off_t(offset + done))
                    if r < 0 && errno == EINTR { continue }
                    if r <= 0 { failure = r < 0 ? errno : EIO; return }
                    done += r
                }
            }
            if failure != 0 { throw ImportSpillError("cannot read the import's temporary file: \(String(cString: strerror(failure)))") }
        }
    }
}

/// A failure of the import's temporary file (full disk, I/O error).
struct ImportSpillError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension SpilledEvent {
    static let zero = SpilledEvent(event: PoliceEvent(day: 0, key: 0), rowHash: 0, person: 0, birth: 0, birthPrecision: 0, sex: 0)
}
