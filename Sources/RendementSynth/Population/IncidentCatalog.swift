import RendementCore

/// Incident codes ("maatschappelijke klasse") used by the generator, with a
/// description, whether the incident is a crime that can lead to an HKS
/// police report, and the HKS offence category and article it then gets.
/// The codes are illustrative: the importer keeps any code as data.
struct IncidentCatalog {
    struct Kind {
        let code: String
        let description: String
        let isCrime: Bool
        let category: OffenceCategory
        let articles: [String]
        let severity: Severity
        let weight: Double
    }

    static let kinds: [Kind] = [
        Kind(code: "E33", description: "Overlast door verward/overspannen persoon", isCrime: false, category: .overig, articles: [], severity: .licht, weight: 8),
        Kind(code: "E38", description: "Overlast jeugd", isCrime: false, category: .overig, articles: [], severity: .licht, weight: 10),
        Kind(code: "E35", description: "Burenruzie", isCrime: false, category: .overig, articles: [], severity: .licht, weight: 6),
        Kind(code: "E37", description: "Overlast zwervers", isCrime: false, category: .overig, articles: [], severity: .licht, weight: 3),
        Kind(code: "E34", description: "Overlast i.v.m. drugs/drank", isCrime: false, category: .overig, articles: [], severity: .licht, weight: 5),
        Kind(code: "F30", description: "Mishandeling", isCrime: true, category: .geweld, articles: ["Sr 300"], severity: .ernstig, weight: 6),
        Kind(code: "F31", description: "Bedreiging", isCrime: true, category: .geweld, articles: ["Sr 285"], severity: .ernstig, weight: 4),
        Kind(code: "F32", description: "Huiselijk geweld - mishandeling", isCrime: true, category: .geweld, articles: ["Sr 300", "Sr 304"], severity: .ernstig, weight: 4),
        Kind(code: "F36", description: "Zware mishandeling / straatroof", isCrime: true, category: .geweld, articles: ["Sr 302", "Sr 312"], severity: .zeerErnstig, weight: 1),
        Kind(code: "B10", description: "Winkeldiefstal", isCrime: true, category: .vermogen, articles: ["Sr 310"], severity: .ernstig, weight: 9),
        Kind(code: "B11", description: "Diefstal/inbraak woning", isCrime: true, category: .vermogen, articles: ["Sr 311"], severity: .zeerErnstig, weight: 3),
        Kind(code: "B14", description: "Fietsendiefstal", isCrime: true, category: .vermogen, articles: ["Sr 310"], severity: .ernstig, weight: 4),
        Kind(code: "B19", description: "Heling", isCrime: true, category: .vermogen, articles: ["Sr 416"], severity: .ernstig, weight: 1),
        Kind(code: "C20", description: "Vernieling/zaakbeschadiging", isCrime: true, category: .vernielingOpenbareOrde, articles: ["Sr 350"], severity: .licht, weight: 5),
        Kind(code: "C23", description: "Openlijk geweld", isCrime: true, category: .vernielingOpenbareOrde, articles: ["Sr 141"], severity: .ernstig, weight: 1),
        Kind(code: "D40", description: "Drugshandel", isCrime: true, category: .drugs, articles: ["Opw 2", "Opw 3"], severity: .zeerErnstig, weight: 2),
        Kind(code: "D41", description: "Drugsbezit", isCrime: true, category: .drugs, articles: ["Opw 10"], severity: .licht, weight: 2),
        Kind(code: "V50", description: "Rijden onder invloed", isCrime: true, category: .verkeer, articles: ["WVW 8"], severity: .licht, weight: 3),
        Kind(code: "V52", description: "Verlaten plaats ongeval", isCrime: true, category: .verkeer, articles: ["WVW 7"], severity: .licht, weight: 1),
        Kind(code: "O90", description: "Overige misdrijven", isCrime: true, category: .overig, articles: ["Sr 180", "Sr 184"], severity: .licht, weight: 2),
    ]

    static let cumulativeWeights: [Double] = {
        var total = 0.0
        return kinds.map { total += $0.weight; return total }
    }()

    /// Free-text snippets (with accents) that a messy export appends to descriptions.
    static let remarks = [
        "melding via café De Kroon", "bij coffeeshop in centrum", "overlast in portiek, geüpdatet",
        "ruzie na feestje – buren belden", "€ 50 schade", "zie ook eerder pv; ‘bekende’ van wijkagent",
        "gesprek met moeder; ‘zorgmelding’ gedaan", "politie ter plaatse, geen aanhouding",
    ]
}
