/// Kaplan-Meier survival curves drawn as steps (share without a new event
/// against days since the index date), each with its confidence band, and
/// below the axis the numbers still at risk (the classic risk table), so a
/// reader sees how much each part of a curve rests on.
public struct StepChart: Sendable {
    /// One row of the risk table: a label and the (already formatted) count at some times.
    public struct RiskRow: Sendable {
        public var label: String
        public var counts: [(time: Double, text: String)]

        public init(label: String, counts: [(time: Double, text: String)]) {
            self.label = label
            self.counts = counts
        }
    }

    public struct Curve: Sendable {
        public var name: String
        /// Event times with the survival just after each and its CI.
        public var steps: [(time: Double, survival: Double, low: Double, high: Double)]

        public init(name: String, steps: [(time: Double, survival: Double, low: Double, high: Double)]) {
            self.name = name
            self.steps = steps
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var curves: [Curve]
    public var maxTime: Double?
    /// Heading of the risk table (e.g. "Sets still followed").
    public var riskTitle: String
    public var riskRows: [RiskRow]

    public init(title: String, xLabel: String, yLabel: String, curves: [Curve], maxTime: Double? = nil,
                riskTitle: String = "", riskRows: [RiskRow] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.curves = curves
        self.maxTime = maxTime
        self.riskTitle = riskTitle
        self.riskRows = riskRows
    }

    public func svg() -> String {
        let extra = riskRows.isEmpty ? 0.0 : 18 * Double(riskRows.count + 1)
        // A risk table needs room for its row labels left of the axis.
        var c = SVGCanvas(height: 400 + extra, margin: (48, 24, 64 + extra, riskRows.isEmpty ? 72 : 112))
        let end = maxTime ?? (curves.flatMap { $0.steps.map(\.time) }.max() ?? 1)
        let x = LinearScale(domain: (0, end), range: (c.plotLeft, c.plotRight))
        let y = LinearScale(domain: (0, 1), range: (c.plotBottom, c.plotTop))
        ChartFrame.draw(on: &c, title: title, xLabel: xLabel, yLabel: yLabel, x: x, y: y,
                        yTickFormat: { "\(Int(($0 * 100).rounded()))%" })
        for (i, curve) in curves.enumerated() {
            let style = ChartSeriesStyle.sequence[i % 3]
            let steps = curve.steps.filter { $0.time <= end }
            var line: [(Double, Double)] = [(x(0), y(1))]
            var upper: [(Double, Double)] = [(x(0), y(1))], lower: [(Double, Double)] = [(x(0), y(1))]
            var previous = (s: 1.0, lo: 1.0, hi: 1.0)
            for s in steps {
                line += [(x(s.time), y(previous.s)), (x(s.time), y(s.survival))]
                if s.low.isFinite && s.high.isFinite {
                    upper += [(x(s.time), y(previous.hi)), (x(s.time), y(s.high))]
                    lower += [(x(s.time), y(previous.lo)), (x(s.time), y(s.low))]
                    previous = (s.survival, s.low, s.high)
                } else {
                    previous.s = s.survival
                }
            }
            line.append((x(end), y(previous.s)))
            upper.append((x(end), y(previous.hi)))
            lower.append((x(end), y(previous.lo)))
            c.polygon(upper + lower.reversed(), fill: style.stroke, opacity: 0.12, cssClass: "band")
            c.path(line, stroke: style.stroke, dash: style.dash, cssClass: "series")
        }
        drawRiskTable(on: &c, x: x, end: end)
        ChartFrame.legend(on: &c, names: curves.map(\.name))
        return c.document(title: title)
    }

    /// The risk table between the tick labels and the axis label.
    private func drawRiskTable(on c: inout SVGCanvas, x: LinearScale, end: Double) {
        guard !riskRows.isEmpty else { return }
        var y = c.plotBottom + 38
        c.text(riskTitle, x: 8, y: y, anchor: "start", size: 10, weight: "bold", cssClass: "risk-title")
        for row in riskRows {
            y += 18
            c.text(row.label, x: c.plotLeft - 16, y: y, anchor: "end", size: 10, cssClass: "risk-label")
            for (time, text) in row.counts where time <= end {
                c.text(text, x: x(time), y: y, size: 10, cssClass: "risk-count")
            }
        }
    }
}
