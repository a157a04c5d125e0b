import RendementAnalysis
import RendementCore

extension QuarterlyReport {
    /// The section "Samenwerking" (issue 16, docs/cooperation.md): the
    /// indicators of the house's registrations and its Stappenmeter scores,
    /// this quarter against earlier quarters, from the stored run. A figure
    /// over fewer persons or questionnaires than the threshold shows "–".
    func addCooperation(to doc: inout ReportDocument) {
        doc.heading(text.t("Samenwerking", "Cooperation"))
        guard let c = inputs.stored.cooperation else {
            doc.paragraph(text.t("Deze analyse is gemaakt met een eerdere versie van rendement, zonder de cijfers over de samenwerking; draai rendement analyze opnieuw.",
                                 "This analysis was made by an earlier version of rendement, without the figures on the cooperation; run rendement analyze again."))
            return
        }
        doc.paragraph(text.t("Wat het casusoverleg zelf doet, naast wat er met de cliënten gebeurt: hoeveel mensen er worden aangemeld en een integraal plan van aanpak krijgen, hoe snel, hoe vaak ze terugkomen, en hoe de deelnemers met de Stappenmeter de samenwerking zelf beoordelen. Het zijn beschrijvende cijfers: ze zeggen niet wat de samenwerking teweegbrengt.",
                             "What the case meeting itself does, beside what happens to its clients: how many people are registered and get an integral plan of approach, how fast, how often they come back, and how the participants rate the cooperation itself with the Stappenmeter. These figures describe; they do not say what the cooperation brings about."))
        addIndicators(c.indicators, to: &doc)
        let mine = c.stappenmeter.filter { i in i.scores.cells.contains { $0.veiligheidshuis == house } }
        doc.heading(text.t("De Stappenmeter", "The Stappenmeter"), level: 3)
        if mine.isEmpty {
            doc.paragraph(text.t("Er zijn (nog) geen Stappenmeters van \(name) ingelezen (rendement import stappenmeter).",
                                 "No Stappenmeters of \(name) have been imported (yet) (rendement import stappenmeter)."))
        }
        for (k, i) in mine.enumerated() { addStappenmeter(i, index: k, to: &doc) }
    }

    /// The indicators of the rolling years (four quarters of intake) ending in the eight quarters up to this one, all target groups together.
    func addIndicators(_ indicators: CooperationIndicators, to doc: inout ReportDocument) {
        let m = inputs.minimumCell
        var display: [[String]] = [], csv: [[String]] = []
        for q in recentQuarters {
            let cell = indicators.cell(house: house, quarter: q, rollingYear: true)
            let persons = cell?.persons ?? 0
            guard let cell, cell.showsCounts(m) else {
                // Hidden to protect another cell: the hidden mark, never the count.
                let shown = cell?.hidden?.counts != true
                display.append([q.description, tables.count(cell?.registrations ?? 0, shown: shown), tables.count(persons, shown: shown), "–", "–", "–", "–"])
                csv.append([q.description, tables.csvCount(cell?.registrations ?? 0, shown: shown), tables.csvCount(persons, shown: shown),
                            "", "", "", "", "", "", "true"])
                continue
            }
            let days = cell.planDays.flatMap { $0.persons >= m ? $0 : nil }
            let partners = cell.partners.flatMap { $0.persons >= m ? $0 : nil }
            let planShare = cell.showsPlan(m) ? cell.planShare : nil, repeatShare = cell.showsRepeats(m) ? cell.repeatShare : nil
            display.append([q.description, tables.count(cell.registrations), tables.count(cell.persons), planShare.map { style.percent($0) } ?? "–",
                            days.map { "\(style.decimal($0.median, digits: 0)) (\(tables.interval((low: $0.q1, high: $0.q3), digits: 0)))" } ?? "–",
                            repeatShare.map { style.percent($0) } ?? "–", partners.map { style.decimal($0.mean, digits: 1) } ?? "–"])
            csv.append([q.description, String(cell.registrations), String(cell.persons), tables.csvNumber(planShare),
                        tables.csvNumber(days?.q1), tables.csvNumber(days?.median), tables.csvNumber(days?.q3), tables.csvNumber(repeatShare),
                        tables.csvNumber(partners?.mean), "false"])
        }
        doc.table(ReportTable(
            name: "samenwerking-indicatoren",
            caption: text.t("Aanmeldingen bij \(name) per voortschrijdend jaar: de instroom in de vier kwartalen tot en met elk kwartaal (alle doelgroepen; de cijfers per kwartaal en per doelgroep staan in cooperation_indicators.csv): aantal aanmeldingen en personen; het deel met een integraal plan van aanpak; het aantal dagen van instroom tot het plan (mediaan, met daartussen de middelste helft van de aanmeldingen); het deel dat binnen 12 maanden na een eerdere aanmelding bij dit Veiligheidshuis opnieuw is aangemeld; en het gemiddelde aantal betrokken partners per casus (waar geregistreerd). – : minder dan \(m) personen, of niet geregistreerd.",
                            "Registrations at \(name) per rolling year: the intakes in the four quarters up to each quarter (all target groups; the figures per quarter and per target group are in cooperation_indicators.csv): registrations and persons; the share with an integral plan of approach; the days from intake to the plan (median, with the middle half of the registrations between); the share registered again within 12 months of an earlier registration at this Veiligheidshuis; and the mean number of partners involved per case (where recorded). – : fewer than \(m) persons, or not recorded."),
            header: [text.t("Jaar tot en met", "Year up to"), text.t("Aanmeldingen", "Registrations"), text.t("Personen", "Persons"),
                     text.t("Met plan van aanpak", "With plan of approach"), text.t("Dagen tot plan (mediaan, middelste helft)", "Days to plan (median, middle half)"),
                     text.t("Opnieuw binnen 12 maanden", "Again within 12 months"), text.t("Partners per casus", "Partners per case")],
            rows: display,
            csvHeader: ["rolling_year_to", "registrations", "persons", "plan_share", "plan_days_q1", "plan_days_median", "plan_days_q3", "repeat_share",
                        "partners_mean", "suppressed"],
            csvRows: csv))
        addIndicatorChart(indicators, to: &doc)
    }

    /// The share with a plan of approach per rolling year: this house against all Veiligheidshuizen.
    func addIndicatorChart(_ indicators: CooperationIndicators, to doc: inout ReportDocument) {
        let m = inputs.minimumCell
        func series(_ h: String?) -> [(x: Double, y: Double)] {
            recentQuarters.enumerated().map { i, q in
                let c = indicators.cell(house: h, quarter: q, rollingYear: true)
                return (Double(i), c.map { $0.showsPlan(m) ? $0.planShare * 100 : .nan } ?? .nan)
            }
        }
        let own = series(house), all = series(nil)
        guard own.filter({ $0.y.isFinite }).count >= 2 else { return }
        let labels = Dictionary(uniqueKeysWithValues: recentQuarters.enumerated().map { (Double($0.offset), $0.element.description) })
        doc.chart("samenwerking-plan", LineChart(
            title: text.t("Aanmeldingen met een plan van aanpak", "Registrations with a plan of approach"),
            xLabel: text.t("Laatste kwartaal van het jaar van instroom", "Last quarter of the intake year"), yLabel: text.t("Met plan van aanpak (%)", "With plan of approach (%)"),
            series: [.init(name: house, points: own), .init(name: text.t("Alle Veiligheidshuizen", "All Veiligheidshuizen"), points: all)],
            xTickLabels: labels, language: language).svg(),
            caption: text.t("Het deel van de aanmeldingen met een integraal plan van aanpak, per voortschrijdend jaar van instroom, bij \(name) en bij alle Veiligheidshuizen samen; een onderbreking is een jaar met minder dan \(m) personen.",
                            "The share of registrations with an integral plan of approach, per rolling year of intake, at \(name) and at all Veiligheidshuizen together; a break is a year with fewer than \(m) persons."))
    }

    /// One instrument's scores: per step this quarter, the quarter before, all quarters, and all houses this quarter; a chart of the total; the trend; the association.
    func addStappenmeter(_ i: CooperationResults.InstrumentScores, index: Int, to doc: inout ReportDocument) {
        let m = inputs.minimumCell
        let instrument = i.instrument
        let title = ReportMarkup.literal(language == .nl ? instrument.title.nl : instrument.title.en)
        let previous = quarter.adding(-1)
        func cell(_ h: String?, _ q: Quarter?, _ step: String?) -> String {
            guard let c = i.scores.cell(house: h, quarter: q, step: step), c.n >= m else { return "–" }
            return "\(style.decimal(c.mean, digits: 1)) (\(tables.interval(c.ci, digits: 1))), n\(NumberStyle.nbsp)=\(NumberStyle.nbsp)\(tables.count(c.n))"
        }
        func csvCells(_ h: String?, _ q: Quarter?, _ step: String?) -> [String] {
            guard let c = i.scores.cell(house: h, quarter: q, step: step), c.n >= m else { return ["", "", "", ""] }
            return [String(c.n), "\(c.mean)", tables.csvNumber(c.ci?.lower), tables.csvNumber(c.ci?.upper)]
        }
        let steps: [(id: String?, label: String)] = instrument.steps.map { ($0.id, ReportMarkup.literal(language == .nl ? $0.nl : $0.en)) }
            + [(nil, text.t("**Totaal** (gemiddelde van de gescoorde stappen)", "**Total** (mean of the steps scored)"))]
        var display: [[String]] = [], csv: [[String]] = []
        for s in steps {
            display.append([s.label, cell(house, quarter, s.id), cell(house, previous, s.id), cell(house, nil, s.id), cell(nil, quarter, s.id)])
            csv.append([s.id ?? "total"] + csvCells(house, quarter, s.id) + csvCells(house, previous, s.id) + csvCells(house, nil, s.id) + csvCells(nil, quarter, s.id))
        }
        let scale = "\(instrument.scale.min)–\(instrument.scale.max)"
        doc.paragraph(text.t("\(title) (\(ReportMarkup.literal(instrument.name))): per stap een score van \(scale) (\(scaleText(instrument))). \(tables.count(i.forms)) vragenlijsten in totaal; van \(name) \(tables.count(i.scores.cell(house: house, quarter: nil, step: nil)?.n ?? 0)).",
                             "\(title) (\(ReportMarkup.literal(instrument.name))): per step a score of \(scale) (\(scaleText(instrument))). \(tables.count(i.forms)) questionnaires in all; from \(name) \(tables.count(i.scores.cell(house: house, quarter: nil, step: nil)?.n ?? 0))."))
        doc.table(ReportTable(
            name: "stappenmeter-\(index + 1)",
            caption: text.t("Gemiddelde score per stap met 95%-BI en het aantal vragenlijsten (n): dit kwartaal, het vorige kwartaal en alle kwartalen van \(name), en alle Veiligheidshuizen dit kwartaal. – : minder dan \(m) vragenlijsten.",
                            "Mean score per step with 95% CI and the number of questionnaires (n): this quarter, the previous quarter and all quarters of \(name), and all Veiligheidshuizen this quarter. – : fewer than \(m) questionnaires."),
            header: [text.t("Stap", "Step"), "\(quarter)", "\(previous)", text.t("Alle kwartalen", "All quarters"), text.t("Alle huizen, \(quarter)", "All houses, \(quarter)")],
            rows: display,
            csvHeader: ["step"] + ["quarter", "previous_quarter", "all_quarters", "all_houses_quarter"].flatMap { ["\($0)_n", "\($0)_mean", "\($0)_ci_low", "\($0)_ci_high"] },
            csvRows: csv))
        addStappenmeterChart(i, index: index, to: &doc)
        addTrend(i, to: &doc)
        addAssociation(i, to: &doc)
    }

    /// "1 = helemaal niet, 5 = volledig" (the labels of the scale's ends, where given).
    func scaleText(_ instrument: StappenmeterInstrument) -> String {
        let ends = instrument.scale.labels.filter { $0.score == instrument.scale.min || $0.score == instrument.scale.max }
        guard !ends.isEmpty else { return text.t("hoger is beter", "higher is better") }
        return ends.map { "\($0.score) = \(ReportMarkup.literal(language == .nl ? $0.nl : $0.en))" }.joined(separator: ", ")
    }

    /// The mean total per quarter with its 95% band, this house against all houses.
    func addStappenmeterChart(_ i: CooperationResults.InstrumentScores, index: Int, to doc: inout ReportDocument) {
        let m = inputs.minimumCell
        var own: [(x: Double, y: Double)] = [], band: [(x: Double, low: Double, high: Double)] = [], all: [(x: Double, y: Double)] = []
        for (k, q) in recentQuarters.enumerated() {
            let c = i.scores.cell(house: house, quarter: q, step: nil).flatMap { $0.n >= m ? $0 : nil }
            own.append((Double(k), c?.mean ?? .nan))
            band.append((Double(k), c?.ci?.lower ?? .nan, c?.ci?.upper ?? .nan))
            let a = i.scores.cell(house: nil, quarter: q, step: nil).flatMap { $0.n >= m ? $0 : nil }
            all.append((Double(k), a?.mean ?? .nan))
        }
        guard own.filter({ $0.y.isFinite }).count >= 2 else {
            doc.paragraph(text.t("Te weinig kwartalen met minstens \(m) vragenlijsten van \(name) voor een grafiek.",
                                 "Too few quarters with at least \(m) questionnaires from \(name) for a chart."))
            return
        }
        let labels = Dictionary(uniqueKeysWithValues: recentQuarters.enumerated().map { (Double($0.offset), $0.element.description) })
        doc.chart("stappenmeter-\(index + 1)", LineChart(
            title: text.t("Stappenmeter: totaalscore per kwartaal", "Stappenmeter: total score per quarter"),
            xLabel: text.t("Kwartaal van invullen", "Quarter completed"),
            yLabel: text.t("Gemiddelde totaalscore (\(i.instrument.scale.min)–\(i.instrument.scale.max))", "Mean total score (\(i.instrument.scale.min)–\(i.instrument.scale.max))"),
            series: [.init(name: house, points: own, band: band), .init(name: text.t("Alle Veiligheidshuizen", "All Veiligheidshuizen"), points: all)],
            xTickLabels: labels, language: language).svg(),
            caption: text.t("De gemiddelde totaalscore van \(name) per kwartaal met 95%-band, naast het gemiddelde van alle Veiligheidshuizen; een onderbreking is een kwartaal met minder dan \(m) vragenlijsten.",
                            "The mean total score of \(name) per quarter with 95% band, beside the mean of all Veiligheidshuizen; a break is a quarter with fewer than \(m) questionnaires."))
    }

    /// The house's trend of the total over all its quarters, in words.
    func addTrend(_ i: CooperationResults.InstrumentScores, to doc: inout ReportDocument) {
        guard let t = i.trend(house: house, step: nil) else { return }
        let span = "\(t.firstQuarter)–\(t.lastQuarter)"
        if t.n < inputs.minimumCell {
            doc.paragraph(text.t("Trend: minder dan \(inputs.minimumCell) vragenlijsten, niet getoond.", "Trend: fewer than \(inputs.minimumCell) questionnaires, not shown."))
        } else if let slope = t.slopePerQuarter, let p = t.pValue {
            let direction = p >= 0.05 ? text.t("er is geen duidelijke trend", "there is no clear trend")
                : slope > 0 ? text.t("de totaalscore stijgt", "the total score rises") : text.t("de totaalscore daalt", "the total score falls")
            doc.paragraph(text.t("**Trend \(span)** (\(t.quarters) kwartalen, \(tables.count(t.n)) vragenlijsten): \(direction); per kwartaal \(style.decimal(slope, digits: 3)) punt (95%-BI \(tables.interval(t.ci, digits: 3)), \(style.pValue(p)); toets op een rechte lijn door de scores).",
                                 "**Trend \(span)** (\(t.quarters) quarters, \(tables.count(t.n)) questionnaires): \(direction); per quarter \(style.decimal(slope, digits: 3)) point (95% CI \(tables.interval(t.ci, digits: 3)), \(style.pValue(p)); a test of a straight line through the scores)."))
        } else {
            doc.paragraph(text.t("Trend: niet te bepalen (\(t.reason == "too_few_quarters" ? "minder dan 3 kwartalen met vragenlijsten" : "geen variatie in de scores")).",
                                 "Trend: cannot be determined (\(t.reason == "too_few_quarters" ? "fewer than 3 quarters with questionnaires" : "no variation in the scores"))."))
        }
    }

    /// The exploratory ecological association, labelled as such.
    func addAssociation(_ i: CooperationResults.InstrumentScores, to doc: inout ReportDocument) {
        let a = i.association
        let warning = text.t("Verkennend en ecologisch, niet causaal: dit vergelijkt gemiddelden van Veiligheidshuizen en kwartalen, niet cliënten. Huizen met een hogere score verschillen ook op veel andere punten, en de voorzitter beoordeelt zijn eigen overleg; een verband zegt dus niet dat betere samenwerking de recidive verlaagt.",
                             "Exploratory and ecological, not causal: this compares means of Veiligheidshuizen and quarters, not clients. Houses with a higher score differ in many other ways too, and the chair rates his own meeting; an association therefore does not say that better cooperation lowers reoffending.")
        if let slope = a.slope, let r = a.pearsonR, let p = a.pValue {
            doc.paragraph(text.t("**Samenhang met het effect (verkennend).** Over \(a.points.count) combinaties van Veiligheidshuis en kwartaal met genoeg vragenlijsten en cliënten: per punt hogere totaalscore verandert het verschil-in-verschillen van politiecontacten (\(text.months(a.windowMonths)) na instroom) met \(style.decimal(slope, digits: 2)) (95%-BI \(tables.interval(a.ci, digits: 2)), \(style.pValue(p)); r = \(style.decimal(r, digits: 2))). ",
                                 "**Association with the effect (exploratory).** Over \(a.points.count) combinations of Veiligheidshuis and quarter with enough questionnaires and clients: per point higher total score the difference-in-differences of police contacts (\(text.months(a.windowMonths)) after intake) changes by \(style.decimal(slope, digits: 2)) (95% CI \(tables.interval(a.ci, digits: 2)), \(style.pValue(p)); r = \(style.decimal(r, digits: 2))). ") + warning)
        } else {
            doc.paragraph(text.t("**Samenhang met het effect (verkennend).** Niet te bepalen: \(a.points.count) combinaties van Veiligheidshuis en kwartaal hebben zowel minstens \(inputs.minimumCell) vragenlijsten als een gepubliceerd effect (er zijn er minstens 3 nodig). ",
                                 "**Association with the effect (exploratory).** Cannot be determined: \(a.points.count) combinations of Veiligheidshuis and quarter have both at least \(inputs.minimumCell) questionnaires and a published effect (at least 3 are needed). ") + warning)
        }
    }
}
