import RendementCohorts

/// The balance of the matching covariates, for the reports: a table, what an
/// imbalance means for the conclusion and what to do about it, and the
/// covariates' names in words.
enum BalanceSection {
    /// The balance table: means of clients and candidates before matching, of the matched controls after, and the SMDs.
    static func table(_ rows: [BalanceRow], minimumCell m: Int, text: ReportText, style: NumberStyle) -> ReportTable {
        var display: [[String]] = [], csv: [[String]] = []
        for r in rows {
            let hidden = r.clientsAfter < m || r.clientsBefore < m
            func f(_ x: Double?) -> String { hidden ? "–" : (x.map { style.decimal($0) } ?? "–") }
            display.append([covariateName(r.covariate, text), f(r.before?.clientsMean), f(r.before?.controlsMean), f(r.before?.smd),
                            f(r.after?.controlsMean), f(r.after?.smd), hidden ? "–" : (r.smdFlag ? text.t("let op", "check") : "")])
            func c(_ x: Double?) -> String { hidden ? "" : (x.map { "\($0)" } ?? "") }
            csv.append([r.covariate, c(r.before?.clientsMean), c(r.before?.controlsMean), c(r.before?.smd), c(r.after?.clientsMean),
                        c(r.after?.controlsMean), c(r.after?.smd), hidden ? "" : String(r.smdFlag), String(hidden)])
        }
        return ReportTable(name: "balance",
                           caption: text.t("Kenmerken bij instroom: gemiddelden van cliënten en van alle kandidaat-controles vóór koppelen, en van de gekoppelde controles; SMD = gestandaardiseerd verschil (|SMD| > 0,1: let op).",
                                           "Characteristics at intake: means of clients and of all candidate controls before matching, and of the matched controls; SMD = standardised difference (|SMD| > 0.1: check)."),
                           header: [text.t("Kenmerk", "Covariate"), text.t("Cliënten", "Clients"), text.t("Kandidaten", "Candidates"), "SMD",
                                    text.t("Gekoppelde controles", "Matched controls"), text.t("SMD na", "SMD after"), ""],
                           rows: display,
                           csvHeader: ["covariate", "clients_mean_before", "candidates_mean_before", "smd_before", "clients_mean_after",
                                       "controls_mean_after", "smd_after", "flag_smd", "suppressed"], csvRows: csv)
    }

    /// What an imbalance after matching means for the conclusion, and what to
    /// do about it, in plain words; nil when every shown |SMD| is within 0.1.
    static func guidance(_ rows: [BalanceRow], minimumCell m: Int, text: ReportText) -> String? {
        let flagged = rows.filter { $0.clientsAfter >= m && $0.clientsBefore >= m && $0.smdFlag }
        guard !flagged.isEmpty else { return nil }
        let names = flagged.map { covariateName($0.covariate, text) }.joined(separator: ", ")
        return text.t(
            "**Wat betekent het als groepen niet vergelijkbaar zijn?** Op \(names) verschillen cliënten en hun controles na het koppelen nog meer dan 0,1 SMD. Het verschil-in-verschillen en de rate ratio vangen een verschil in niveau op, maar als zo'n kenmerk samenhangt met hoe het politiecontact zich ontwikkelt (jongeren groeien er bijvoorbeeld sneller uit), kan de vergelijking scheef zijn. Lees de uitkomst dan als een aanwijzing, en kijk of de controles op de vergelijking (placebotoets en parallelle trend) slagen. Voor onderzoekers: koppel opnieuw met een ruimere instroommaand (`rendement match --month-tolerance 2`) of met minder exacte kenmerken (`--exact sex`), en vergelijk de uitkomsten.",
            "**What does it mean when groups are not comparable?** On \(names) clients and their controls still differ by more than 0.1 SMD after matching. The difference-in-differences and the rate ratio absorb a difference in level, but if such a characteristic is related to how police contact develops (young people grow out of it faster, for example), the comparison may be biased. Read the result as an indication, and check whether the checks on the comparison (placebo test and parallel trend) pass. For researchers: match again with a wider intake month (`rendement match --month-tolerance 2`) or fewer exact characteristics (`--exact sex`), and compare the results.")
    }

    static func covariateName(_ key: String, _ text: ReportText) -> String {
        switch key {
        case "age": text.t("leeftijd", "age")
        case "sex_man": text.t("man", "male")
        case "bvh_history_12m": text.t("politiecontacten, maand 36–25 vooraf", "police contacts, months 36–25 before")
        case "bvh_history_recent_6m": text.t("politiecontacten, maand 30–25 vooraf", "police contacts, months 30–25 before")
        case "hks_history_12m": text.t("verdenkingen, maand 36–25 vooraf", "suspected offences, months 36–25 before")
        case "hks_history_60m": text.t("verdenkingen, 5 jaar tot 2 jaar vooraf", "suspected offences, 5 years to 2 years before")
        case "months_known": text.t("maanden bekend bij de politie (tot 2 jaar vooraf)", "months known to the police (up to 2 years before)")
        default: ReportMarkup.literal(key)
        }
    }

}
