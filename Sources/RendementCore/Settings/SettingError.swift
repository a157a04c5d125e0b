/// An invalid setting, from the command line or a configuration file: which
/// setting (its configuration key, e.g. `analysis.windows`, and the command
/// line flag where there is one) and what is allowed. Every settings type
/// validates through the same rules, so a value refused in one place is
/// refused in the other with the same words.
public struct SettingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The configuration key, with its path (`analysis.windows`).
    public var key: String
    /// The command-line flag, when the setting has one (`--windows`).
    public var flag: String?
    /// What is wrong and what is allowed.
    public var problem: String

    public init(key: String, flag: String? = nil, _ problem: String) {
        self.key = key
        self.flag = flag
        self.problem = problem
    }

    public var description: String {
        "setting \(key)\(flag.map { " (\($0))" } ?? ""): \(problem)"
    }

    /// The same error for a setting inside `path` (e.g. `analysis`).
    public func nested(in path: String) -> SettingError {
        var e = self
        e.key = path.isEmpty ? key : path + "." + key
        return e
    }
}
