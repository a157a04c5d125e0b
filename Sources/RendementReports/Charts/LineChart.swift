import Foundation

/// A line chart of one or more series over x, each with an optional
/// confidence band, a legend, axis labels and an optional vertical marker
/// (e.g. the index date at x = 0). Used for the event study (monthly events
/// from -24 to +12 months) and for trends over quarters. A point whose y is
/// NaN is a gap (e.g. a suppressed quarter): the line and the band stop
/// there and start again after it, so nothing is drawn where there is no
/// figure. Tick labels use the report's decimal separator.
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
    /// The language of the tick labels (decimal comma in Dutch).
    public var language: ReportLanguage
    /// A ratio on a logarithmic y axis with 1 marked (rate ratios): equal
    /// factors lie equally far from 1. Values must be positive.
    public var logarithmic: Bool = false

    public init(title: String, xLabel: String, yLabel: String, series: [Series],
                verticalMarker: (x: Double, label: String)? = nil, xTickLabels: [Double: String]? = nil,
                shadedRange: (from: Double, to: Double, label: String)? = nil, language: ReportLanguage = .nl, logarithmic: Bool = false) {
        self.logarithmic = logarithmic
        self.shadedRange = shadedRange
        self.language = language
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
        let ys = series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.low, $0.high] } }.filter(\.isFinite)
        let x = LinearScale(domain: (xs.min() ?? 0, xs.max() ?? 1), range: (c.plotLeft, c.plotRight))
        let y: (Double) -> Double
        if logarithmic {
            // A linear scale over log10 of the values; ticks at 1, 2, 5 x 10^k (and 1 marked).
            let log = LogScale(values: ys, include: 1, range: (c.plotBottom, c.plotTop))
            let linear = LinearScale(domain: (log10(log.domain.0), log10(log.domain.1)), range: (c.plotBottom, c.plotTop))
            ChartFrame.draw(on: &c, title: title, xLabel: xLabel, yLabel: yLabel, x: x, y: linear, xTickLabels: xTickLabels,
                            yTickFormat: { ChartFrame.tick(pow(10, $0), language: language) }, language: language,
                            yTickValues: log.ticks().map { log10($0) })
            c.line(c.plotLeft, linear(0), c.plotRight, linear(0), stroke: "#000", width: 1, dash: "4 3")
            y = { linear(log10(max($0, 1e-9))) }
        } else {
            let linear = LinearScale(domain: LinearScale.niceDomain(ys, includeZero: true), range: (c.plotBottom, c.plotTop))
            ChartFrame.draw(on: &c, title: title, xLabel: xLabel, yLabel: yLabel, x: x, y: linear, xTickLabels: xTickLabels, language: language)
            y = { linear($0) }
        }
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
            for run in Self.runs(s.band, isGap: { !($0.low.isFinite && $0.high.isFinite) }) where run.count >= 2 {
                let upper = run.map { (x($0.x), y($0.high)) }
                let lower = run.reversed().map { (x($0.x), y($0.low)) }
                c.polygon(upper + lower, fill: ChartSeriesStyle.sequence[i % 3].stroke, opacity: 0.15, cssClass: "band")
            }
        }
        for (i, s) in series.enumerated() {
            let style = ChartSeriesStyle.sequence[i % 3]
            for run in Self.runs(s.points, isGap: { !$0.y.isFinite }) {
                if run.count >= 2 { c.path(run.map { (x($0.x), y($0.y)) }, stroke: style.stroke, dash: style.dash, cssClass: "series") }
                for p in run { c.marker(style.marker, x: x(p.x), y: y(p.y), size: 3) }
            }
        }
        ChartFrame.legend(on: &c, names: series.map(\.name))
        return c.document(title: title)
    }

    /// The stretches of `items` between gaps.
    static func runs<T>(_ items: [T], isGap: (T) -> Bool) -> [[T]] {
        var out: [[T]] = [[]]
        for item in items {
            if isGap(item) { if !out[out.count - 1].isEmpty { out.append([]) } } else { out[out.count - 1].append(item) }
        }
        return out.filter { !$0.isEmpty }
    }
}
