import RendementStats

/// Age as a continuous moderator: the least-squares slope of the set-level
/// difference d on the client's age at intake, per source and window, with a
/// 95% CI and p-value (OLS with model-based standard errors, as statsmodels
/// `OLS(d, [1, age]).fit()`). A positive slope means the drop is larger the
/// younger the client (the first-month hypothesis of the pilot).
public struct AgeModeration: Sendable {
    public struct Row: Sendable {
        public var source: OutcomeSource
        public var windowMonths: Int
        public var sets: Int
        public var slope: Double?
        public var slopeCI: (low: Double, high: Double)?
        public var pValue: Double?
        public var intercept: Double?
    }

    public static func estimate(_ sets: [AnalysisSet], counter: WindowCounter, windows: [Int]) -> [Row] {
        var rows: [Row] = []
        for source in OutcomeSource.allCases {
            for w in windows {
                var ages: [Double] = [], d: [Double] = []
                for s in sets {
                    guard let c = counter.counts(s, source: source, months: w) else { continue }
                    ages.append(Double(s.client.age))
                    d.append(c.difference)
                }
                var row = Row(source: source, windowMonths: w, sets: d.count)
                if d.count >= 3, Set(ages).count >= 2,
                   let fit = try? OrdinaryLeastSquares.fit(rows: ages.map { [1, $0] }, y: d) {
                    let ci = fit.coefficients.confidenceIntervals()[1]
                    row.slope = fit.coefficients.estimates[1]
                    row.intercept = fit.coefficients.estimates[0]
                    row.slopeCI = (ci.lower, ci.upper)
                    row.pValue = fit.coefficients.pValues[1]
                }
                rows.append(row)
            }
        }
        return rows
    }
}
