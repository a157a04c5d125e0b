import Foundation
import RendementCore

/// The instrument definition a Stappenmeter import reads with: the default
/// (data-schema/stappenmeter-instrument.v1.json, embedded) or a file given
/// with `--instrument`; its text is stored with the import.
struct StappenmeterDefinition {
    let instrument: StappenmeterInstrument
    /// The definition's text as read (stored with the import).
    let text: String

    /// The default definition, or the one in `path`; a definition that cannot be used is an `InputProblem`.
    static func load(_ path: String?) throws(InputProblem) -> StappenmeterDefinition {
        let text: String
        if let path {
            do throws(InputFile.Refusal) {
                text = String(decoding: try InputFile.read(path, expected: "a JSON instrument definition", limit: 1 << 20), as: UTF8.self)
            } catch { throw .badInstrument("cannot read \(path): \(error.reason)") }
        } else {
            text = EmbeddedSchemas.stappenmeterInstrument
        }
        do throws(StappenmeterInstrument.Refusal) {
            return StappenmeterDefinition(instrument: try StappenmeterInstrument.parse(Data(text.utf8)), text: text)
        } catch {
            throw .badInstrument((path.map { "\($0): " } ?? "") + error.reason)
        }
    }
}
