import Foundation

/// The parts every chart shares: title, axes with ticks and labels, gridlines
/// and the legend.
enum ChartFrame {
    static func draw(on c: inout SVGCanvas, title: String, xLabel: String, yLabel: String, x: LinearScale, y: LinearScale,
                     xTickLabels: [Double: String]? = nil, yTickFormat: ((Double) -> String)? = nil, language: ReportLanguage = .en,
                     yTickValues: [Double]? = nil) {
        c.text(title, x: c.width / 2, y: 24, size: 15, weight: "bold", cssClass: "title")
        for t in yTickValues ?? y.ticks() {
            c.line(c.plotLeft, y(t), c.plotRight, y(t), stroke: "#dddddd", width: 1)
            c.text(yTickFormat?(t) ?? tick(t, language: language), x: c.plotLeft - 6, y: y(t) + 4, anchor: "end", size: 11, cssClass: "y-tick")
        }
        let xTicks = xTickLabels.map { $0.keys.sorted() } ?? x.ticks(count: 8)
        for t in xTicks {
            c.line(x(t), c.plotBottom, x(t), c.plotBottom + 4)
            c.text(xTickLabels?[t] ?? tick(t, language: language), x: x(t), y: c.plotBottom + 18, size: 11, cssClass: "x-tick")
        }
        c.line(c.plotLeft, c.plotBottom, c.plotRight, c.plotBottom, width: 1.2)
        c.line(c.plotLeft, c.plotTop, c.plotLeft, c.plotBottom, width: 1.2)
        c.text(xLabel, x: (c.plotLeft + c.plotRight) / 2, y: c.height - 28, size: 12, cssClass: "x-label")
        c.text(yLabel, x: 18, y: (c.plotTop + c.plotBottom) / 2, size: 12, rotate: -90, cssClass: "y-label")
    }

    static func legend(on c: inout SVGCanvas, names: [String]) {
        var x = c.plotLeft
        let y = c.height - 10
        for (i, name) in names.enumerated() {
            let style = ChartSeriesStyle.sequence[i % 3]
            c.line(x, y - 4, x + 28, y - 4, stroke: style.stroke, width: 2, dash: style.dash)
            c.marker(style.marker, x: x + 14, y: y - 4, size: 3)
            c.text(name, x: x + 34, y: y, anchor: "start", size: 11, cssClass: "legend")
            x += 44 + Double(name.count) * 6.5
        }
    }

    /// A tick label: whole numbers as such, others with the shortest decimals,
    /// with a decimal comma in Dutch (as the text of the report).
    static func tick(_ v: Double, language: ReportLanguage = .en) -> String {
        if v == v.rounded() && abs(v) < 1e9 { return String(Int(v)) }
        var s = String(format: "%.4f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return language == .nl ? s.replacingOccurrences(of: ".", with: ",") : s
    }
}
