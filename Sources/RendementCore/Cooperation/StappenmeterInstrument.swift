import Foundation

/// A versioned definition of the Stappenmeter (data-schema/stappenmeter-instrument.v1.json
/// by default, or a Veiligheidshuis's own file): its steps, each with its
/// wording in Dutch and English, and the answer scale. The steps are data:
/// an import reads one score column per step id, and the analysis and the
/// reports show the steps of the instrument each questionnaire was filled in on.
public struct StappenmeterInstrument: Codable, Sendable, Equatable {
    /// Dutch and English text.
    public struct Wording: Codable, Sendable, Equatable {
        public var nl: String
        public var en: String
    }

    /// One step: its id (the score column's name) and its wording.
    public struct Step: Codable, Sendable, Equatable {
        public var id: String
        public var nl: String
        public var en: String
    }

    /// The label of one point of the scale.
    public struct ScaleLabel: Codable, Sendable, Equatable {
        public var score: Int
        public var nl: String
        public var en: String
    }

    /// The answer scale: whole numbers from `min` to `max`, the labels of
    /// its points (accepted in place of the number), and the answers that
    /// mean "not scored" (besides an empty cell).
    public struct Scale: Codable, Sendable, Equatable {
        public var min: Int
        public var max: Int
        public var labels: [ScaleLabel]
        public var missing: [String]
    }

    /// Why a definition cannot be used (one line).
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// How one cell was read.
    public enum Answer: Equatable, Sendable {
        case score(Int)
        /// Empty, or one of the scale's "not scored" answers.
        case notScored
        /// Neither a score on the scale, nor a label, nor a "not scored" answer.
        case invalid
    }

    public var instrument: String
    public var version: Int
    public var title: Wording
    public var source: String
    public var scale: Scale
    public var steps: [Step]

    /// The step ids, in the instrument's order.
    public var stepIDs: [String] { steps.map(\.id) }

    /// "stappenmeter v1".
    public var name: String { "\(instrument) v\(version)" }

    /// The columns every Stappenmeter file has besides the steps; a step may not take one of these names.
    public static let baseColumns = ["veiligheidshuis", "casusoverleg", "invuldatum", "rol_invuller"]

    /// Reads and checks a definition; the error says what is wrong, in one line.
    public static func parse(_ data: Data) throws(Refusal) -> StappenmeterInstrument {
        let decoded: StappenmeterInstrument
        do { decoded = try JSONDecoder().decode(StappenmeterInstrument.self, from: data) } catch {
            throw Refusal(reason: "the instrument definition is not valid JSON of the expected form (instrument, version, title, source, scale, steps): \(Self.describe(error))")
        }
        if let problem = decoded.problem { throw Refusal(reason: "the instrument definition \(problem)") }
        return decoded
    }

    /// What makes a decoded definition unusable (nil when it is usable).
    var problem: String? {
        if instrument.trimmingCharacters(in: .whitespaces).isEmpty { return "has an empty instrument name" }
        if version < 1 { return "has version \(version); expected a whole number from 1" }
        if scale.min >= scale.max || scale.max - scale.min > 100 {
            return "has scale \(scale.min)-\(scale.max); expected min below max, at most 100 points apart"
        }
        if steps.isEmpty || steps.count > 100 { return "has \(steps.count) steps; expected 1 to 100" }
        var seen: Set<String> = []
        let reserved = Set(Self.baseColumns.map(InputName.normalize))
        for s in steps {
            guard !s.id.isEmpty, s.id.count <= 64, s.id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                return "has step id \"\(s.id)\"; expected 1-64 characters of a-z, 0-9 and _"
            }
            let key = InputName.normalize(s.id)
            if reserved.contains(key) { return "uses step id \"\(s.id)\", which is a column of every Stappenmeter file" }
            if !seen.insert(key).inserted { return "names step \"\(s.id)\" twice (ids are compared ignoring _)" }
            if s.nl.isEmpty || s.en.isEmpty { return "has step \"\(s.id)\" without Dutch or English wording" }
        }
        var labelKeys: Set<String> = []
        for l in scale.labels {
            if !(scale.min...scale.max).contains(l.score) { return "labels score \(l.score), outside the scale \(scale.min)-\(scale.max)" }
            for text in [l.nl, l.en] where !text.isEmpty {
                if !labelKeys.insert(Self.answerKey(text)).inserted { return "uses the label \"\(text)\" twice" }
            }
        }
        for m in scale.missing where labelKeys.contains(Self.answerKey(m)) || Int(m) != nil {
            return "lists \"\(m)\" as 'not scored' while it is a score or a label"
        }
        return nil
    }

    /// Reads one score cell: a whole number on the scale (also `4.0`, `4,0`),
    /// a scale label in Dutch or English, or empty / a "not scored" answer.
    public func answer(_ text: String) -> Answer {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .notScored }
        if let v = Self.wholeNumber(t) { return (scale.min...scale.max).contains(v) ? .score(v) : .invalid }
        let key = Self.answerKey(t)
        if let l = scale.labels.first(where: { Self.answerKey($0.nl) == key || Self.answerKey($0.en) == key }) { return .score(l.score) }
        if scale.missing.contains(where: { Self.answerKey($0) == key }) { return .notScored }
        return .invalid
    }

    /// "Expected ..." for a cell that is not an answer.
    public var expectedAnswer: String {
        "expected a whole number from \(scale.min) to \(scale.max), a scale label (\(scale.labels.map(\.nl).joined(separator: ", "))), or empty / \(scale.missing.joined(separator: ", ")) for not scored"
    }

    /// The step of an id.
    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }

    /// `4`, `4.0`, `4,0` -> 4 (nil for anything else, also 4.5).
    static func wholeNumber(_ t: String) -> Int? {
        if let v = Int(t) { return v }
        let parts = t.split(separator: t.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let v = Int(parts[0]), !parts[1].isEmpty, parts[1].allSatisfy({ $0 == "0" }) else { return nil }
        return v
    }

    /// Letters and digits only, lower case: `N.V.T.` = `nvt`, `Weet niet` = `weetniet`.
    static func answerKey(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let c): "missing \((c.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c): "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let c): c.debugDescription
        default: "\(error)"
        }
    }
}
