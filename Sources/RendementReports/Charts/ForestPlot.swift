/// A forest plot: one row per Veiligheidshuis with its estimate and CI as a
/// square and a line, the pooled estimate as a diamond at the bottom, and a
/// vertical line at the null value (0 for a difference, 1 for a ratio).
/// Ratios (null value 1, all values positive) are drawn on a logarithmic
/// axis, so 0.5 and 2 lie equally far from 1 and small ratios are not
/// squeezed together; tick labels use the report's decimal separator.
public struct ForestPlot: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var estimate: Double
        public var low: Double
        public var high: Double
        public var pooled: Bool

        public init(label: String, estimate: Double, low: Double, high: Double, pooled: Bool = false) {
            self.label = label
            self.estimate = estimate
            self.low = low
            self.high = high
            self.pooled = pooled
        }
    }

    public var title: String
    public var xLabel: String
    public var rows: [Row]
    public var nullValue: Double
    /// The language of the tick labels (decimal comma in Dutch).
    public var language: ReportLanguage

    public init(title: String, xLabel: String, rows: [Row], nullValue: Double, language: ReportLanguage = .nl) {
        self.title = title
        self.xLabel = xLabel
        self.rows = rows
        self.nullValue = nullValue
        self.language = language
    }

    /// Whether the axis is logarithmic: a ratio with every bound positive.
    public var logarithmic: Bool { nullValue == 1 && rows.allSatisfy { $0.low > 0 && $0.estimate > 0 && $0.high > 0 } }

    public func svg() -> String {
        let rowHeight = 22.0
        var c = SVGCanvas(width: 680, height: 110 + rowHeight * Double(rows.count), margin: (48, 24, 56, 200))
        let values = rows.flatMap { [$0.low, $0.high, $0.estimate] } + [nullValue]
        let position: (Double) -> Double, ticks: [Double]
        if logarithmic {
            let scale = LogScale(values: values, include: nullValue, range: (c.plotLeft, c.plotRight))
            (position, ticks) = ({ scale($0) }, scale.ticks())
            c.add("<g class=\"axis-log\"></g>")
        } else {
            let scale = LinearScale(domain: LinearScale.niceDomain(values, includeZero: false), range: (c.plotLeft, c.plotRight))
            (position, ticks) = ({ scale($0) }, scale.ticks(count: 6))
        }
        let x = position
        c.text(title, x: c.width / 2, y: 24, size: 15, weight: "bold", cssClass: "title")
        for t in ticks {
            c.line(x(t), c.plotTop, x(t), c.plotBottom, stroke: "#eeeeee")
            c.text(ChartFrame.tick(t, language: language), x: x(t), y: c.plotBottom + 16, size: 11, cssClass: "x-tick")
        }
        c.line(c.plotLeft, c.plotBottom, c.plotRight, c.plotBottom, width: 1.2)
        c.line(x(nullValue), c.plotTop, x(nullValue), c.plotBottom, stroke: "#000", width: 1, dash: "4 3")
        for (i, r) in rows.enumerated() {
            let y = c.plotTop + rowHeight * (Double(i) + 0.5)
            c.text(r.label, x: c.plotLeft - 8, y: y + 4, anchor: "end", size: 11, weight: r.pooled ? "bold" : "normal", cssClass: "row-label")
            if r.pooled {
                c.add("<path class=\"pooled\" d=\"M\(SVGCanvas.f(x(r.low))),\(SVGCanvas.f(y)) L\(SVGCanvas.f(x(r.estimate))),\(SVGCanvas.f(y - 7)) L\(SVGCanvas.f(x(r.high))),\(SVGCanvas.f(y)) L\(SVGCanvas.f(x(r.estimate))),\(SVGCanvas.f(y + 7)) Z\" fill=\"#000\"/>")
            } else {
                c.add("<g class=\"estimate\">")
                c.line(x(r.low), y, x(r.high), y, width: 1.5)
                c.marker(.square, x: x(r.estimate), y: y, size: 4)
                c.add("</g>")
            }
        }
        c.text(xLabel, x: (c.plotLeft + c.plotRight) / 2, y: c.height - 20, size: 12, cssClass: "x-label")
        return c.document(title: title)
    }
}
