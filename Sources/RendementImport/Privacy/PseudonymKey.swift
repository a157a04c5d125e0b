import Crypto
import Foundation
import RendementCore

/// The shared secret of keyed pseudonymisation: 256 random bits, stored as 64
/// hexadecimal characters in a file created with mode 0600. The Veiligheidshuis
/// and the police each pseudonymise their own file with the same key, so the
/// files link without names; without the key a pseudonym reveals nothing.
public struct PseudonymKey {
    let key: SymmetricKey

    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case unreadable(String, String)
        case malformed(String)

        public var description: String {
            switch self {
            case .exists(let path): "\(path) already exists; refusing to overwrite a key (pseudonyms made with it would no longer link)"
            case let .unreadable(path, why): "cannot read key file \(path): \(why)"
            case .malformed(let path): "\(path) is not a rendement key: expected 64 hexadecimal characters"
            }
        }
    }

    /// A new random key (swift-crypto's `SymmetricKey`, from the system CSPRNG).
    public static func generate() -> PseudonymKey { PseudonymKey(key: SymmetricKey(size: .bits256)) }

    /// Writes the key to a new file with mode 0600; never overwrites, never
    /// writes through a symbolic link.
    public func write(to path: String) throws {
        let hex = key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        var st = stat()
        guard lstat(path, &st) != 0 else { throw Failure.exists(path) }  // a file, or a link even to nowhere
        try PrivateFile.create(hex + "\n", at: path)
    }

    /// Reads a key file.
    public static func read(from path: String) throws -> PseudonymKey {
        let data: [UInt8]
        do throws(InputFile.Refusal) { data = try InputFile.read(path, expected: "a key file (rendement keygen)", limit: 4096) } catch { throw Failure.unreadable(path, error.reason) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count == 64 else { throw Failure.malformed(path) }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let b = UInt8(text[index..<next], radix: 16) else { throw Failure.malformed(path) }
            bytes.append(b)
            index = next
        }
        return PseudonymKey(key: SymmetricKey(data: bytes))
    }

    /// The pseudonym of an identifier: HMAC-SHA256(key, identifier with
    /// surrounding spaces removed) as 64 lower-case hexadecimal characters --
    /// a valid `persoon_id`.
    public func pseudonym(_ identifier: String) -> String {
        let value = identifier.trimmingCharacters(in: .whitespaces)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
