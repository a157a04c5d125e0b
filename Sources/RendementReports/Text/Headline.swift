import Foundation
import RendementAnalysis
import RendementStats

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

    /// The sentence(s) for one effect row: what happened to clients and to
    /// comparable people (each against its own baseline, which ends the
    /// anticipation window before intake), the test the report leads with
    /// (the rate ratio and its p, `DifferenceInDifferences`), and whether
    /// the comparison passed its checks (`Credibility`). A drop is called an
    /// effect only when it is significant and credible; when the checks fail
    /// the text says so and why, in plain words.
    public func sentence(_ row: EffectRow, anticipationMonths: Int = 0) -> String {
        let period = windowPhrase(row.windowMonths)
        let outcome = outcomePhrase(row.source)
        if row.suppressed, row.estimate != nil {
            // Primary and secondary suppression read the same (docs/privacy.md): the reader is not told which.
            return language == .nl
                ? "De cijfers over \(outcome) in \(period) na instroom worden niet getoond: te weinig personen (minder dan \(minimumCell)) in deze groep, of in een groep die er samen met andere cijfers uit terug te rekenen zou zijn."
                : "The figures on \(outcome) in \(period) after intake are not shown: too few persons (fewer than \(minimumCell)) in this group, or in a group that could be worked out from it together with other figures."
        }
        guard !row.suppressed, let e = row.estimate else {
            return language == .nl
                ? "Over \(period) na instroom zijn te weinig cliënten (minder dan \(minimumCell)) met een vergelijkbare controlepersoon om iets te zeggen over het effect op \(outcome)."
                : "There are too few clients (fewer than \(minimumCell)) with a comparable control person to say anything about the effect on \(outcome) in \(period) after intake."
        }
        var text = changes(e.summary, period: period, outcome: outcome, anticipationMonths: anticipationMonths)
        guard let p = e.pRateRatio, let rr = e.rateRatio else {
            return text + (language == .nl
                ? " Of dit verschil toeval kan zijn, is met deze gegevens niet te toetsen (\(reasonWords(e.rateRatioReason)))."
                : " Whether this difference could be chance cannot be tested with these data (\(reasonWords(e.rateRatioReason))).")
        }
        text += " " + ratioSentence(rr, ci: e.rateRatioCI, p: p)
        if !row.credibility.credible {
            return text + " " + notCredible(row)
        }
        if p < alpha {
            let third = row.credibility.checks.contains(.staggeredPreTrend)
            text += language == .nl
                ? " Dit verschil is statistisch significant, en de controles op de vergelijking (placebo en parallelle trend vóór instroom\(third ? ", ook met cliënten die later instroomden" : "")) slaan niet aan."
                : " This difference is statistically significant, and the checks on the comparison (placebo and parallel trend before intake\(third ? ", also with clients who entered later" : "")) do not signal a problem."
        } else {
            text += language == .nl
                ? " Dit verschil is niet statistisch significant: met dit aantal cliënten kan het ook toeval zijn. Dat betekent niet dat er geen effect is."
                : " This difference is not statistically significant: with this number of clients it may be chance. That does not mean there is no effect."
        }
        return text
    }

    /// Clients' and controls' change, each against its own baseline.
    private func changes(_ s: BeforeAfterSummary, period: String, outcome: String, anticipationMonths m: Int) -> String {
        let style = NumberStyle(language)
        let baseline = m == 0
            ? (language == .nl ? "even lange periode vlak vóór instroom" : "equally long period just before intake")
            : (language == .nl ? "even lange periode die \(m) maand\(m == 1 ? "" : "en") vóór instroom eindigt"
                               : "equally long period ending \(m) month\(m == 1 ? "" : "s") before intake")
        if let cc = relativeChange(s.clientsBeforeMean, s.clientsAfterMean), let kc = relativeChange(s.controlsBeforeMean, s.controlsAfterMean) {
            let c = change(cc), k = change(kc)
            return language == .nl
                ? "In \(period) na instroom \(c.verb) het aantal \(outcome) van cliënten \(c.amount), vergeleken met een \(baseline); bij vergelijkbare personen zonder Veiligheidshuis \(k.verb) het \(k.amount)."
                : "In \(period) after intake, clients' \(outcome) \(c.verb) \(c.amount) compared with an \(baseline); among comparable people without a Veiligheidshuis they \(k.verb) \(k.amount)."
        }
        return language == .nl
            ? "In \(period) na instroom veranderde het gemiddelde aantal \(outcome) per cliënt met \(style.decimal(s.clientsAfterMean - s.clientsBeforeMean)) ten opzichte van een \(baseline), bij vergelijkbare personen met \(style.decimal(s.controlsAfterMean - s.controlsBeforeMean))."
            : "In \(period) after intake, the mean number of \(outcome) per client changed by \(style.decimal(s.clientsAfterMean - s.clientsBeforeMean)) against an \(baseline), among comparable people by \(style.decimal(s.controlsAfterMean - s.controlsBeforeMean))."
    }

    /// ("daalde", "met 20%"), ("bleef", "vrijwel gelijk"), ("steeg", "met 5%").
    private func change(_ c: Double) -> (verb: String, amount: String) {
        let style = NumberStyle(language)
        if abs(c) < 0.005 { return language == .nl ? ("bleef", "vrijwel gelijk") : ("stayed", "about the same") }
        return (verb(c), language == .nl ? "met \(style.percent(abs(c)))" : "by \(style.percent(abs(c)))")
    }

    /// The rate ratio as the relative difference it stands for, with its CI and p.
    private func ratioSentence(_ rr: Double, ci: ConfidenceInterval?, p: Double) -> String {
        let style = NumberStyle(language)
        let ciText = ci.map { language == .nl ? "95%-BI \(style.decimal($0.lower)) – \(style.decimal($0.upper))" : "95% CI \(style.decimal($0.lower)) – \(style.decimal($0.upper))" } ?? ""
        let size = style.percent(abs(1 - rr))
        let direction = rr < 1 ? (language == .nl ? "lager" : "lower") : (language == .nl ? "hoger" : "higher")
        return language == .nl
            ? "Rekening houdend met die vergelijkbare personen lag het niveau van cliënten na instroom \(size) \(direction) dan zonder Veiligheidshuis te verwachten was (rate ratio \(style.decimal(rr)), \(ciText), \(style.pValue(p)))."
            : "Taking those comparable people into account, clients' level after intake was \(size) \(direction) than expected without a Veiligheidshuis (rate ratio \(style.decimal(rr)), \(ciText), \(style.pValue(p)))."
    }

    /// Why the comparison cannot be read as an effect, in plain words.
    func notCredible(_ row: EffectRow) -> String {
        let style = NumberStyle(language)
        var why: [String] = []
        for concern in row.credibility.concerns {
            switch concern {
            case .preTrendFailed:
                let p = row.preTrend.pValue.map { ", " + style.pValue($0) } ?? ""
                why.append(language == .nl
                    ? "in de maanden vóór instroom liepen cliënten en vergelijkbare personen niet gelijk op (toets op parallelle trend\(p))"
                    : "in the months before intake clients and comparable people did not move in parallel (parallel-trend test\(p))")
            case .placeboFailed:
                let p = row.placebo.pValue.map { ", " + style.pValue($0) } ?? ""
                why.append(language == .nl
                    ? "dezelfde vergelijking een jaar eerder, toen er nog geen instroom was, vond ook al een verschil (placebotoets\(p))"
                    : "the same comparison a year earlier, before any intake, already found a difference (placebo test\(p))")
            case .staggeredPreTrendFailed:
                let p = row.credibility.staggeredPreTrendP.map { ", " + style.pValue($0) } ?? ""
                why.append(language == .nl
                    ? "in de maanden vóór instroom liepen cliënten niet gelijk op met cliënten die later instroomden (toets op parallelle trend van de tweede vergelijking\(p))"
                    : "in the months before intake clients did not move in parallel with clients who entered later (parallel-trend test of the second comparison\(p))")
            case .preTrendUnavailable, .placeboUnavailable:
                let reason = concern == .preTrendUnavailable ? row.preTrend.reason : row.placebo.reason
                why.append(language == .nl
                    ? "de controle op de vergelijking kon niet worden uitgevoerd (\(reasonWords(reason)))"
                    : "the check on the comparison could not be carried out (\(reasonWords(reason)))")
            }
        }
        let unique = Array(NSOrderedSet(array: why)) as! [String]
        return language == .nl
            ? "Dit verschil kan niet als effect van het Veiligheidshuis worden gelezen: \(unique.joined(separator: "; ")). De daling kan een terugkeer naar het gewone niveau na een crisis zijn, of een verschil tussen de groepen dat de koppeling niet wegneemt."
            : "This difference cannot be read as an effect of the Veiligheidshuis: \(unique.joined(separator: "; ")). The drop may be a return to the usual level after a crisis, or a difference between the groups that matching does not remove."
    }

    /// A reason code in words.
    func reasonWords(_ reason: EstimateReason?) -> String {
        switch (language, reason) {
        case (.nl, .tooFewSets?): "te weinig cliënten"
        case (.en, .tooFewSets?): "too few clients"
        case (.nl, .noEvents?): "in een van de groepen of perioden kwam geen enkele gebeurtenis voor"
        case (.en, .noEvents?): "one of the groups or periods has no events at all"
        case (.nl, .noVariation?): "de verschillen variëren niet"
        case (.en, .noVariation?): "the differences do not vary"
        case (.nl, .noFollowUp?): "niemand kon lang genoeg gevolgd worden"
        case (.en, .noFollowUp?): "no one could be followed long enough"
        case (.nl, .noRoom?): "het venster is te lang voor deze controle"
        case (.en, .noRoom?): "the window is too long for this check"
        case (.nl, .suppressed?): "verborgen: te weinig personen hier of in een verwante groep"
        case (.en, .suppressed?): "hidden: too few persons here or in a related group"
        case (.nl, _): "het model kon niet worden geschat"
        case (.en, _): "the model could not be estimated"
        }
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
