/// A love plot of covariate balance: the absolute standardised mean
/// difference of each covariate before matching (open square) and after
/// (filled dot), with the 0.1 threshold as a dashed line (Austin 2009).
public struct LovePlot: Sendable {
    public struct Row: Sendable {
        public var covariate: String
        public var before: Double
        public var after: Double

        public init(covariate: String, before: Double, after: Double) {
            self.covariate = covariate
            self.before = before
            self.after = after
        }
    }

    public var title: String
    public var xLabel: String
    public var legend: (before: String, after: String)
    public var rows: [Row]
    public var threshold: Double
    /// The language of the tick labels (decimal comma in Dutch).
    public var language: ReportLanguage

    public init(title: String, xLabel: String, legend: (before: String, after: String), rows: [Row], threshold: Double = 0.1,
                language: ReportLanguage = .nl) {
        self.language = language
        self.title = title
        self.xLabel = xLabel
        self.legend = legend
        self.rows = rows
        self.threshold = threshold
    }

    public func svg() -> String {
        let rowHeight = 24.0
        var c = SVGCanvas(width: 640, height: 120 + rowHeight * Double(rows.count), margin: (48, 24, 72, 180))
        let maxValue = max(threshold * 1.5, rows.flatMap { [abs($0.before), abs($0.after)] }.filter(\.isFinite).max() ?? 0)
        let x = LinearScale(domain: (0, maxValue * 1.05), range: (c.plotLeft, c.plotRight))
        c.text(title, x: c.width / 2, y: 24, size: 15, weight: "bold", cssClass: "title")
        for t in x.ticks(count: 5) {
            c.line(x(t), c.plotTop, x(t), c.plotBottom, stroke: "#eeeeee")
            c.text(ChartFrame.tick(t, language: language), x: x(t), y: c.plotBottom + 16, size: 11, cssClass: "x-tick")
        }
        c.line(c.plotLeft, c.plotBottom, c.plotRight, c.plotBottom, width: 1.2)
        c.line(x(threshold), c.plotTop, x(threshold), c.plotBottom, stroke: "#000", dash: "4 3")
        for (i, r) in rows.enumerated() {
            let y = c.plotTop + rowHeight * (Double(i) + 0.5)
            c.text(r.covariate, x: c.plotLeft - 8, y: y + 4, anchor: "end", size: 11, cssClass: "row-label")
            c.line(c.plotLeft, y, c.plotRight, y, stroke: "#f2f2f2")
            if r.before.isFinite { c.marker(.square, x: x(abs(r.before)), y: y, size: 4) }
            if r.after.isFinite { c.marker(.circle, x: x(abs(r.after)), y: y, size: 4) }
        }
        c.text(xLabel, x: (c.plotLeft + c.plotRight) / 2, y: c.height - 38, size: 12, cssClass: "x-label")
        let ly = c.height - 14
        c.marker(.square, x: c.plotLeft + 6, y: ly - 4, size: 4)
        c.text(legend.before, x: c.plotLeft + 16, y: ly, anchor: "start", size: 11, cssClass: "legend")
        c.marker(.circle, x: c.plotLeft + 180, y: ly - 4, size: 4)
        c.text(legend.after, x: c.plotLeft + 190, y: ly, anchor: "start", size: 11, cssClass: "legend")
        return c.document(title: title)
    }
}
