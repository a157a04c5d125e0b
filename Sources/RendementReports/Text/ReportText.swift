/// The fixed texts of the reports in Dutch and English.
struct ReportText {
    let language: ReportLanguage

    func t(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    var sourceNames: (bvh: String, hks: String) {
        (t("politiecontacten (BVH)", "police contacts (BVH)"), t("verdenkingen van misdrijven (HKS)", "suspected offences (HKS)"))
    }

    func months(_ w: Int) -> String { t(w == 1 ? "1 maand" : "\(w) maanden", w == 1 ? "1 month" : "\(w) months") }

    var methodParagraphs: [String] {
        [
            t("**Wat wordt gemeten.** Voor iedere cliënt met een integraal plan van aanpak tellen we de politiecontacten (registraties in BVH als verdachte of betrokkene) en de verdenkingen van misdrijven (processen-verbaal in HKS) in de maanden vóór en na de instroom in het casusoverleg. Gebeurtenissen op de instroomdatum zelf tellen niet mee.",
              "**What is measured.** For every client with an integral plan of approach we count police contacts (BVH registrations as suspect or involved party) and suspected offences (HKS police reports) in the months before and after intake in the case meeting. Events on the intake date itself are not counted."),
            t("**De controlegroep.** Elke cliënt is gekoppeld aan een vergelijkbaar persoon die nooit in een Veiligheidshuis is besproken en in dezelfde maand als verdachte bij de politie bekend werd: zelfde geslacht en leeftijdsgroep, en een vergelijkbare voorgeschiedenis (propensity score). Zo'n persoon is alleen strafrechtelijk aangepakt. De controlegroep is niet hetzelfde als een loting: cliënten hebben vaak complexere problemen dan de controles, en daar kan de vergelijking niet helemaal voor corrigeren.",
              "**The control group.** Every client is paired with a comparable person who was never discussed in a Veiligheidshuis and became known to the police as a suspect in the same month: same sex and age group and a similar history (propensity score). Such a person was handled by criminal justice alone. The control group is not a randomised trial: clients often have more complex problems than the controls, which the comparison cannot fully correct."),
            t("**Het verschil-in-verschillen.** We vergelijken de verandering bij cliënten met de verandering bij de controles. Zo tellen trends die voor iedereen gelden (seizoenen, politiecapaciteit) niet mee als effect van het Veiligheidshuis.",
              "**The difference-in-differences.** We compare the change among clients with the change among controls, so that trends affecting everyone (seasons, police capacity) are not counted as an effect of the Veiligheidshuis."),
            t("**Registratie-effecten.** Meer aandacht voor een persoon kan eerst tot méér registraties leiden (\"je ontdekt meer\"). Een daling of stijging zegt dus iets over registraties, niet rechtstreeks over gedrag.",
              "**Registration effects.** More attention for a person can first lead to more registrations (\"you discover more\"). A fall or rise therefore says something about registrations, not directly about behaviour."),
            t("**Wat een p-waarde zegt.** Een p-waarde onder 0,05 betekent dat een verschil van deze omvang zelden door toeval alleen ontstaat. Een hogere p-waarde betekent níet dat er geen effect is: bij weinig cliënten is een echt effect vaak niet aan te tonen. Daarom staat bij iedere uitkomst het 95%-betrouwbaarheidsinterval en het kleinste effect dat met dit aantal cliënten aantoonbaar is.",
              "**What a p-value says.** A p-value below 0.05 means that a difference this large rarely arises by chance alone. A higher p-value does not mean there is no effect: with few clients a real effect often cannot be shown. That is why every result comes with its 95% confidence interval and the smallest effect this number of clients can detect."),
            t("**Privacy.** Dit rapport bevat alleen totalen. Aantallen onder de drempel worden getoond als \"<10\" en alles wat daarvan is afgeleid blijft leeg.",
              "**Privacy.** This report contains aggregates only. Counts below the threshold are shown as \"<10\" and everything derived from them is left blank."),
        ]
    }
}
