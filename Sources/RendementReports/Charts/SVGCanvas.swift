import Foundation
import RendementCore

/// A minimal SVG writer: a fixed-size canvas, a plot area with linear (or
/// log) scales, and escaped text. Charts are drawn for grey-scale printing:
/// series differ by dash pattern and marker shape, never by colour alone.
struct SVGCanvas {
    let width: Double
    let height: Double
    let margin: (top: Double, right: Double, bottom: Double, left: Double)
    private(set) var body: [String] = []

    init(width: Double = 640, height: Double = 400, margin: (top: Double, right: Double, bottom: Double, left: Double) = (48, 24, 64, 72)) {
        self.width = width
        self.height = height
        self.margin = margin
    }

    var plotLeft: Double { margin.left }
    var plotRight: Double { width - margin.right }
    var plotTop: Double { margin.top }
    var plotBottom: Double { height - margin.bottom }

    /// Every text of a chart (titles, labels, legend entries: data among
    /// them) goes through the SVG escaper.
    static func escape(_ s: String) -> String { Escaping.svg(s) }

    static func f(_ x: Double) -> String { String(format: "%.2f", x) }

    mutating func add(_ element: String) { body.append(element) }

    mutating func text(_ s: String, x: Double, y: Double, anchor: String = "middle", size: Double = 12,
                       weight: String = "normal", rotate: Double? = nil, cssClass: String? = nil) {
        let transform = rotate.map { " transform=\"rotate(\(Self.f($0)) \(Self.f(x)) \(Self.f(y)))\"" } ?? ""
        let cls = cssClass.map { " class=\"\($0)\"" } ?? ""
        add("<text x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(Self.f(size))\" font-weight=\"\(weight)\"\(transform)\(cls)>\(Self.escape(s))</text>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#000", width: Double = 1, dash: String? = nil) {
        let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        add("<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.f(width))\"\(d)/>")
    }

    mutating func path(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String?, cssClass: String, fill: String = "none") {
        guard let first = points.first else { return }
        var d = "M\(Self.f(first.0)),\(Self.f(first.1))"
        for p in points.dropFirst() { d += " L\(Self.f(p.0)),\(Self.f(p.1))" }
        let dashAttr = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        add("<path class=\"\(cssClass)\" d=\"\(d)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.f(width))\"\(dashAttr)/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double, cssClass: String) {
        guard !points.isEmpty else { return }
        let list = points.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " ")
        add("<polygon class=\"\(cssClass)\" points=\"\(list)\" fill=\"\(fill)\" fill-opacity=\"\(Self.f(opacity))\" stroke=\"none\"/>")
    }

    mutating func marker(_ shape: ChartSeriesStyle.Marker, x: Double, y: Double, size: Double = 4) {
        switch shape {
        case .circle:
            add("<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"\(Self.f(size))\" fill=\"#000\"/>")
        case .square:
            add("<rect x=\"\(Self.f(x - size))\" y=\"\(Self.f(y - size))\" width=\"\(Self.f(2 * size))\" height=\"\(Self.f(2 * size))\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>")
        case .diamond:
            add("<path d=\"M\(Self.f(x)),\(Self.f(y - size * 1.4)) L\(Self.f(x + size * 1.4)),\(Self.f(y)) L\(Self.f(x)),\(Self.f(y + size * 1.4)) L\(Self.f(x - size * 1.4)),\(Self.f(y)) Z\" fill=\"#000\"/>")
        case .none:
            break
        }
    }

    /// The finished document with a title element for accessibility.
    func document(title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.f(width))" height="\(Self.f(height))" viewBox="0 0 \(Self.f(width)) \(Self.f(height))" role="img" font-family="Helvetica, Arial, sans-serif">
        <title>\(Self.escape(title))</title>
        <rect width="100%" height="100%" fill="#fff"/>
        \(body.joined(separator: "\n"))
        </svg>
        """
    }
}

/// How one series is drawn, readable in grey-scale.
public struct ChartSeriesStyle: Sendable {
    public enum Marker: Sendable { case circle, square, diamond, none }
    public var stroke: String
    public var dash: String?
    public var marker: Marker

    /// Styles in order of series: black solid with dots, dark grey dashed with squares, grey dotted with diamonds.
    public static let sequence = [
        ChartSeriesStyle(stroke: "#000000", dash: nil, marker: .circle),
        ChartSeriesStyle(stroke: "#555555", dash: "6 4", marker: .square),
        ChartSeriesStyle(stroke: "#888888", dash: "2 3", marker: .diamond),
    ]
}

/// A linear scale from data values to pixels, with "nice" tick values
/// (1, 2 or 5 times a power of ten).
struct LinearScale {
    let domain: (Double, Double)
    let range: (Double, Double)

    init(domain: (Double, Double), range: (Double, Double)) {
        var lo = domain.0, hi = domain.1
        if !(hi > lo) { lo -= 1; hi += 1 }
        self.domain = (lo, hi)
        self.range = range
    }

    func callAsFunction(_ x: Double) -> Double {
        range.0 + (x - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
    }

    func ticks(count: Int = 5) -> [Double] {
        let span = domain.1 - domain.0
        let raw = span / Double(max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var t = ceil(domain.0 / step) * step
        var out: [Double] = []
        while t <= domain.1 + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return out
    }

    /// Expands a data range to include nice bounds and, optionally, zero.
    static func niceDomain(_ values: [Double], includeZero: Bool) -> (Double, Double) {
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if hi == lo { hi = lo + 1 }
        let pad = (hi - lo) * 0.05
        return (includeZero && lo == 0 ? 0 : lo - pad, hi + pad)
    }
}

/// A logarithmic scale from positive data values to pixels, for ratios
/// (rate ratios, hazard ratios): equal distances for equal factors, so 0.5
/// and 2 lie as far from 1 on either side. Ticks at 1, 2 and 5 times powers
/// of ten (and 0.25 / 4 when the range is narrow).
struct LogScale {
    let domain: (Double, Double)
    let range: (Double, Double)

    /// A scale covering `values` (positive ones only) and `include`, padded by 10% in log terms.
    init(values: [Double], include: Double = 1, range: (Double, Double)) {
        let logs = (values.filter { $0 > 0 && $0.isFinite } + [include]).map { log10($0) }
        var lo = logs.min()!, hi = logs.max()!
        if hi - lo < 0.3 { lo -= 0.15; hi += 0.15 }
        let pad = (hi - lo) * 0.08
        domain = (pow(10, lo - pad), pow(10, hi + pad))
        self.range = range
    }

    func callAsFunction(_ x: Double) -> Double {
        let l0 = log10(domain.0), l1 = log10(domain.1)
        return range.0 + (log10(max(x, domain.0 / 10)) - l0) / (l1 - l0) * (range.1 - range.0)
    }

    /// Tick values inside the domain: 1, 2, 5 x 10^k (plus 0.25, 0.5, 2, 4 when that gives too few).
    func ticks() -> [Double] {
        let kLow = Int(floor(log10(domain.0))), kHigh = Int(ceil(log10(domain.1)))
        var out: [Double] = []
        for k in kLow...kHigh {
            for m in [1.0, 2, 5] {
                let v = m * pow(10, Double(k))
                if v >= domain.0 && v <= domain.1 { out.append(v) }
            }
        }
        if out.count < 3 {
            out = [0.25, 0.5, 0.75, 1, 1.5, 2, 4].filter { $0 >= domain.0 && $0 <= domain.1 }
        }
        return out
    }
}
