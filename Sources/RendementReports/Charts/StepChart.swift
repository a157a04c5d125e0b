/// Kaplan-Meier survival curves drawn as steps (share without a new event
/// against days since the index date), each with its confidence band, and
/// below the axis the numbers still at risk (the classic risk table), so a
/// reader sees how much each part of a curve rests on. A point whose
/// survival is NaN is suppressed: the curve is absent there (no flat line
/// through it), and starts at 100% on day 0 only when its first point is
/// shown.
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
        /// Times (ascending) with the survival at each and its CI; NaN survival for a suppressed time.
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
            for (k, run) in Self.runs(steps).enumerated() {
                // Day 0 (100%, no one has had an event) joins the curve only when its first point is shown.
                let start = k == 0 && run.first?.time == steps.first?.time ? [(time: 0.0, survival: 1.0, low: 1.0, high: 1.0)] : []
                let points = start + run
                let last = points.last!
                let stop = run.last?.time == steps.last?.time ? end : last.time
                var line: [(Double, Double)] = [], upper: [(Double, Double)] = [], lower: [(Double, Double)] = []
                for (a, b) in zip(points, points.dropFirst() + [(time: stop, survival: last.survival, low: last.low, high: last.high)]) {
                    line += [(x(a.time), y(a.survival)), (x(b.time), y(a.survival))]
                    if a.low.isFinite && a.high.isFinite {
                        upper += [(x(a.time), y(a.high)), (x(b.time), y(a.high))]
                        lower += [(x(a.time), y(a.low)), (x(b.time), y(a.low))]
                    }
                }
                if !upper.isEmpty { c.polygon(upper + lower.reversed(), fill: style.stroke, opacity: 0.12, cssClass: "band") }
                if line.count >= 2 { c.path(line, stroke: style.stroke, dash: style.dash, cssClass: "series") }
            }
        }
        drawRiskTable(on: &c, x: x, end: end)
        ChartFrame.legend(on: &c, names: curves.map(\.name))
        return c.document(title: title)
    }

    /// The stretches of shown points (finite survival) between suppressed ones.
    static func runs(_ steps: [(time: Double, survival: Double, low: Double, high: Double)])
        -> [[(time: Double, survival: Double, low: Double, high: Double)]] {
        var out: [[(time: Double, survival: Double, low: Double, high: Double)]] = [[]]
        for s in steps {
            if s.survival.isFinite { out[out.count - 1].append(s) } else if !out[out.count - 1].isEmpty { out.append([]) }
        }
        return out.filter { !$0.isEmpty }
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
