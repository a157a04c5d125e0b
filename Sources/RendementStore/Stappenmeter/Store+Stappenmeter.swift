import Foundation
import RendementCore

/// One completed Stappenmeter as stored: where and when, who filled it in,
/// the instrument it was filled in on and its scores by step id (a step
/// left empty or answered "not scored" has no score).
public struct StappenmeterForm: Sendable, Equatable {
    public var veiligheidshuis: String
    public var casusoverleg: String
    public var invuldatum: Day
    public var rol: String
    /// The import the form came from (its instrument is `Store.stappenmeterInstruments()[importID]`).
    public var importID: Int64
    public var scores: [String: Int]

    public init(veiligheidshuis: String, casusoverleg: String, invuldatum: Day, rol: String, importID: Int64, scores: [String: Int]) {
        self.veiligheidshuis = veiligheidshuis
        self.casusoverleg = casusoverleg
        self.invuldatum = invuldatum
        self.rol = rol
        self.importID = importID
        self.scores = scores
    }
}

extension Store {
    /// Records the instrument definition a Stappenmeter import was read with (inside the import's transaction).
    public func saveStappenmeterInstrument(importID: Int64, _ instrument: StappenmeterInstrument, definition: String) throws {
        try database.prepare("INSERT INTO stappenmeter_instruments(import_id, instrument, version, definition) VALUES (?, ?, ?, ?)")
            .run([importID, instrument.instrument, instrument.version, definition])
    }

    /// Deletes the forms, scores and instrument of a Stappenmeter import (a replaced import; inside its transaction).
    public func deleteStappenmeter(importID: Int64) throws {
        try database.prepare("DELETE FROM stappenmeter_scores WHERE form_id IN (SELECT form_id FROM stappenmeter_forms WHERE import_id = ?)")
            .run([importID])
        try database.prepare("DELETE FROM stappenmeter_forms WHERE import_id = ?").run([importID])
        try database.prepare("DELETE FROM stappenmeter_instruments WHERE import_id = ?").run([importID])
    }

    /// The instruments of the live Stappenmeter imports, by import id; a
    /// definition that no longer reads is an error, never a skipped import.
    public func stappenmeterInstruments() throws -> [Int64: StappenmeterInstrument] {
        let s = try database.prepare("""
            SELECT m.import_id, m.definition FROM stappenmeter_instruments m
            JOIN imports i ON i.import_id = m.import_id WHERE i.replaced_at IS NULL ORDER BY m.import_id
            """)
        var out: [Int64: StappenmeterInstrument] = [:]
        for (id, text) in try s.rows([], { ($0.int(0), $0.text(1) ?? "") }) {
            do { out[id] = try StappenmeterInstrument.parse(Data(text.utf8)) } catch {
                throw StoreError.damaged("the instrument of Stappenmeter import \(id) cannot be read: \(error.reason)")
            }
        }
        return out
    }

    /// The live Stappenmeters with their scores, in a stable order (house,
    /// meeting, date, role, scores) that does not depend on the import order
    /// (forms that tie are identical).
    public func stappenmeterForms() throws -> [StappenmeterForm] {
        let s = try database.prepare("""
            SELECT f.form_id, f.veiligheidshuis, f.casusoverleg, f.invul_day, f.rol, f.import_id, s.step, s.score
            FROM stappenmeter_forms f JOIN imports i ON i.import_id = f.import_id
            LEFT JOIN stappenmeter_scores s ON s.form_id = f.form_id
            WHERE i.replaced_at IS NULL ORDER BY f.form_id
            """)
        var forms: [Int64: StappenmeterForm] = [:]
        try s.bind([])
        defer { s.reset() }
        while try s.step() {
            let id = s.int(0)
            if forms[id] == nil {
                forms[id] = StappenmeterForm(veiligheidshuis: s.text(1) ?? "", casusoverleg: s.text(2) ?? "",
                                             invuldatum: Day(number: Int32(s.int(3))), rol: s.text(4) ?? "", importID: s.int(5), scores: [:])
            }
            if let step = s.text(6) { forms[id]!.scores[step] = Int(s.int(7)) }
        }
        return forms.values.sorted { a, b in
            (a.veiligheidshuis, a.casusoverleg, a.invuldatum.number, a.rol, a.scores.sorted { $0.key < $1.key }.description)
                < (b.veiligheidshuis, b.casusoverleg, b.invuldatum.number, b.rol, b.scores.sorted { $0.key < $1.key }.description)
        }
    }
}
