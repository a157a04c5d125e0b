import RendementCore

/// Writes `stappenmeter.csv` for the synthetic registry: completed
/// Stappenmeters (default instrument, 7 steps, scale 1-5) per
/// Veiligheidshuis, case meeting and quarter of the intake period, from the
/// quarter a house exists. Scores improve with a house's maturity (years
/// since founded: +0.18 per year on the mean), differ by step (signalling
/// easiest, scaling down hardest), by house (a fixed house effect) and by
/// role (chairs score higher than partners); some steps are left empty
/// (afschaling/nazorg most often). `--messy` writes labels and decimal
/// commas for some scores, "n.v.t." for empty steps, other spellings of
/// roles, houses and dates, exact duplicates, and planted bad rows (listed
/// in truth.json). Draws from a stream of its own: the other files do not
/// change with it.
struct StappenmeterWriter {
    static let steps = ["signalering", "informatiedeling", "gezamenlijke_analyse", "integraal_plan", "uitvoering", "monitoring", "afschaling_nazorg"]
    /// Step difficulty: added to the mean score.
    static let stepOffset = [0.3, 0.1, 0.0, -0.1, -0.2, -0.3, -0.4]
    static let meetings = ["jeugd", "veelplegers", "nazorg ex-gedetineerden", "huiselijk geweld"]
    static let labels = ["helemaal niet", "nauwelijks", "deels", "grotendeels", "volledig"]
    static let roles = ["voorzitter", "procesregisseur", "ketenpartner"]
    static let messyRoles = [["Voorzitter", "VZ", "voorzitter", "Chair"], ["Procesregisseur", "regisseur", "Proces-regisseur"], ["Ketenpartner", "partner", "Netwerkpartner"]]

    let seed: UInt64
    let messy: Bool
    let writer: ExtractWriter
    private(set) var broken: [SynthTruth.BrokenRow] = []
    private(set) var duplicates = 0

    init(path: String, seed: UInt64, messy: Bool, style: ExtractStyle) throws {
        self.seed = seed
        self.messy = messy
        let header = ["veiligheidshuis", "casusoverleg", "invuldatum", "rol_invuller"] + Self.steps
        writer = try ExtractWriter(path: path, style: style, header: messy ? header.map { $0.prefix(1).uppercased() + $0.dropFirst().replacingOccurrences(of: "_", with: " ") } : header)
    }

    /// One questionnaire before it is written.
    struct Form {
        var house: Int
        var meeting: String
        var day: Day
        var role: Int
        var scores: [Int?]
    }

    mutating func write() {
        // Streams no person uses: one for the questionnaires, one for how messy they are written (clean and messy files hold the same forms).
        var rng = SynthRandom(seed: seed, stream: 0x5749_5050_454E)
        var mess = SynthRandom(seed: seed, stream: 0x5749_5050_454F)
        let first = Quarter(containing: SyntheticExtracts.intakePeriod.0), last = Quarter(containing: SyntheticExtracts.intakePeriod.1)
        for (h, e) in VeiligheidshuisRegistry.entries.enumerated() {
            let houseEffect = 0.3 * rng.normal()
            let meetings = Array(Self.meetings.prefix(2 + rng.int(3)))
            var q = first
            while q <= last {
                defer { q = q.adding(1) }
                guard q.year >= e.opgericht else { continue }
                let maturity = Double(q.year - e.opgericht) + Double(q.quarter - 1) / 4
                for meeting in meetings {
                    let n = Int(2 + e.weight * 4) + rng.int(4)
                    for _ in 0..<n {
                        let form = make(house: h, meeting: meeting, quarter: q, maturity: maturity, houseEffect: houseEffect, rng: &rng)
                        emit(form, rng: &mess)
                    }
                }
            }
        }
        writer.close()
    }

    func make(house: Int, meeting: String, quarter q: Quarter, maturity: Double, houseEffect: Double, rng: inout SynthRandom) -> Form {
        let day = q.firstDay.adding(days: rng.int(Int(q.lastDay.number - q.firstDay.number) + 1))
        let u = rng.uniform()
        let role = u < 0.6 ? 0 : (u < 0.85 ? 1 : 2)
        let roleEffect = [0.2, 0.0, -0.2][role]
        let base = 2.0 + 0.18 * min(maturity, 12) + houseEffect + roleEffect
        var scores: [Int?] = Self.stepOffset.map { offset in
            Int(min(5, max(1, (base + offset + 0.8 * rng.normal()).rounded())))
        }
        for s in scores.indices where rng.bernoulli(s == 6 ? 0.15 : 0.05) { scores[s] = nil }
        if scores.allSatisfy({ $0 == nil }) { scores[0] = Int(min(5, max(1, base.rounded()))) }
        return Form(house: house, meeting: meeting, day: day, role: role, scores: scores)
    }

    /// Writes a form (messy: in some other spelling, sometimes twice, sometimes followed by a planted bad copy).
    mutating func emit(_ f: Form, rng: inout SynthRandom) {
        row(f, bad: nil, rng: &rng)
        guard messy else { return }
        if rng.bernoulli(0.01) { row(f, bad: nil, rng: &rng, exact: true); duplicates += 1 }
        if rng.bernoulli(0.015) {
            let bad: (String, RejectionReason) = [("veiligheidshuis", .unknownVeiligheidshuis), ("invuldatum", .badDate),
                                                  ("uitvoering", .badValue), ("rol_invuller", .badValue),
                                                  ("signalering", .missingRequired)][rng.int(5)]
            let line = writer.nextRecordLine
            row(f, bad: bad, rng: &rng)
            broken.append(.init(file: "stappenmeter.csv", line: line, reason: bad.1.rawValue, column: bad.0))
        }
    }

    /// The last row written, for an exact duplicate.
    private var lastRow: [String] = []

    mutating func row(_ f: Form, bad: (String, RejectionReason)?, rng: inout SynthRandom, exact: Bool = false) {
        var cells: [String]
        if exact {
            cells = lastRow
        } else {
            let name = VeiligheidshuisRegistry.entries[f.house].name
            cells = [bad?.1 == .unknownVeiligheidshuis ? "Veiligheidshuis Atlantis" : (messy && rng.bernoulli(0.1) ? name.uppercased() : name),
                     messy ? f.meeting.prefix(1).uppercased() + f.meeting.dropFirst() : f.meeting.replacingOccurrences(of: " ", with: "_"),
                     bad?.1 == .badDate ? "31-02-\(f.day.year)" : date(f.day, rng: &rng),
                     bad?.0 == "rol_invuller" ? "wethouder" : (messy ? Self.messyRoles[f.role][rng.int(Self.messyRoles[f.role].count)] : Self.roles[f.role])]
            for (s, score) in f.scores.enumerated() {
                if bad?.1 == .missingRequired { cells.append(""); continue }
                if bad?.0 == Self.steps[s] { cells.append("7"); continue }
                cells.append(cell(score, rng: &rng))
            }
        }
        for c in cells { writer.text(c) }
        writer.endRow()
        lastRow = cells
    }

    func date(_ d: Day, rng: inout SynthRandom) -> String {
        guard messy else { return d.iso }
        let c = d.components
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return rng.bernoulli(0.7) ? "\(two(c.day))-\(two(c.month))-\(c.year)" : "\(c.day)/\(c.month)/\(c.year)"
    }

    func cell(_ score: Int?, rng: inout SynthRandom) -> String {
        guard let score else { return messy && rng.bernoulli(0.5) ? "n.v.t." : "" }
        guard messy else { return String(score) }
        let u = rng.uniform()
        return u < 0.1 ? Self.labels[score - 1] : (u < 0.13 ? "\(score),0" : String(score))
    }
}
