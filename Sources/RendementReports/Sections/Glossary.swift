/// The section "Begrippen" (Glossary): every term and figure the reports use,
/// in words a municipal council member understands. Added to the overview
/// and to every quarterly report, before the method section.
enum Glossary {
    /// One entry: the term as it appears in the report, and what it means.
    struct Entry {
        var nl: (term: String, meaning: String)
        var en: (term: String, meaning: String)
    }

    static func add(to doc: inout ReportDocument, language: ReportLanguage) {
        let text = ReportText(language: language)
        doc.heading(text.t("Begrippen", "Glossary"))
        doc.bullets(entries.map { e in
            let (term, meaning) = language == .nl ? e.nl : e.en
            return "**\(term)** – \(meaning)"
        })
    }

    static let entries: [Entry] = [
        Entry(nl: ("Instroom", "de dag waarop iemand in een casusoverleg van het Veiligheidshuis werd besproken en een integraal plan van aanpak kreeg. Wie zo instroomt heet cliënt."),
              en: ("Intake", "the day a person was discussed in a Veiligheidshuis case meeting and got an integral plan of approach. Such a person is a client.")),
        Entry(nl: ("Politiecontact (BVH)", "een registratie bij de politie als verdachte of betrokkene bij een incident, ook bij overlast."),
              en: ("Police contact (BVH)", "a police registration as suspect or involved party in an incident, including nuisance.")),
        Entry(nl: ("Verdenking van een misdrijf (HKS)", "een proces-verbaal waarin iemand wordt verdacht van een misdrijf."),
              en: ("Suspected offence (HKS)", "a police report in which a person is suspected of a crime.")),
        Entry(nl: ("Controlegroep, koppelen", "voor iedere cliënt zoeken we iemand die nooit in een Veiligheidshuis is besproken maar in dezelfde periode met de politie in aanraking kwam, met hetzelfde geslacht, een vergelijkbare leeftijd en een vergelijkbare voorgeschiedenis. Zo zien we wat er zonder Veiligheidshuis waarschijnlijk was gebeurd."),
              en: ("Control group, matching", "for every client we look for a person who was never discussed in a Veiligheidshuis but came into contact with the police in the same period, of the same sex, a similar age and a similar history. This shows what probably would have happened without a Veiligheidshuis.")),
        Entry(nl: ("SMD (gestandaardiseerd verschil)", "hoeveel cliënten en controles op een kenmerk verschillen, gemeten in 'standaardafwijkingen'. Onder 0,1 gelden de groepen op dat kenmerk als vergelijkbaar."),
              en: ("SMD (standardised difference)", "how much clients and controls differ on a characteristic, in 'standard deviations'. Below 0.1 the groups count as comparable on it.")),
        Entry(nl: ("Anticipatieperiode", "de maanden vlak vóór instroom (standaard 3) die niet als 'gewoon niveau' meetellen: in die maanden is er vaak een crisis die tot de aanmelding leidde, en die zakt daarna vanzelf."),
              en: ("Anticipation period", "the months just before intake (3 by default) that do not count as the 'usual level': they often hold a crisis that led to the referral, which fades by itself afterwards.")),
        Entry(nl: ("Verschil-in-verschillen", "de verandering bij cliënten (na min vóór) min de verandering bij de controles, in gebeurtenissen per persoon. Negatief: bij cliënten daalde het meer."),
              en: ("Difference-in-differences", "the change among clients (after minus before) minus the change among controls, in events per person. Negative: the drop was larger among clients.")),
        Entry(nl: ("Rate ratio", "het niveau van cliënten na instroom ten opzichte van wat zonder Veiligheidshuis te verwachten was: (na/vóór bij cliënten) gedeeld door (na/vóór bij de controles). 1 = geen verschil; 0,80 = 20% lager dan verwacht; 1,20 = 20% hoger."),
              en: ("Rate ratio", "clients' level after intake relative to what was expected without a Veiligheidshuis: (after/before among clients) divided by (after/before among controls). 1 = no difference; 0.80 = 20% lower than expected; 1.20 = 20% higher.")),
        Entry(nl: ("95%-betrouwbaarheidsinterval (95%-BI)", "de marge rond een uitkomst: met deze gegevens ligt de werkelijke waarde vrijwel zeker (95%) tussen deze grenzen. Een smalle marge betekent een precieze uitkomst."),
              en: ("95% confidence interval (95% CI)", "the margin around a result: with these data the true value almost certainly (95%) lies between these bounds. A narrow margin means a precise result.")),
        Entry(nl: ("p-waarde, statistisch significant", "de kans op een verschil van deze omvang als er in werkelijkheid geen effect is. Onder 0,05 heet het verschil statistisch significant. Een hogere p-waarde betekent niet dat er geen effect is: bij weinig cliënten is een echt effect vaak niet aan te tonen."),
              en: ("p-value, statistically significant", "the chance of a difference this large if there is really no effect. Below 0.05 the difference is called statistically significant. A higher p-value does not mean there is no effect: with few clients a real effect often cannot be shown.")),
        Entry(nl: ("Placebotoets", "dezelfde vergelijking een jaar eerder, toen nog niemand was ingestroomd. Daar hoort geen verschil uit te komen; komt er wel een uit, dan is de vergelijking zelf niet te vertrouwen."),
              en: ("Placebo test", "the same comparison a year earlier, before anyone entered. It should find no difference; if it does, the comparison itself cannot be trusted.")),
        Entry(nl: ("Parallelle trend", "in de maanden vóór de vergelijkingsperiode moeten cliënten en controles gelijk oplopen of dalen. Doen ze dat niet, dan kan een verschil na instroom ook zonder Veiligheidshuis zijn ontstaan."),
              en: ("Parallel trend", "in the months before the comparison period clients and controls should rise or fall alike. If they do not, a difference after intake may have arisen without the Veiligheidshuis.")),
        Entry(nl: ("Holm-correctie", "wie veel groepen tegelijk toetst (bijvoorbeeld vier leeftijdsgroepen), vindt eerder toevallig iets. Holm maakt de p-waarden daarvoor strenger."),
              en: ("Holm correction", "testing many groups at once (four age groups, say) makes a chance finding likelier. Holm makes the p-values stricter for it.")),
        Entry(nl: ("Kaplan-Meier-curve", "het aandeel mensen dat na instroom nog geen nieuw politiecontact had, dag voor dag; wie niet lang genoeg gevolgd kon worden, telt mee zolang hij gevolgd werd."),
              en: ("Kaplan-Meier curve", "the share of people still without a new police contact after intake, day by day; those who could not be followed long enough count as long as they were followed.")),
        Entry(nl: ("Hazard ratio (Cox), log-rank-toets", "hoeveel sneller (boven 1) of langzamer (onder 1) cliënten een nieuw politiecontact krijgen dan controles; de log-rank-toets zegt of de twee curves meer verschillen dan toeval."),
              en: ("Hazard ratio (Cox), log-rank test", "how much faster (above 1) or slower (below 1) clients get a new police contact than controls; the log-rank test says whether the two curves differ more than chance.")),
        Entry(nl: ("Gepoold effect, tau², I²", "het gemiddelde effect van alle Veiligheidshuizen samen, waarbij grote huizen zwaarder wegen. tau² en I² zeggen hoeveel de Veiligheidshuizen onderling echt verschillen (I² = 0%: niet meer dan toeval)."),
              en: ("Pooled effect, tau², I²", "the average effect of all Veiligheidshuizen together, larger houses weighing more. tau² and I² say how much the houses really differ (I² = 0%: no more than chance).")),
        Entry(nl: ("<10", "een aantal onder de 10 personen wordt niet getoond, en ook alles wat daarvan is afgeleid niet, zodat niemand herkenbaar is."),
              en: ("<10", "a number below 10 persons is not shown, nor anything derived from it, so that no one can be recognised.")),
        Entry(nl: ("×", "niet getoond: de groep telt minder dan 10 personen (ook: minder dan 10 met of zonder een politiecontact), of is weggelaten zodat zo'n kleine groep niet uit de andere cijfers terug te rekenen is. Welke van de twee staat er bewust niet bij."),
              en: ("×", "not shown: the group has fewer than 10 persons (or fewer than 10 with or without a police contact), or it is left out so that such a small group cannot be worked out from the other figures. Which of the two is deliberately not said.")),
    ]
}
