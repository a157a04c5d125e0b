/// Decoding helpers that make a configuration file strict: an unknown key is
/// an error naming it and the keys allowed (a misspelt `"minimum_cell": 50`
/// must not be ignored), and a value of the wrong type is an error naming
/// its key -- never a silent default.
public struct AnyCodingKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int?
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

extension Decoder {
    /// The dotted path of this decoder's position (`analysis`, `inputs.2`).
    public var settingPath: String { codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") }

    /// Throws a `SettingError` for the first key of this object that is not in `allowed`.
    public func rejectUnknownKeys(allowed: [String]) throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys.map(\.stringValue).sorted() where !allowed.contains(key) {
            throw SettingError(key: key, "unknown setting; allowed here: \(allowed.sorted().joined(separator: ", "))").nested(in: settingPath)
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes an optional value, turning a type mismatch into a `SettingError`
    /// that names the key and the type expected.
    public func setting<T: Decodable>(_ type: T.Type, _ key: Key, expected: String) throws -> T? {
        guard contains(key) else { return nil }
        do {
            return try decodeIfPresent(type, forKey: key)
        } catch let e as SettingError {
            throw e
        } catch {
            let path = codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            throw SettingError(key: key.stringValue, "expected \(expected)").nested(in: path)
        }
    }
}
