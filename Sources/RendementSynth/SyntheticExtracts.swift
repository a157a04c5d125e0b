import Foundation
import RendementCore

/// Options of `rendement generate`.
public struct SynthOptions: Sendable {
    public var seed: UInt64
    public var scale: SynthScale
    public var messy: Bool
    public var effect: PlantedEffect
    /// Overrides the scale's number of persons (tests use tiny populations).
    public var persons: Int?
    /// Who becomes a client, and when (see `ClientSelection`).
    public var selection: ClientSelection
    /// A crisis in the months before intake (x2 in 3 months by default).
    public var spike: PreIntakeSpike

    public init(seed: UInt64 = 1, scale: SynthScale = .small, messy: Bool = false,
                effect: PlantedEffect = .planted, persons: Int? = nil,
                selection: ClientSelection = .latentRate, spike: PreIntakeSpike = .typical) {
        self.seed = seed
        self.scale = scale
        self.messy = messy
        self.effect = effect
        self.persons = persons
        self.selection = selection
        self.spike = spike
    }
}

/// Writes a synthetic population as the five canonical extracts, completed
/// Stappenmeters (`StappenmeterWriter`) and `truth.json`: a skewed police history per person (most 1-2 contacts, a few
/// prolific offenders), BVH incidents with several persons, HKS police reports
/// with several offences, and Veiligheidshuis clients drawn from the heavier
/// end whose contact rate drops after intake by a planted, age-dependent factor.
///
/// Model (per person): a lifetime contact rate `lambda ~ 0.12 + Gamma(0.45, 1.9)`
/// per year, thinned by an age curve peaking at 20. Who becomes a client is
/// set by `SynthOptions.selection`: by default (`.latentRate`) the heaviest
/// persons are taken in on a uniformly drawn day in 2010-2013; with
/// `.observedHistory` a suspect incident in that period leads to intake on
/// that day with a probability that rises with the prior police record
/// (`intakeProbability`). A `PreIntakeSpike` (by default x2 in the 3 months
/// before intake, `PreIntakeSpike.typical`) multiplies the rate in
/// the months before intake (extra incidents superposed on the usual ones,
/// drawn from a stream of their own, so the rest of the history is the same
/// with or without it). After the first intake with a plan of approach the
/// rate is multiplied by `PlantedEffect.multiplier`. The same seed writes the same files; `--messy`
/// writes the same population in Dutch export style plus planted broken rows.
public enum SyntheticExtracts {
    public static let bvhPeriod = (Day(year: 2009, month: 1, day: 1)!, Day(year: 2014, month: 12, day: 31)!)
    public static let hksPeriod = (Day(year: 2006, month: 1, day: 1)!, Day(year: 2014, month: 12, day: 31)!)
    public static let intakePeriod = (Day(year: 2010, month: 1, day: 1)!, Day(year: 2013, month: 12, day: 31)!)

    /// Generates into `directory` (created if needed) and returns the truth.
    public static func generate(into directory: String, options: SynthOptions,
                                progress: ((Double) -> Void)? = nil) throws -> SynthTruth {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var generator = try PopulationWriter(directory: directory, options: options)
        let truth = try generator.run(progress: progress)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try OutputFile.write(bytes: Array(encoder.encode(truth)), to: directory + "/truth.json")
        return truth
    }
}

/// The five files and the generation loop behind `SyntheticExtracts`.
struct PopulationWriter {
    let options: SynthOptions
    let directory: String
    let style: ExtractStyle
    let n: Int

    // Person attributes (pass 1).
    var ids: [String] = []
    var births: [Day] = []
    var birthPrecision: [UInt8] = []   // 0 day, 1 month, 2 year (personen file)
    var sexes: [Sex] = []
    var rates: [Double] = []
    var homes: [Int] = []
    var registeredWithoutRecord: [Bool] = []
    /// Persons a Veiligheidshuis could reach (its case selection finds them);
    /// everyone else is handled by criminal justice alone.
    var reachable: [Bool] = []
    var hasBirthTypo: [Bool] = []

    // Output.
    var bvh: ExtractWriter
    var hks: ExtractWriter
    var clienten: ExtractWriter
    var broken: [SynthTruth.BrokenRow] = []
    var duplicates: [String: Int] = ["bvh.csv": 0, "hks.csv": 0, "clienten.csv": 0]
    var registrations = 0, registrationsWithoutPlan = 0, clients = 0, clientsWithoutRecord = 0
    var birthConflicts = 0
    var stappenmeterRows = 0

    static let bvhColumns = ["registratienummer", "persoon_id", "rol", "pleegdatum", "registratiedatum", "incidentcode",
                             "incidentomschrijving", "gemeente", "geboortedatum", "geslacht"]
    static let hksColumns = ["pv_nummer", "persoon_id", "pleegdatum", "feitcode", "registratienummer", "delictcategorie",
                             "ernst", "geboortedatum", "geslacht"]
    static let clientColumns = ["persoon_id", "veiligheidshuis", "doelgroep", "casusoverleg", "aanmelddatum", "instroomdatum",
                                "plan_van_aanpak", "uitstroomdatum", "aantal_partners", "geboortedatum", "geslacht"]

    /// Header names of the Dutch-style export, with the mapping file that maps them back.
    static let messyHeaders: [String: [String: String]] = [
        "bvh": ["registratienummer": "BVH-nummer", "persoon_id": "Pseudoniem", "registratiedatum": "Datum registratie",
                "incidentcode": "MK code", "incidentomschrijving": "Omschrijving", "gemeente": "Pleeggemeente",
                "geboortedatum": "Geb. datum"],
        "hks": ["pv_nummer": "PV nummer", "persoon_id": "Pseudoniem", "feitcode": "Wetsartikel",
                "registratienummer": "BVH-nummer", "geboortedatum": "Geb. datum"],
        "clienten": ["persoon_id": "Pseudoniem", "veiligheidshuis": "VHH", "instroomdatum": "Datum instroom",
                     "aanmelddatum": "Datum aanmelding", "uitstroomdatum": "Datum uitstroom", "plan_van_aanpak": "Plan van aanpak",
                     "geboortedatum": "Geb. datum"],
    ]

    init(directory: String, options: SynthOptions) throws {
        self.options = options
        self.directory = directory
        self.style = options.messy ? .messy : .canonical
        self.n = options.persons ?? options.scale.persons
        func header(_ kind: String, _ columns: [String]) -> [String] {
            guard options.messy, let renames = PopulationWriter.messyHeaders[kind] else { return columns }
            return columns.map { renames[$0] ?? $0.prefix(1).uppercased() + $0.dropFirst() }
        }
        bvh = try ExtractWriter(path: directory + "/bvh.csv", style: style, header: header("bvh", Self.bvhColumns))
        hks = try ExtractWriter(path: directory + "/hks.csv", style: style, header: header("hks", Self.hksColumns))
        clienten = try ExtractWriter(path: directory + "/clienten.csv", style: style, header: header("clienten", Self.clientColumns))
    }

    // MARK: - The run

    mutating func run(progress: ((Double) -> Void)?) throws -> SynthTruth {
        createPersons()
        try writeRegistry()
        try writePersons()
        let step = max(1, n / 200)
        for i in 0..<n {
            writeHistory(of: i)
            if i % step == 0 { progress?(Double(i) / Double(n)) }
        }
        bvh.close(); hks.close(); clienten.close()
        var stappenmeter = try StappenmeterWriter(path: directory + "/stappenmeter.csv", seed: options.seed, messy: options.messy, style: style)
        stappenmeter.write()
        broken += stappenmeter.broken
        duplicates["stappenmeter.csv"] = stappenmeter.duplicates
        stappenmeterRows = stappenmeter.writer.recordsWritten
        progress?(1)
        var mappings: [String: String] = [:]
        if options.messy {
            for (kind, renames) in Self.messyHeaders {
                let file = "mapping-\(kind).json"
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try OutputFile.write(bytes: Array(encoder.encode(renames)), to: directory + "/" + file)
                mappings[kind] = file
            }
        }
        return truth(mappings: mappings)
    }

    private func truth(mappings: [String: String]) -> SynthTruth {
        let reference = Day(year: 2012, month: 1, day: 15)!
        var expected: [SynthTruth.ExpectedRateRatio] = []
        for band in options.effect.bands {
            for w in [1, 2, 3, 6, 12] {
                expected.append(.init(band: band.band, windowMonths: w,
                                      rateRatio: options.effect.expectedRateRatio(band: band, index: reference, months: w)))
            }
        }
        return SynthTruth(
            tool: "rendement generate", seed: options.seed, scale: options.scale.rawValue, messy: options.messy,
            persons: n, clients: clients, clientsWithoutPoliceRecord: clientsWithoutRecord,
            registrations: registrations, registrationsWithoutPlan: registrationsWithoutPlan,
            rows: ["bvh.csv": bvh.recordsWritten, "hks.csv": hks.recordsWritten, "clienten.csv": clienten.recordsWritten,
                   "personen.csv": n, "veiligheidshuizen.csv": VeiligheidshuisRegistry.entries.count,
                   "stappenmeter.csv": stappenmeterRows],
            duplicateRows: duplicates,
            periods: ["bvh": [SyntheticExtracts.bvhPeriod.0.iso, SyntheticExtracts.bvhPeriod.1.iso],
                      "hks": [SyntheticExtracts.hksPeriod.0.iso, SyntheticExtracts.hksPeriod.1.iso]],
            intakePeriod: [SyntheticExtracts.intakePeriod.0.iso, SyntheticExtracts.intakePeriod.1.iso],
            personsWithBirthDateConflict: birthConflicts,
            effect: options.effect,
            selection: options.selection,
            spike: options.spike,
            effectDescription: "After the first intake with a plan of approach, a client's contact and offence rate is multiplied by factor - first_months_boost * exp(-t / boost_days), t = days since intake, by age band at intake. Controls: no effect.",
            referenceIndexDate: reference.iso,
            expectedRateRatios: expected,
            brokenRows: broken,
            mappingFiles: mappings)
    }

    // MARK: - Pass 1: persons

    private mutating func createPersons() {
        let reference = Day(year: 2009, month: 1, day: 1)!
        let cumulativeHomes: [Double] = {
            var t = 0.0
            return VeiligheidshuisRegistry.entries.map { t += $0.weight; return t }
        }()
        ids.reserveCapacity(n); births.reserveCapacity(n); sexes.reserveCapacity(n); rates.reserveCapacity(n)
        for i in 0..<n {
            var rng = SynthRandom(seed: options.seed, stream: UInt64(i) &* 2 &+ 1)
            ids.append(Self.pseudonym(i, seed: options.seed))
            let age0 = min(64, 10 + rng.gamma(shape: 2, scale: 8))
            births.append(reference.adding(days: -Int(age0 * 365.25)))
            let u = rng.uniform()
            birthPrecision.append(u < 0.03 ? 2 : (u < 0.05 ? 1 : 0))
            let s = rng.uniform()
            sexes.append(s < 0.01 ? .onbekend : (s < 0.80 ? .man : .vrouw))
            var rate = 0.12 + rng.gamma(shape: 0.45, scale: 1.9)
            homes.append(rng.pick(cumulative: cumulativeHomes))
            // A few persons are registered at a Veiligheidshuis without any police record (coverage < 100%).
            let withoutRecord = rng.bernoulli(0.002)
            if withoutRecord { rate = 0 }
            rates.append(rate)
            registeredWithoutRecord.append(withoutRecord)
            reachable.append(rng.bernoulli(0.15))
            hasBirthTypo.append(rng.bernoulli(0.003))
        }
    }

    /// A 16-hex-digit pseudonym: a bijective mix of the person index, so unique.
    static func pseudonym(_ i: Int, seed: UInt64) -> String {
        var z = UInt64(i) &+ seed &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = z ^ (z >> 31)
        let hex = String(z, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func writeRegistry() throws {
        let w = try ExtractWriter(path: directory + "/veiligheidshuizen.csv", style: style,
                                  header: ["veiligheidshuis", "regio", "opgericht", "gemeenten"])
        for e in VeiligheidshuisRegistry.entries {
            w.text(e.name); w.text(e.regio); w.int(e.opgericht); w.int(e.gemeenten); w.endRow()
        }
        w.close()
    }

    private func writePersons() throws {
        let w = try ExtractWriter(path: directory + "/personen.csv", style: style,
                                  header: ["persoon_id", "geboortedatum", "geslacht"])
        for i in 0..<n {
            w.ascii(ids[i])
            switch birthPrecision[i] {
            case 2: w.date(births[i], form: .year)
            case 1: w.date(births[i], form: .yearMonth)
            default: w.date(births[i])
            }
            writeSex(sexes[i], to: w, variant: i)
            w.endRow()
        }
        w.close()
    }

    private func writeSex(_ sex: Sex, to w: ExtractWriter, variant: Int) {
        guard options.messy else { w.ascii(sex.rawValue); return }
        switch (sex, variant % 3) {
        case (.man, 0): w.ascii("M")
        case (.man, 1): w.ascii("Man")
        case (.man, _): w.ascii("male")
        case (.vrouw, 0): w.ascii("V")
        case (.vrouw, 1): w.ascii("Vrouw")
        case (.vrouw, _): w.ascii("F")
        case (.onbekend, 0): w.ascii("O")
        case (.onbekend, _): w.ascii("Onbekend")
        }
    }

    // MARK: - Pass 2: registrations and police history

    /// Police contact multiplier by age (crime-age curve peaking at 20); 0 below 12.
    static func ageCurve(_ age: Int) -> Double {
        guard age >= 12 else { return 0 }
        let z = (Double(age) - 20) / 15
        return 0.2 + 0.8 * exp(-z * z)
    }

    private struct Registration {
        var vhh: Int
        var doelgroep: String
        var casusoverleg: String
        var aanmeld: Day?
        var instroom: Day
        var plan: Bool
        var planAsDate: Bool
        var uitstroom: Day?
    }

    /// Probability that a suspect incident on `day` leads to intake in a case
    /// meeting: a logistic function of what the police registers before that
    /// day (contacts in 12 months, reports in 5 years) and of being under 18.
    /// Selection depends on observed history only, as the matched design assumes.
    static func intakeProbability(bvhPrior12: Int, hksPrior60: Int, age: Int) -> Double {
        let eta = -4.0 + 1.0 * log1p(Double(bvhPrior12)) + 0.5 * log1p(Double(hksPrior60)) + (age < 18 ? 0.4 : 0)
        return 1 / (1 + exp(-eta))
    }

    /// The registrations that follow an intake on `intake` (the first is the
    /// intake itself): 85% with a plan of approach; some persons get another
    /// registration later (another target group or Veiligheidshuis).
    private mutating func registrations(of i: Int, intake: Day, rng: inout SynthRandom) -> [Registration] {
        let age = intake.age(bornOn: births[i])
        func group() -> (String, String) {
            if age < 18 { return rng.bernoulli(0.75) ? ("jeugd", "Casusoverleg Jeugd") : ("complexe_casus", "Complexe casuïstiek") }
            if rates[i] > 2.5 && rng.bernoulli(0.6) { return ("veelplegers", "Top-X overleg") }
            switch rng.int(4) {
            case 0: return ("huiselijk_geweld", "Casusoverleg Huiselijk Geweld")
            case 1: return ("nazorg", "Nazorg ex-gedetineerden")
            case 2: return ("overlast", "Overlastoverleg")
            default: return ("complexe_casus", "Complexe casuïstiek")
            }
        }
        func make(_ vhh: Int, _ day: Day, plan: Bool) -> Registration {
            let (g, meeting) = group()
            let aanmeld: Day? = rng.bernoulli(0.8) ? day.adding(days: -rng.int(40)) : nil
            let uit: Day? = rng.bernoulli(0.7) ? day.adding(days: 90 + rng.int(450)) : nil
            return Registration(vhh: vhh, doelgroep: g, casusoverleg: meeting, aanmeld: aanmeld, instroom: day,
                                plan: plan, planAsDate: plan && rng.bernoulli(0.6), uitstroom: uit)
        }
        var regs = [make(homes[i], intake, plan: rng.bernoulli(0.85))]
        if regs[0].plan && rng.bernoulli(0.15) {
            let vhh = rng.bernoulli(0.8) ? homes[i] : rng.int(VeiligheidshuisRegistry.entries.count)
            regs.append(make(vhh, intake.adding(days: 30 + rng.int(470)), plan: rng.bernoulli(0.7)))
        }
        return regs
    }

    private mutating func writeHistory(of i: Int) {
        var rng = SynthRandom(seed: options.seed, stream: UInt64(i) &* 2 &+ 2)
        var mess = SynthRandom(seed: options.seed ^ 0x5EED_0F_4E55, stream: UInt64(i))
        if registeredWithoutRecord[i] {
            let (start, end) = SyntheticExtracts.intakePeriod
            let intake = start.adding(days: rng.int(start.days(to: end) + 1))
            let regs = registrations(of: i, intake: intake, rng: &rng)
            if regs[0].plan { clients += 1; clientsWithoutRecord += 1 }
            for r in regs { writeRegistration(r, of: i, mess: &mess) }
            return
        }
        let (start, _) = SyntheticExtracts.hksPeriod
        let end = SyntheticExtracts.bvhPeriod.1
        let span = Double(start.days(to: end) + 1)
        let perDay = rates[i] / 365.25
        guard perDay > 0 else { return }
        var plannedIntake = latentIntakeDay(of: i)
        var index: Day? = nil, intake: Day? = nil, indexAge = 0
        var contactDays: [Int32] = [], reportDays: [Int32] = []
        var t = rng.exponential(rate: perDay)
        var seq = 0
        var wroteTypo = false
        while t < span {
            let day = start.adding(days: Int(t))
            if let planned = plannedIntake, day > planned {
                plannedIntake = nil
                (intake, index, indexAge) = register(i, on: planned, rng: &rng, mess: &mess)
            }
            let age = day.age(bornOn: births[i])
            var accept = PopulationWriter.ageCurve(age)
            if let index, day > index {
                accept *= options.effect.multiplier(age: indexAge, daysAfter: Double(index.days(to: day)))
            }
            if rng.uniform() < accept {
                seq += 1
                let incident = writeIncident(of: i, on: day, seq: seq, rng: &rng, mess: &mess)
                wroteTypo = incident.typo || wroteTypo
                // Under selection on observed history, a suspect incident in the
                // intake period may lead to intake in a case meeting on that day.
                if options.selection == .observedHistory, reachable[i], intake == nil, incident.role == .verdachte, age >= 12,
                   day >= SyntheticExtracts.intakePeriod.0, day <= SyntheticExtracts.intakePeriod.1 {
                    let sorted = SortedDays(presorted: contactDays)
                    let reports = SortedDays(presorted: reportDays)
                    let p = PopulationWriter.intakeProbability(
                        bvhPrior12: sorted.count(in: day.adding(months: -12).number..<day.number),
                        hksPrior60: reports.count(in: day.adding(months: -60).number..<day.number), age: age)
                    if rng.uniform() < p { (intake, index, indexAge) = register(i, on: day, rng: &rng, mess: &mess) }
                }
                if incident.role.isPoliceContact && day >= SyntheticExtracts.bvhPeriod.0 { contactDays.append(day.number) }
                if incident.report { reportDays.append(day.number) }
            }
            t += rng.exponential(rate: perDay)
        }
        if let planned = plannedIntake { (intake, index, indexAge) = register(i, on: planned, rng: &rng, mess: &mess) }
        if let intake { wroteTypo = writeSpike(of: i, before: intake, seq: seq, mess: &mess) || wroteTypo }
        if wroteTypo { birthConflicts += 1 }
    }

    /// Under `.latentRate`: the day person `i` is taken in (drawn uniformly
    /// from the intake period), or nil when the person is not selected or
    /// would be younger than 12. Drawn from a stream of its own.
    private func latentIntakeDay(of i: Int) -> Day? {
        guard options.selection == .latentRate, reachable[i] else { return nil }
        var rng = SynthRandom(seed: options.seed ^ 0x1A7E_47, stream: UInt64(i))
        guard rng.uniform() < ClientSelection.latentIntakeProbability(rate: rates[i]) else { return nil }
        let (start, end) = SyntheticExtracts.intakePeriod
        let day = start.adding(days: rng.int(start.days(to: end) + 1))
        return day.age(bornOn: births[i]) >= 12 ? day : nil
    }

    /// Writes the registrations of an intake of person `i` on `day`; returns
    /// the intake day, the index day (nil without a plan of approach) and the
    /// age at intake.
    private mutating func register(_ i: Int, on day: Day, rng: inout SynthRandom,
                                   mess: inout SynthRandom) -> (Day, Day?, Int) {
        let regs = registrations(of: i, intake: day, rng: &rng)
        if regs[0].plan { clients += 1 }
        for r in regs { writeRegistration(r, of: i, mess: &mess) }
        return (day, regs[0].plan ? day : nil, day.age(bornOn: births[i]))
    }

    /// The pre-intake crisis: extra incidents at `(factor - 1)` times the
    /// usual rate (thinned by the age curve) in the `months` calendar months
    /// before `intake`, superposed on the usual history, from a stream of
    /// their own. Returns whether a birth-date typo was written.
    private mutating func writeSpike(of i: Int, before intake: Day, seq: Int, mess: inout SynthRandom) -> Bool {
        let spike = options.spike
        guard spike.isActive else { return false }
        var rng = SynthRandom(seed: options.seed ^ 0x5B1C_E000, stream: UInt64(i))
        let from = intake.adding(months: -spike.months)
        let length = Double(from.days(to: intake))
        let perDay = (spike.factor - 1) * rates[i] / 365.25
        var t = rng.exponential(rate: perDay), n = seq, typo = false
        while t < length {
            let day = from.adding(days: Int(t))
            if rng.uniform() < PopulationWriter.ageCurve(day.age(bornOn: births[i])) {
                n += 1
                typo = writeIncident(of: i, on: day, seq: n, rng: &rng, mess: &mess).typo || typo
            }
            t += rng.exponential(rate: perDay)
        }
        return typo
    }

    private mutating func writeRegistration(_ r: Registration, of i: Int, mess: inout SynthRandom) {
        registrations += 1
        if !r.plan { registrationsWithoutPlan += 1 }
        let side = RegistrationExtras(seed: options.seed, person: i, registration: r.instroom, house: VeiligheidshuisRegistry.entries[r.vhh])
        var corruption: (String, RejectionReason)? = nil
        if options.messy && mess.bernoulli(0.012) {
            corruption = [("veiligheidshuis", .unknownVeiligheidshuis), ("uitstroomdatum", .inconsistentDates),
                          ("instroomdatum", .badDate), ("instroomdatum", .missingRequired),
                          ("plan_van_aanpak", .badValue)][mess.int(5)]
        }
        for pass in 0..<(corruption == nil ? 1 : 2) {
            let bad = pass == 1 ? corruption : nil
            let line = clienten.nextRecordLine
            clienten.ascii(ids[i])
            clienten.text(bad?.1 == .unknownVeiligheidshuis ? "Veiligheidshuis Atlantis" : VeiligheidshuisRegistry.entries[r.vhh].name)
            clienten.text(options.messy ? r.doelgroep.replacingOccurrences(of: "_", with: " ").capitalizedFirst : r.doelgroep)
            clienten.text(r.casusoverleg)
            writeDate(r.aanmeld, to: clienten, mess: &mess)
            switch bad?.1 {
            case .badDate?: clienten.ascii("31-02-\(r.instroom.year)")
            case .missingRequired?: clienten.empty()
            default: writeDate(r.instroom, to: clienten, mess: &mess)
            }
            if bad?.1 == .badValue {
                clienten.ascii("misschien")
            } else if r.planAsDate {
                writeDate(r.instroom.adding(days: side.planDelay), to: clienten, mess: &mess)
            } else {
                clienten.ascii(options.messy ? (r.plan ? "Ja" : "Nee") : (r.plan ? "ja" : "nee"))
            }
            if bad?.1 == .inconsistentDates {
                writeDate(r.instroom.adding(days: -30), to: clienten, mess: &mess)
            } else {
                writeDate(r.uitstroom, to: clienten, mess: &mess)
            }
            if let p = side.partners { clienten.int(p) } else { clienten.empty() }
            writeDate(births[i], to: clienten, mess: &mess)
            writeSex(sexes[i], to: clienten, variant: i)
            clienten.endRow()
            if let bad, pass == 1 {
                broken.append(.init(file: "clienten.csv", line: line, reason: bad.1.rawValue, column: bad.0))
            }
        }
    }

    private func writeDate(_ day: Day?, to w: ExtractWriter, mess: inout SynthRandom) {
        guard options.messy, let day else { w.date(day); return }
        let u = mess.uniform()
        w.date(day, form: u < 0.8 ? .dutch : (u < 0.9 ? .dutchShort : (u < 0.95 ? .slashes : .compact)))
    }

    /// Writes one incident of person `i` (and its co-persons and HKS offences);
    /// returns the person's role, whether an HKS report was written and
    /// whether a birth-date typo was written for `i`.
    private mutating func writeIncident(of i: Int, on day: Day, seq: Int,
                                        rng: inout SynthRandom, mess: inout SynthRandom) -> (role: BVHRole, report: Bool, typo: Bool) {
        let kind = IncidentCatalog.kinds[rng.pick(cumulative: IncidentCatalog.cumulativeWeights)]
        let role: BVHRole = kind.isCrime ? (rng.bernoulli(0.9) ? .verdachte : .betrokkene)
                                         : (rng.bernoulli(0.65) ? .betrokkene : .verdachte)
        let reg = "BVH\(day.year)-\(String(i, radix: 36))-\(seq)"
        let gemeente = rng.bernoulli(0.95) ? VeiligheidshuisRegistry.municipalities[rng.int(VeiligheidshuisRegistry.municipalities.count)] : ""
        var description = kind.description
        if rng.bernoulli(0.1) { description += "; " + IncidentCatalog.remarks[rng.int(IncidentCatalog.remarks.count)] }
        if rng.bernoulli(0.003) { description += "\n(vervolg) " + IncidentCatalog.remarks[rng.int(IncidentCatalog.remarks.count)] }
        let registered: Day? = rng.bernoulli(0.9) ? day.adding(days: rng.int(10)) : nil
        let showBirth = rng.bernoulli(0.8), showSex = rng.bernoulli(0.8)
        let typo = hasBirthTypo[i] && showBirth && rng.bernoulli(0.3)
        var coPersons: [(Int, BVHRole)] = []
        func coPerson(_ role: BVHRole, _ p: Double) {
            guard rng.bernoulli(p) else { return }
            let j = rng.int(n)
            if j != i { coPersons.append((j, role)) }
        }
        // Other persons in the incident: victims, reporters and witnesses (roles
        // that are not police contacts, so they never change anyone's outcome).
        if kind.isCrime {
            coPerson(rng.bernoulli(0.5) ? .slachtoffer : .aangever, 0.8)
            coPerson(.getuige, 0.35)
        } else {
            coPerson(.aangever, 0.75)
            coPerson(.getuige, 0.15)
        }
        let inBVH = day >= SyntheticExtracts.bvhPeriod.0
        var linkedToBVH = false
        if inBVH {
            linkedToBVH = true
            let row = BVHRow(reg: reg, person: i, role: role, day: day, registered: registered, code: kind.code,
                             description: description, gemeente: gemeente,
                             birth: showBirth ? (typo ? births[i].adding(months: 12) : births[i]) : nil,
                             sex: showSex ? sexes[i] : nil)
            writeBVH(row, mess: &mess, mainRow: true)
            for (j, r) in coPersons {
                let showB = rng.bernoulli(0.6)
                writeBVH(BVHRow(reg: reg, person: j, role: r, day: day, registered: registered, code: kind.code,
                                description: description, gemeente: gemeente,
                                birth: showB ? births[j] : nil, sex: showB ? sexes[j] : nil), mess: &mess, mainRow: false)
            }
        }
        var report = false
        if kind.isCrime && role == .verdachte && rng.bernoulli(0.7) {
            report = true
            let pv = "PV\(day.year)\(String(i, radix: 36).uppercased())\(seq)"
            let u = rng.uniform()
            let feiten = u < 0.7 ? 1 : (u < 0.92 ? 2 : 3)
            let link = linkedToBVH && rng.bernoulli(0.9)
            for k in 0..<feiten where day.adding(days: k) <= SyntheticExtracts.hksPeriod.1 {
                var category = kind.category
                var article = kind.articles[rng.int(kind.articles.count)]
                var severity = kind.severity
                if k > 0 && rng.bernoulli(0.2) {
                    let other = IncidentCatalog.kinds[rng.pick(cumulative: IncidentCatalog.cumulativeWeights)]
                    if other.isCrime { category = other.category; article = other.articles[0]; severity = other.severity }
                }
                writeHKS(HKSRow(pv: pv, person: i, day: day.adding(days: k), article: article, reg: link ? reg : nil,
                                category: category, severity: rng.bernoulli(0.85) ? severity : nil,
                                birth: showBirth ? births[i] : nil, sex: showSex ? sexes[i] : nil), mess: &mess)
            }
        }
        return (role, report, typo && inBVH)
    }

    private struct BVHRow {
        var reg: String, person: Int, role: BVHRole, day: Day, registered: Day?, code: String
        var description: String, gemeente: String, birth: Day?, sex: Sex?
    }

    private struct HKSRow {
        var pv: String, person: Int, day: Day, article: String, reg: String?
        var category: OffenceCategory, severity: Severity?, birth: Day?, sex: Sex?
    }

    private mutating func writeBVH(_ row: BVHRow, mess: inout SynthRandom, mainRow: Bool) {
        var corruption: (String, RejectionReason)? = nil
        var duplicate = false
        if options.messy && mainRow {
            if mess.bernoulli(0.01) {
                corruption = [("pleegdatum", .badDate), ("pleegdatum", .implausibleDate), ("persoon_id", .missingRequired),
                              ("persoon_id", .badPersonID), ("rol", .badValue), ("", .wrongFieldCount),
                              ("pleegdatum", .implausibleDate)][mess.int(7)]
            } else if mess.bernoulli(0.002) {
                duplicate = true
            }
        }
        for pass in 0..<(corruption != nil || duplicate ? 2 : 1) {
            let bad = pass == 1 ? corruption : nil
            let line = bvh.nextRecordLine
            bvh.ascii(row.reg)
            switch bad?.1 {
            case .missingRequired?: bvh.empty()
            case .badPersonID?: bvh.ascii("P#" + ids[row.person])
            default: bvh.ascii(ids[row.person])
            }
            if bad?.1 == .badValue { bvh.ascii("dader") } else {
                bvh.ascii(options.messy ? row.role.rawValue.capitalizedFirst : row.role.rawValue)
            }
            switch bad?.1 {
            case .badDate?: bvh.ascii(options.messy ? "31-02-\(row.day.year)" : "\(row.day.year)-02-31")
            case .implausibleDate?:
                let c = row.day.components
                let year = row.day.number % 2 == 0 ? 1897 : 2031
                bvh.date(Day(year: year, month: c.month, day: min(c.day, 28)))
            default: writeDate(row.day, to: bvh, mess: &mess)
            }
            writeDate(row.registered, to: bvh, mess: &mess)
            bvh.ascii(row.code)
            bvh.text(row.description)
            bvh.text(row.gemeente)
            if let b = row.birth { writeDate(b, to: bvh, mess: &mess) } else { bvh.empty() }
            if bad?.1 != .wrongFieldCount {
                if let s = row.sex { writeSex(s, to: bvh, variant: row.person) } else { bvh.empty() }
            }
            bvh.endRow()
            if pass == 1 {
                if let bad { broken.append(.init(file: "bvh.csv", line: line, reason: bad.1.rawValue, column: bad.0)) }
                if duplicate { duplicates["bvh.csv", default: 0] += 1 }
            }
        }
    }

    private mutating func writeHKS(_ row: HKSRow, mess: inout SynthRandom) {
        var corruption: (String, RejectionReason)? = nil
        var duplicate = false
        if options.messy {
            if mess.bernoulli(0.01) {
                corruption = [("pleegdatum", .badDate), ("delictcategorie", .missingRequired), ("delictcategorie", .badValue),
                              ("", .wrongFieldCount)][mess.int(4)]
            } else if mess.bernoulli(0.002) {
                duplicate = true
            }
        }
        for pass in 0..<(corruption != nil || duplicate ? 2 : 1) {
            let bad = pass == 1 ? corruption : nil
            let line = hks.nextRecordLine
            hks.ascii(row.pv)
            hks.ascii(ids[row.person])
            if bad?.1 == .badDate { hks.ascii(options.messy ? "30-02-\(row.day.year)" : "\(row.day.year)-02-30") } else {
                writeDate(row.day, to: hks, mess: &mess)
            }
            hks.text(row.article)
            if let r = row.reg { hks.ascii(r) } else { hks.empty() }
            switch bad?.1 {
            case .missingRequired?: hks.empty()
            case .badValue?: hks.ascii("fraude")
            default:
                hks.text(options.messy ? row.category.rawValue.replacingOccurrences(of: "_", with: " ").capitalizedFirst
                                       : row.category.rawValue)
            }
            if let s = row.severity {
                hks.text(options.messy ? s.rawValue.replacingOccurrences(of: "_", with: " ") : s.rawValue)
            } else { hks.empty() }
            if let b = row.birth { writeDate(b, to: hks, mess: &mess) } else { hks.empty() }
            if bad?.1 != .wrongFieldCount {
                if let s = row.sex { writeSex(s, to: hks, variant: row.person) } else { hks.empty() }
            }
            hks.endRow()
            if pass == 1 {
                if let bad { broken.append(.init(file: "hks.csv", line: line, reason: bad.1.rawValue, column: bad.0)) }
                if duplicate { duplicates["hks.csv", default: 0] += 1 }
            }
        }
    }
}

extension String {
    /// The string with its first character upper-cased (`huiselijk geweld` -> `Huiselijk geweld`).
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
