import RendementAnalysis

/// The plain-language headline of a quarterly report: what happened to
/// clients, what happened to comparable people, and how sure we are --
/// worded just as carefully when the difference is not significant or when
/// there are too few clients to say anything.
public struct Headline: Sendable {
    public var language: ReportLanguage
    public var minimumCell: Int
    public var alpha: Double

    public init(language: ReportLanguage, minimumCell: Int = 10, alpha: Double = 0.05) {
        self.language = language
        self.minimumCell = minimumCell
        self.alpha = alpha
    }

    /// The sentence(s) for one effect row.
    public func sentence(_ row: EffectRow) -> String {
        let style = NumberStyle(language)
        let period = windowPhrase(row.windowMonths)
        let outcome = outcomePhrase(row.source)
        guard !row.suppressed, let e = row.estimate else {
            return language == .nl
                ? "Over \(period) na instroom zijn te weinig cliënten (minder dan \(minimumCell)) met een vergelijkbare controlepersoon om iets te zeggen over het effect op \(outcome)."
                : "There are too few clients (fewer than \(minimumCell)) with a comparable control person to say anything about the effect on \(outcome) in \(period) after intake."
        }
        let s = e.summary
        let clientChange = relativeChange(s.clientsBeforeMean, s.clientsAfterMean)
        let controlChange = relativeChange(s.controlsBeforeMean, s.controlsAfterMean)
        var text: String
        if let cc = clientChange, let kc = controlChange {
            text = language == .nl
                ? "In \(period) na instroom \(verb(cc)) het aantal \(outcome) van cliënten met \(style.percent(abs(cc))), bij vergelijkbare personen zonder Veiligheidshuis \(verb(kc)) het met \(style.percent(abs(kc)))."
                : "In \(period) after intake, clients' \(outcome) \(verb(cc)) by \(style.percent(abs(cc))); among comparable people without a Veiligheidshuis they \(verb(kc)) by \(style.percent(abs(kc)))."
        } else {
            text = language == .nl
                ? "In \(period) na instroom veranderde het gemiddelde aantal \(outcome) per cliënt met \(style.decimal(s.clientsAfterMean - s.clientsBeforeMean)), bij vergelijkbare personen met \(style.decimal(s.controlsAfterMean - s.controlsBeforeMean))."
                : "In \(period) after intake, the mean number of \(outcome) per client changed by \(style.decimal(s.clientsAfterMean - s.clientsBeforeMean)), among comparable people by \(style.decimal(s.controlsAfterMean - s.controlsBeforeMean))."
        }
        let p = e.pRateRatio ?? e.pValue
        guard let p else {
            text += language == .nl
                ? " Of dit verschil toeval kan zijn, is met deze gegevens niet te toetsen."
                : " Whether this difference could be chance cannot be tested with these data."
            return text
        }
        if p < alpha {
            text += language == .nl
                ? " Dit verschil is statistisch significant (\(style.pValue(p)))."
                : " This difference is statistically significant (\(style.pValue(p)))."
        } else {
            text += language == .nl
                ? " Dit verschil is niet statistisch significant (\(style.pValue(p))): met dit aantal cliënten kan het ook toeval zijn. Dat betekent niet dat er geen effect is."
                : " This difference is not statistically significant (\(style.pValue(p))): with this number of clients it may be chance. That does not mean there is no effect."
        }
        return text
    }

    func relativeChange(_ before: Double, _ after: Double) -> Double? {
        before > 0 ? (after - before) / before : nil
    }

    private func verb(_ change: Double) -> String {
        switch (language, change < 0) {
        case (.nl, true): "daalde"
        case (.nl, false): "steeg"
        case (.en, true): "fell"
        case (.en, false): "rose"
        }
    }


    func windowPhrase(_ months: Int) -> String {
        let nl = [1: "de eerste maand", 2: "de eerste twee maanden", 3: "de eerste drie maanden", 6: "de eerste zes maanden",
                  12: "het eerste jaar"]
        let en = [1: "the first month", 2: "the first two months", 3: "the first three months", 6: "the first six months",
                  12: "the first year"]
        return language == .nl ? (nl[months] ?? "de eerste \(months) maanden") : (en[months] ?? "the first \(months) months")
    }

    func outcomePhrase(_ source: OutcomeSource) -> String {
        switch (language, source) {
        case (.nl, .bvh): "politiecontacten"
        case (.nl, .hks): "verdenkingen van misdrijven"
        case (.en, .bvh): "police contacts"
        case (.en, .hks): "suspected offences"
        }
    }
}
