import RendementAnalysis
import RendementCore

extension OverviewReport {
    /// The main cooperation indicators of a Veiligheidshuis over all its
    /// quarters, for the side-by-side table: the share of registrations with
    /// a plan of approach, the median days from intake to the plan, and the
    /// mean Stappenmeter total (of the instrument the house used most).
    /// Figures over fewer persons or questionnaires than the threshold are "–" (empty in the CSV).
    struct CooperationColumns {
        let results: CooperationResults?
        let minimumCell: Int
        let text: ReportText
        let style: NumberStyle

        var header: [String] {
            [text.t("Met plan van aanpak", "With plan of approach"), text.t("Dagen tot plan", "Days to plan"), text.t("Stappenmeter", "Stappenmeter")]
        }
        static let csvHeader = ["plan_share", "plan_days_median", "repeat_share", "stappenmeter_instrument", "stappenmeter_n", "stappenmeter_total_mean"]

        /// The display and CSV cells of one house.
        func cells(_ house: String) -> (display: [String], csv: [String]) {
            let m = minimumCell
            let c = results?.indicators.cell(house: house, quarter: nil).flatMap { $0.showsCounts(m) ? $0 : nil }
            let days = c?.planDays.flatMap { $0.persons >= m ? $0 : nil }
            let scored: (CooperationResults.InstrumentScores, StappenmeterScores.Cell)? = (results?.stappenmeter ?? [])
                .compactMap { i in i.scores.cell(house: house, quarter: nil, step: nil).map { (i, $0) } }
                .max { $0.1.n < $1.1.n }
            let total = scored.flatMap { $0.1.n >= m ? $0 : nil }
            let plan = c.flatMap { $0.showsPlan(m) ? $0.planShare : nil }, repeats = c.flatMap { $0.showsRepeats(m) ? $0.repeatShare : nil }
            var display: [String] = [plan.map { style.percent($0) } ?? "–", days.map { style.decimal($0.median, digits: 0) } ?? "–"]
            var csv: [String] = [plan.map { "\($0)" } ?? "", days.map { "\($0.median)" } ?? "", repeats.map { "\($0)" } ?? ""]
            if let (instrument, cell) = total {
                let scale = "\(instrument.instrument.scale.min)–\(instrument.instrument.scale.max)"
                display.append("\(style.decimal(cell.mean, digits: 1)) (\(scale))")
                csv += [instrument.instrument.name, String(cell.n), "\(cell.mean)"]
            } else {
                display.append("–")
                csv += ["", "", ""]
            }
            return (display, csv)
        }
    }
}
