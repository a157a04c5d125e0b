import RendementAnalysis
import RendementCore

extension QuarterlyReport {
    /// The survival chart with its risk table, and the hazard ratios in words.
    func addSurvival(_ result: SurvivalResult, _ s: SurvivalSummary, to doc: inout ReportDocument, text: ReportText,
                     style: NumberStyle, tables: EffectTables) {
        let m = inputs.minimumCell
        func name(_ g: EventStudy.Group) -> String { g == .clients ? text.t("Cliënten", "Clients") : text.t("Controlegroep", "Control group") }
        let groups = EventStudy.Group.allCases.filter { !result.weekly(.bvh, $0).isEmpty }
        let chart = StepChart(title: text.t("Tijd tot het eerste nieuwe politiecontact", "Time to the first new police contact"),
                              xLabel: text.t("Dagen na instroom", "Days after intake"), yLabel: text.t("Nog zonder nieuw contact", "Still without a new contact"),
                              curves: groups.map { g in
                                  // Weekly points, never a single event: a point needs >= m at risk and >= m events so far;
                                  // a suppressed week is absent from the chart (NaN), not drawn flat.
                                  let points = result.weekly(.bvh, g)
                                  return .init(name: name(g), steps: points.map { p in
                                      p.atRisk >= m && p.cumulativeEvents >= m
                                          ? (p.day, p.survival, p.confidenceInterval.lower, p.confidenceInterval.upper) : (p.day, .nan, .nan, .nan)
                                  })
                              }, maxTime: 365,
                              riskTitle: text.t("Sets nog gevolgd", "Sets still followed"),
                              riskRows: groups.map { g in
                                  .init(label: name(g), counts: result.riskTable.filter { $0.source == .bvh && $0.group == g }.map { ($0.day, tables.count($0.sets)) })
                              })
        doc.chart("survival", chart.svg(),
                  caption: text.t("Kaplan-Meier: aandeel zonder nieuw politiecontact na instroom, per week, met 95%-band; gecensureerd aan het einde van de observatieperiode. De curves gebruiken alle \(tables.count(s.sets)) sets waarvan de cliënt en minstens één controle gevolgd konden worden; controles wegen 1/k binnen hun set, zoals in de effecttabellen. Wie later instroomde is korter gevolgd: onder de grafiek staat hoeveel sets er op dag 0, 91, 183, 274 en 365 nog in beeld zijn — het latere deel van de curves rust alleen op de vroege instroom. Weken met minder dan \(m) personen in risico of minder dan \(m) contacten tot dan toe zijn weggelaten.",
                                  "Kaplan-Meier: share without a new police contact after intake, per week, with a 95% band; censored at the end of the observation period. The curves use all \(tables.count(s.sets)) sets whose client and at least one control could be followed; controls weigh 1/k within their set, as in the effect tables. Later intakes are followed for a shorter time: below the chart is the number of sets still followed on days 0, 91, 183, 274 and 365 — the later part of the curves rests on the early intakes only. Weeks with fewer than \(m) persons at risk or fewer than \(m) contacts so far are left out."))
        doc.paragraph(hazardRatioText(s, text: text, style: style, tables: tables))
    }

    /// The reported (set-robust) hazard ratio, the within-set one and the stratified log-rank, or why they are missing.
    func hazardRatioText(_ s: SurvivalSummary, text: ReportText, style: NumberStyle, tables: EffectTables) -> String {
        let hr = s[.hazardRatio], within = s[.hazardRatioStratified], logRank = s[.logRank]
        func value(_ e: SurvivalSummary.Estimate) -> String {
            guard let v = e.value, let p = e.pValue else { return text.reason(e.reason ?? .invalidInput) }
            return "\(style.decimal(v)) (\(text.t("95%-BI", "95% CI")) \(tables.interval(e.confidenceInterval, digits: 2)), \(style.pValue(p)))"
        }
        let lr = logRank.pValue.map { style.pValue($0) } ?? text.reason(logRank.reason ?? .invalidInput)
        return text.t("Hoeveel sneller (boven 1) of langzamer (onder 1) cliënten een nieuw politiecontact krijgen dan controles, de hazard ratio (Cox-model; controles gewogen 1/k, standaardfouten robuust per set): \(value(hr)). Alleen binnen sets vergeleken (gestratificeerd per set): \(value(within)). Log-rank, per set: \(lr).",
                      "How much faster (above 1) or slower (below 1) clients get a new police contact than controls, the hazard ratio (Cox model; controls weighted 1/k, standard errors robust to the set): \(value(hr)). Compared within sets only (stratified by set): \(value(within)). Log-rank within sets: \(lr).")
    }
}
