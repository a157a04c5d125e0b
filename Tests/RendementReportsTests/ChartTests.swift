import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import RendementReports

/// Renders each chart and checks that it is well-formed XML (SVG) with the
/// expected title, series, bands, labels and legend entries.
final class ChartTests: XCTestCase {
    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var texts: [String] = []
        private var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes)); current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" || name == "title" { texts.append(current) }
            current = ""
        }
    }

    private func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> Collector {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")", file: file, line: line)
        XCTAssertEqual(collector.elements.first?.name, "svg", file: file, line: line)
        return collector
    }

    private func count(_ c: Collector, _ cls: String) -> Int { c.elements.filter { $0.attributes["class"] == cls }.count }

    /// Tick texts of an axis, read back from the SVG (elements of class `x-tick`/`y-tick`).
    private func ticks(_ svg: String, _ cls: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "class=\"\(cls)\"[^>]*>([^<]*)<")
        return pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { String(svg[Range($0.range(at: 1), in: svg)!]) }
    }

    /// Rate ratios from 0.07 to 1.3: on a log axis the ticks are factors
    /// (0.1, 0.2, 0.5, 1), 1 is marked, and 0.5 and 2 lie equally far from 1.
    func testForestPlotOfRatiosUsesALogAxisWithOneMarked() throws {
        let rows = [ForestPlot.Row(label: "A", estimate: 0.07, low: 0.05, high: 0.11), ForestPlot.Row(label: "B", estimate: 0.5, low: 0.3, high: 0.9),
                    ForestPlot.Row(label: "C", estimate: 1.1, low: 0.9, high: 1.3), ForestPlot.Row(label: "Gepoold", estimate: 0.4, low: 0.3, high: 0.55, pooled: true)]
        let plot = ForestPlot(title: "RR", xLabel: "x", rows: rows, nullValue: 1, language: .nl)
        XCTAssertTrue(plot.logarithmic)
        let svg = plot.svg()
        _ = parse(svg)
        XCTAssertEqual(ticks(svg, "x-tick"), ["0,05", "0,1", "0,2", "0,5", "1"], "factor ticks with decimal commas")
        let scale = LogScale(values: [0.05, 2], include: 1, range: (0, 100))
        XCTAssertEqual(scale(1) - scale(0.5), scale(2) - scale(1), accuracy: 1e-9, "equal factors, equal distances")
        XCTAssertTrue(svg.contains("stroke-dasharray=\"4 3\""), "the null value 1 is drawn as a dashed line")
        let differences = ForestPlot(title: "d", xLabel: "x", rows: [.init(label: "A", estimate: -0.2, low: -0.5, high: 0.1)], nullValue: 0)
        XCTAssertFalse(differences.logarithmic, "differences stay on a linear axis")
    }

    func testDutchTickLabelsUseADecimalComma() {
        let points = (0..<5).map { (Double($0), 0.1 * Double($0)) }
        let nl = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: points)], language: .nl).svg()
        XCTAssertTrue(ticks(nl, "y-tick").contains("0,1"), "\(ticks(nl, "y-tick"))")
        XCTAssertFalse(ticks(nl, "y-tick").contains { $0.contains(".") })
        let en = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: points)], language: .en).svg()
        XCTAssertTrue(ticks(en, "y-tick").contains("0.1"))
    }

    /// A suppressed quarter (NaN) breaks the line: two path pieces, no point drawn for it.
    func testAGapInASeriesIsNotJoined() {
        let points: [(x: Double, y: Double)] = [(0, 12), (1, 15), (2, .nan), (3, 14), (4, 18)]
        let c = parse(LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: points)]).svg())
        XCTAssertEqual(count(c, "series"), 2, "the line stops at the gap and starts again after it")
        let joined = parse(LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: points.filter { $0.y.isFinite })]).svg())
        XCTAssertEqual(count(joined, "series"), 1)
    }

    /// Suppressed weeks at the start of a survival curve are absent: the curve
    /// starts at its first shown week, not as a flat 100% line from day 0.
    func testSuppressedWeeksOfASurvivalCurveAreAbsentNotFlat() throws {
        func steps(suppressedWeeks: Int) -> [(time: Double, survival: Double, low: Double, high: Double)] {
            (1...20).map { (w: Int) -> (time: Double, survival: Double, low: Double, high: Double) in
                let t = Double(7 * w), s: Double = 1 - 0.02 * Double(w)
                return w <= suppressedWeeks ? (t, Double.nan, Double.nan, Double.nan) : (t, s, s - 0.1, 1.0)
            }
        }
        /// The x where the first curve starts: `<path class="series" d="Mx,y ...`.
        func firstX(_ svg: String) throws -> Double {
            let marker = "<path class=\"series\" d=\"M"
            let start = try XCTUnwrap(svg.range(of: marker)).upperBound
            let digits = svg[start...].prefix { $0 != "," }
            return try XCTUnwrap(Double(String(digits)))
        }
        let full = StepChart(title: "t", xLabel: "x", yLabel: "y", curves: [.init(name: "a", steps: steps(suppressedWeeks: 0))], maxTime: 140).svg()
        let late = StepChart(title: "t", xLabel: "x", yLabel: "y", curves: [.init(name: "a", steps: steps(suppressedWeeks: 9))], maxTime: 140).svg()
        _ = parse(late)
        XCTAssertGreaterThan(try firstX(late), try firstX(full) + 100, "the curve starts at week 10, not at day 0")
        let holed = steps(suppressedWeeks: 0).enumerated().map { $0.offset == 10 ? (time: $0.element.time, survival: Double.nan, low: Double.nan, high: Double.nan) : $0.element }
        XCTAssertEqual(count(parse(StepChart(title: "t", xLabel: "x", yLabel: "y", curves: [.init(name: "a", steps: holed)], maxTime: 140).svg()), "series"), 2,
                       "a suppressed week in the middle breaks the curve")
    }

    func testEventStudyLineChart() {
        let months = Array(-12...(-1)) + Array(1...12)
        let clients = LineChart.Series(name: "Cliënten", points: months.map { (Double($0), $0 < 0 ? 0.3 : 0.2) },
                                       band: months.map { (Double($0), 0.1, 0.4) })
        let controls = LineChart.Series(name: "Controlegroep <vergelijkbaar> & co", points: months.map { (Double($0), 0.25) })
        let chart = LineChart(title: "Politiecontacten per maand", xLabel: "Maanden t.o.v. instroom", yLabel: "Gemiddeld aantal",
                              series: [clients, controls], verticalMarker: (0, "instroom"))
        let c = parse(chart.svg())
        XCTAssertEqual(count(c, "series"), 2)
        XCTAssertEqual(count(c, "band"), 1)
        XCTAssertTrue(c.texts.contains("Politiecontacten per maand"))
        XCTAssertTrue(c.texts.contains("Maanden t.o.v. instroom"))
        XCTAssertTrue(c.texts.contains("Controlegroep <vergelijkbaar> & co"), "text is escaped and reads back")
        XCTAssertEqual(count(c, "legend"), 2)
        XCTAssertNotNil(c.elements.first { $0.name == "path" && $0.attributes["stroke-dasharray"] != nil },
                        "the second series is dashed, readable in grey-scale")
    }

    func testForestPlotStepChartAndLovePlot() {
        let forest = ForestPlot(title: "Effect per Veiligheidshuis", xLabel: "Verschil", rows: [
            .init(label: "Fryslân", estimate: -0.2, low: -0.5, high: 0.1),
            .init(label: "Twente", estimate: -0.1, low: -0.3, high: 0.1),
            .init(label: "Gepoold", estimate: -0.15, low: -0.3, high: 0, pooled: true),
        ], nullValue: 0)
        let f = parse(forest.svg())
        XCTAssertEqual(count(f, "estimate"), 2)
        XCTAssertEqual(count(f, "pooled"), 1)
        XCTAssertEqual(count(f, "row-label"), 3)

        let km = StepChart(title: "Tijd tot eerste contact", xLabel: "Dagen", yLabel: "Zonder nieuw contact", curves: [
            .init(name: "Cliënten", steps: [(10, 0.9, 0.8, 0.95), (40, 0.7, 0.6, 0.8)]),
            .init(name: "Controles", steps: [(5, 0.8, 0.7, 0.9)]),
        ], maxTime: 365)
        let k = parse(km.svg())
        XCTAssertEqual(count(k, "series"), 2)
        XCTAssertEqual(count(k, "band"), 2)

        let love = LovePlot(title: "Balans", xLabel: "|SMD|", legend: ("voor", "na"), rows: [
            .init(covariate: "leeftijd", before: 0.3, after: 0.02), .init(covariate: "man", before: -0.05, after: 0.01),
        ])
        let l = parse(love.svg())
        XCTAssertEqual(count(l, "row-label"), 2)
        XCTAssertEqual(l.elements.filter { $0.name == "circle" }.count, 3, "two 'after' dots plus the legend dot")
    }

    func testNumberStyle() {
        let nl = NumberStyle(.nl), en = NumberStyle(.en)
        XCTAssertEqual(nl.count(1234567), "1.234.567")
        XCTAssertEqual(en.count(1234567), "1,234,567")
        XCTAssertEqual(nl.decimal(-0.384, digits: 2), "-0,38")
        XCTAssertEqual(nl.decimal(1234.5, digits: 1), "1.234,5")
        XCTAssertEqual(en.decimal(1234.5, digits: 1), "1,234.5")
        XCTAssertEqual(nl.percent(0.381), "38%")
        XCTAssertEqual(nl.pValue(0.0031), "p\u{00A0}=\u{00A0}0,003")
        XCTAssertEqual(nl.pValue(0.00001), "p\u{00A0}<\u{00A0}0,001")
        XCTAssertEqual(en.pValue(0.42), "p\u{00A0}=\u{00A0}0.42")
        XCTAssertEqual(nl.count(7, threshold: 10), "<10")
        XCTAssertEqual(nl.count(0, threshold: 10), "0")
        XCTAssertEqual(nl.count(12, threshold: 10), "12")
    }
}
