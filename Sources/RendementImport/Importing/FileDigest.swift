import Crypto
import Foundation

/// SHA-256 of a file's content, streamed in 4 MiB blocks (swift-crypto:
/// audited, and hardware-accelerated through BoringSSL on Linux).
enum FileDigest {
    static func sha256(_ path: String) throws(InputProblem) -> String {
        let fd = try DelimitedReader.openRegular(path).fd
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .readError(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
