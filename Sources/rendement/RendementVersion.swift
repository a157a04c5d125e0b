import RendementCore

/// The tool version printed by `--version` and written to every import log and report.
enum RendementVersion {
    static let string = RendementCoreVersion.string
}
