/// A line chart of one or more series over x, each with an optional
/// confidence band, a legend, axis labels and an optional vertical marker
/// (e.g. the index date at x = 0). Used for the event study (monthly events
/// from -12 to +12 months) and for trends over quarters.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Lower and upper bound at each point (same x order), or empty.
        public var band: [(x: Double, low: Double, high: Double)]

        public init(name: String, points: [(x: Double, y: Double)], band: [(x: Double, low: Double, high: Double)] = []) {
            self.name = name
            self.points = points
            self.band = band
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var verticalMarker: (x: Double, label: String)?
    /// Tick labels for x values (e.g. quarter names); numbers when nil.
    public var xTickLabels: [Double: String]?
    /// A hatched x range with a label (e.g. the anticipation months before intake).
    public var shadedRange: (from: Double, to: Double, label: String)?

    public init(title: String, xLabel: String, yLabel: String, series: [Series],
                verticalMarker: (x: Double, label: String)? = nil, xTickLabels: [Double: String]? = nil,
                shadedRange: (from: Double, to: Double, label: String)? = nil) {
        self.shadedRange = shadedRange
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.verticalMarker = verticalMarker
        self.xTickLabels = xTickLabels
    }

    public func svg() -> String {
        var c = SVGCanvas()
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.low, $0.high] } }
        let x = LinearScale(domain: (xs.min() ?? 0, xs.max() ?? 1), range: (c.plotLeft, c.plotRight))
        let y = LinearScale(domain: LinearScale.niceDomain(ys, includeZero: true), range: (c.plotBottom, c.plotTop))
        ChartFrame.draw(on: &c, title: title, xLabel: xLabel, yLabel: yLabel, x: x, y: y, xTickLabels: xTickLabels)
        if let r = shadedRange {
            let left = x(max(r.from, x.domain.0)), right = x(min(r.to, x.domain.1))
            c.polygon([(left, c.plotTop), (right, c.plotTop), (right, c.plotBottom), (left, c.plotBottom)],
                      fill: "#000", opacity: 0.08, cssClass: "shaded")
            c.text(r.label, x: left + 2, y: c.plotBottom - 6, anchor: "start", size: 10)
        }
        if let m = verticalMarker {
            c.line(x(m.x), c.plotTop, x(m.x), c.plotBottom, stroke: "#000", width: 1, dash: "3 3")
            c.text(m.label, x: x(m.x) + 4, y: c.plotTop + 12, anchor: "start", size: 11)
        }
        for (i, s) in series.enumerated() where !s.band.isEmpty {
            let upper = s.band.map { (x($0.x), y($0.high)) }
            let lower = s.band.reversed().map { (x($0.x), y($0.low)) }
            c.polygon(upper + lower, fill: ChartSeriesStyle.sequence[i % 3].stroke, opacity: 0.15, cssClass: "band")
        }
        for (i, s) in series.enumerated() {
            let style = ChartSeriesStyle.sequence[i % 3]
            c.path(s.points.map { (x($0.x), y($0.y)) }, stroke: style.stroke, dash: style.dash, cssClass: "series")
            for p in s.points { c.marker(style.marker, x: x(p.x), y: y(p.y), size: 3) }
        }
        ChartFrame.legend(on: &c, names: series.map(\.name))
        return c.document(title: title)
    }
}
